// Which tools exist in a turn is decided here, in code, from the role — never by a prompt.
// A tool whose dependency is not wired is not offered at all (never a tool that fakes success).
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { KnowledgeStore } from "../knowledge/types.js";
import { listContactsTool } from "./contacts/tool.js";
import { LIST_CONTACTS } from "./contacts/schema.js";
import type { ToolRole } from "./context.js";
import { FORGET_KNOWLEDGE } from "./forget/schema.js";
import { forgetKnowledgeTool } from "./forget/tool.js";
import { requestHumanTool } from "./handoff/tool.js";
import { knowledgeSearchTool } from "./knowledge/tool.js";
import type { ContactMemory } from "../knowledge/memory/types.js";
import { FORGET_MY_MEMORY, MY_MEMORY } from "./memory/schema.js";
import { forgetMyMemoryTool, myMemoryTool } from "./memory/tool.js";
import type { ContactDirectory, KnowledgeAdmin } from "./owner/types.js";
import { INGESTION_STATUS } from "./ingest/schema.js";
import { ingestionStatusTool } from "./ingest/tool.js";
import { ADD_TEXT_DOCUMENT } from "./ingest/add-schema.js";
import { addTextDocumentTool } from "./ingest/add-tool.js";
import type { DocumentIntake, DocumentStatusSource } from "./ingest/types.js";
import { TEACH_FACT } from "./teach/schema.js";
import { teachFactTool } from "./teach/tool.js";
import { USAGE_REPORT } from "./usage/schema.js";
import { usageReportTool } from "./usage/tool.js";
import type { UsageSource } from "./usage/types.js";
import { LIST_BOOKINGS } from "./calendar/contract.js";
import {
  bookAppointmentTool, cancelBookingTool, checkAvailabilityTool, listBookingsTool, myBookingsTool, rescheduleBookingTool,
} from "./calendar/tools.js";
import type { CalendarService } from "./calendar/types.js";
import { PAYMENT_LINK, PAYMENT_STATUS, REFUND_PAYMENT, SEND_PAYMENT_LINK } from "./payments/schema.js";
import { paymentStatusTool } from "./payments/status-tool.js";
import { paymentLinkTool } from "./payments/link-tool.js";
import { sendPaymentLinkTool } from "./payments/send-tool.js";
import { refundPaymentTool } from "./payments/refund-tool.js";
import type { PaymentTools } from "./payments/types.js";
import { CAMPAIGN_CONTROL, CAMPAIGN_RESULTS, LAUNCH_CAMPAIGN, PLAN_CAMPAIGN, REVISE_CAMPAIGN } from "./campaigns/schema.js";
import { campaignControlTool, campaignResultsTool, launchCampaignTool, planCampaignTool, reviseCampaignTool } from "./campaigns/tools.js";
import type { CampaignTools } from "./campaigns/types.js";

export interface ToolDeps {
  knowledge: KnowledgeStore;
  /** The knowledge store's "relevant enough" score (forget_knowledge's search fallback). */
  minScore: number;
  /** list_contacts is offered to owners only when this exists. */
  directory?: ContactDirectory;
  /** teach_fact and forget_knowledge are offered to owners only when this exists. */
  knowledgeAdmin?: KnowledgeAdmin;
  /** Leads' my_memory / forget_my_memory (their own facts) are offered only when this exists. */
  memory?: ContactMemory;
  /** Owners' ingestion_status (documents they added and their progress) is offered only when this exists. */
  documents?: DocumentStatusSource;
  /** Owners' add_text_document (pasted text → a document) is offered only when this exists. */
  intake?: DocumentIntake;
  /** Owners' usage_report (what the assistant cost this month) is offered only when this exists. */
  usage?: UsageSource;
  /** The calendar tools (availability, booking, moving, cancelling; owners' list_bookings) are offered only when this exists. */
  calendar?: CalendarService;
  /** Leads' payment_link, owners' send_payment_link / refund_payment (tools/payments); offered only when this exists. */
  payments?: PaymentTools;
  /** Owners' campaign tools (plan, launch with approval, revise, pause/resume/cancel, results; tools/campaigns); offered only when this exists. */
  campaigns?: CampaignTools;
}

type ToolFactory = (deps: ToolDeps) => StructuredToolInterface | undefined;

/** Calendar (tools/calendar): a lead acts on their own bookings; an owner on any of the tenant's (same names, owner scope). */
const CALENDAR_LEAD: ToolFactory[] = [
  (d) => (d.calendar ? checkAvailabilityTool(d.calendar, "lead") : undefined),
  (d) => (d.calendar ? bookAppointmentTool(d.calendar) : undefined),
  (d) => (d.calendar ? myBookingsTool(d.calendar) : undefined),
  (d) => (d.calendar ? rescheduleBookingTool(d.calendar, "lead") : undefined),
  (d) => (d.calendar ? cancelBookingTool(d.calendar, "lead") : undefined),
];
const CALENDAR_OWNER: ToolFactory[] = [
  (d) => (d.calendar ? listBookingsTool(d.calendar) : undefined),
  (d) => (d.calendar ? checkAvailabilityTool(d.calendar, "owner") : undefined),
  (d) => (d.calendar ? rescheduleBookingTool(d.calendar, "owner") : undefined),
  (d) => (d.calendar ? cancelBookingTool(d.calendar, "owner") : undefined),
];

const COMMON: ToolFactory[] = [(d) => knowledgeSearchTool(d.knowledge), () => requestHumanTool()];
/** Leads' own tools (availability, booking, paying their own booking) slot in here. */
const LEAD_ONLY: ToolFactory[] = [
  (d) => (d.memory ? myMemoryTool(d.memory) : undefined),
  (d) => (d.memory ? forgetMyMemoryTool(d.memory) : undefined),
  ...CALENDAR_LEAD,
  (d) => (d.payments ? paymentLinkTool(d.payments) : undefined),
  (d) => (d.payments ? paymentStatusTool(d.payments) : undefined),
];
/** Owners' tools (campaigns, creatives, reports, teaching knowledge). */
const OWNER_ONLY: ToolFactory[] = [
  (d) => (d.directory ? listContactsTool(d.directory) : undefined),
  (d) => (d.knowledgeAdmin ? teachFactTool(d.knowledge, d.knowledgeAdmin, d.minScore) : undefined),
  (d) => (d.knowledgeAdmin ? forgetKnowledgeTool(d.knowledge, d.knowledgeAdmin, d.minScore) : undefined),
  (d) => (d.documents ? ingestionStatusTool(d.documents) : undefined),
  (d) => (d.intake ? addTextDocumentTool(d.intake) : undefined),
  (d) => (d.usage ? usageReportTool(d.usage) : undefined),
  ...CALENDAR_OWNER,
  (d) => (d.payments ? sendPaymentLinkTool(d.payments) : undefined),
  (d) => (d.payments ? refundPaymentTool(d.payments) : undefined),
  (d) => (d.campaigns ? planCampaignTool(d.campaigns) : undefined),
  (d) => (d.campaigns ? launchCampaignTool(d.campaigns) : undefined),
  (d) => (d.campaigns ? reviseCampaignTool(d.campaigns) : undefined),
  (d) => (d.campaigns ? campaignControlTool(d.campaigns) : undefined),
  (d) => (d.campaigns ? campaignResultsTool(d.campaigns) : undefined),
];

const BY_ROLE: Record<ToolRole, ToolFactory[]> = {
  lead: [...COMMON, ...LEAD_ONLY],
  owner: [...COMMON, ...OWNER_ONLY],
};

/** Every owner-only tool name (whether or not wired), for tests and refusal logs. */
export const OWNER_TOOL_NAMES: ReadonlySet<string> = new Set([LIST_CONTACTS, TEACH_FACT, FORGET_KNOWLEDGE, INGESTION_STATUS, ADD_TEXT_DOCUMENT, USAGE_REPORT, LIST_BOOKINGS, SEND_PAYMENT_LINK, REFUND_PAYMENT, PLAN_CAMPAIGN, LAUNCH_CAMPAIGN, REVISE_CAMPAIGN, CAMPAIGN_CONTROL, CAMPAIGN_RESULTS]);
/** Tools that pause for the owner's approval; one per model message is executed. */
export const APPROVAL_TOOL_NAMES: ReadonlySet<string> = new Set([FORGET_KNOWLEDGE, REFUND_PAYMENT, LAUNCH_CAMPAIGN]);

export function toolsFor(role: ToolRole, deps: ToolDeps): StructuredToolInterface[] {
  const factories = BY_ROLE[role];
  if (!factories) throw new Error(`unknown role: ${String(role)}`);
  return factories.map((make) => make(deps)).filter((t): t is StructuredToolInterface => !!t);
}

export { KNOWLEDGE_SEARCH } from "./knowledge/schema.js";
export { REQUEST_HUMAN } from "./handoff/schema.js";
export { LIST_CONTACTS, TEACH_FACT, FORGET_KNOWLEDGE, INGESTION_STATUS, ADD_TEXT_DOCUMENT, USAGE_REPORT };
export type { UsageLine, UsageSource, UsageSummary } from "./usage/types.js";
export type { DocumentIntake, DocumentStatusItem, DocumentStatusSource } from "./ingest/types.js";
export type { PaymentTools } from "./payments/types.js";
export type { CampaignTools, CampaignPreview } from "./campaigns/types.js";
export { PLAN_CAMPAIGN, LAUNCH_CAMPAIGN, REVISE_CAMPAIGN, CAMPAIGN_CONTROL, CAMPAIGN_RESULTS };
export { PAYMENT_LINK, PAYMENT_STATUS, SEND_PAYMENT_LINK, REFUND_PAYMENT };
/** The lead tools about the person's own memory; the local tier passes their replies through. */
export const MEMORY_TOOL_NAMES: ReadonlySet<string> = new Set([MY_MEMORY, FORGET_MY_MEMORY]);
export { MY_MEMORY, FORGET_MY_MEMORY };
export type { ContactMemory, ContactFactView } from "../knowledge/memory/types.js";
export { contactContextFrom, toolConfigurable, toolContextFrom, type ToolContext, type ToolRole } from "./context.js";
export { parseSearchResult, type SearchResult, type SearchResultHit } from "./knowledge/handler.js";
export type { ContactDirectory, ContactSummary, Consent, KnowledgeAdmin } from "./owner/types.js";
export {
  approvalId, parseApprovalArtifact, parseApprovalRequest,
  type ApprovalRequest, type ApprovalResume, type ApprovalStatus,
} from "./approval.js";
export {
  BOOK_APPOINTMENT, CALENDAR_TOOL_NAMES, CANCEL_BOOKING, CHECK_AVAILABILITY, LIST_BOOKINGS, MY_BOOKINGS, RESCHEDULE_BOOKING,
  parseCalendarResult, type BookingView, type CalendarResult, type SlotView,
} from "./calendar/contract.js";
export type { CalendarActor, CalendarService } from "./calendar/types.js";
