// The schema of the router's labelled replay set (issue 5). Data only: nothing here routes.
// Label definitions and examples: README.md in this folder.

export const ROLES = ["lead", "owner", "caller"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["whatsapp", "sms", "voice", "slack", "web"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Which channels each role writes on (callers are leads on the phone; owners use WhatsApp or Slack). */
export const ROLE_CHANNELS: Record<Role, readonly Channel[]> = {
  lead: ["whatsapp", "sms", "web"],
  owner: ["whatsapp", "slack"],
  caller: ["voice"],
};

/** BCP-47 tags used in the set. `hi-Latn` is Hinglish (Hindi/English mixed, Latin script). */
export const LANGS = ["en", "hi", "hi-Latn", "es", "pt", "fr", "de", "ar"] as const;
export type Lang = (typeof LANGS)[number];

export const TIERS = ["local", "fast", "smart"] as const;
export type Tier = (typeof TIERS)[number];

/** Intents of leads and callers. */
export const LEAD_INTENTS = [
  "greeting", "thanks", "goodbye", "faq", "availability", "book", "reschedule", "cancel",
  "slot_answer", "confirm", "pay", "opt_out", "opt_in", "help", "human_request",
  "memory_recall", "memory_forget", "complaint", "smalltalk", "out_of_scope", "unclear",
] as const;
export type LeadIntent = (typeof LEAD_INTENTS)[number];

/** Intents of owners (confirm, help and out_of_scope added to the brief's list: owners answer approvals in words, and ask both). */
export const OWNER_INTENTS = [
  "owner_teach", "owner_forget", "owner_bookings", "owner_campaign", "owner_creative",
  "owner_contacts", "owner_cost", "owner_documents", "owner_report", "owner_settings",
  "confirm", "greeting", "thanks", "help", "out_of_scope", "unclear",
] as const;
export type OwnerIntent = (typeof OWNER_INTENTS)[number];

export type Intent = LeadIntent | OwnerIntent;

/**
 * The tool the ideal turn calls first, or "none". Existing tools (tools/registry.ts):
 * knowledge_search, request_human, my_memory, forget_my_memory, list_contacts, teach_fact,
 * forget_knowledge, ingestion_status, add_text_document; the rest are the planned booking,
 * payment, campaign, creative, report and settings tools.
 */
export const TOOLS = [
  "knowledge_search", "request_human", "check_availability", "book_appointment",
  "reschedule_booking", "cancel_booking", "payment_link", "refund", "list_bookings",
  "list_contacts", "teach_fact", "forget_knowledge", "ingestion_status", "add_text_document",
  "my_memory", "forget_my_memory", "usage_report", "create_campaign", "campaign_control",
  "campaign_results", "create_creative", "update_settings", "none",
] as const;
export type Tool = (typeof TOOLS)[number];

/** Tools only an owner's turn may call (the role decides the tools, in code). */
export const OWNER_ONLY_TOOLS: ReadonlySet<Tool> = new Set<Tool>([
  "refund", "list_bookings", "list_contacts", "teach_fact", "forget_knowledge", "ingestion_status",
  "add_text_document", "usage_report", "create_campaign", "campaign_control", "campaign_results",
  "create_creative", "update_settings",
]);
/** Tools only a lead's or caller's turn may call (their own memory). */
export const LEAD_ONLY_TOOLS: ReadonlySet<Tool> = new Set<Tool>(["my_memory", "forget_my_memory"]);

/**
 * Intents whose ideal turn needs a tool, and the tools that can come first for each.
 * `confirm` needs one only when the answer is yes (a "no" ends the flow with a template).
 */
export const TOOLS_BY_INTENT: Partial<Record<Intent, readonly Tool[]>> = {
  faq: ["knowledge_search"],
  availability: ["check_availability"],
  book: ["check_availability", "book_appointment"],
  reschedule: ["reschedule_booking", "check_availability"],
  cancel: ["cancel_booking"],
  slot_answer: ["check_availability", "book_appointment", "reschedule_booking", "cancel_booking"],
  confirm: [
    "book_appointment", "reschedule_booking", "cancel_booking", "payment_link", // leads' flows
    "check_availability", // a conditional yes ("yes but with Amy") re-checks first
    "forget_knowledge", "refund", "create_campaign", "campaign_control", // owners' approvals
  ],
  pay: ["payment_link"],
  human_request: ["request_human"],
  memory_recall: ["my_memory"],
  memory_forget: ["forget_my_memory"],
  owner_teach: ["teach_fact", "add_text_document"],
  owner_forget: ["forget_knowledge"],
  owner_bookings: ["list_bookings", "list_contacts", "cancel_booking", "reschedule_booking", "book_appointment", "refund", "check_availability", "payment_link"],
  owner_campaign: ["create_campaign", "campaign_control", "campaign_results"],
  owner_creative: ["create_creative"],
  owner_contacts: ["list_contacts"],
  owner_cost: ["usage_report"],
  owner_documents: ["ingestion_status", "add_text_document"],
  owner_report: ["list_bookings", "campaign_results", "list_contacts", "usage_report"],
  owner_settings: ["update_settings"],
};

/**
 * Cases whose ideal first tool is not one of their intent's tools, and why (the test allows
 * exactly these).
 */
export const TOOL_EXCEPTIONS: Readonly<Record<string, string>> = {
  "lead-150": "a data-subject access request that covers clinical records: hand to the practice (request_human), not my_memory",
  "owner-055": "a reply to a review is text written in the chat, not a creative asset: no tool",
  "ml-036": "10 minutes late is within the grace period: nothing to move, a templated 'see you soon'",
};

/** Intents answered by the pipeline or a template: their ideal turn calls no tool. */
export const NO_TOOL_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "greeting", "thanks", "goodbye", "opt_out", "opt_in", "help", "smalltalk",
]);

/** The businesses the messages are written to (see README.md for each one). */
export const BUSINESSES = [
  "glow-studio", // hair & beauty salon, Bristol UK (the seeded demo; its knowledge is knowledge/demo/)
  "smile-dental", // dental clinic, Leeds UK
  "flow-yoga", // yoga and pilates studio, Austin US
  "brightpath-tutoring", // maths and science tutor, Toronto CA
  "fixit-phones", // phone and laptop repair shop, Manchester UK
  "spice-route", // Indian restaurant with table bookings and takeaway, London UK
  "kinetic-physio", // physiotherapy clinic, Dublin IE
  "sharma-salon", // unisex salon, Pune IN (knowledge in English; customers write Hindi, Hinglish, English)
  "clinica-sonrisa", // dental clinic, Madrid ES (knowledge in Spanish)
  "studio-bela", // nails and brows, São Paulo BR (knowledge in Portuguese)
  "salon-lumiere", // hair salon, Lyon FR (knowledge in French)
  "noor-beauty", // beauty salon, Dubai AE (knowledge in English and Arabic)
  "pawfect-grooming", // dog groomer, Berlin DE (knowledge in German and English)
] as const;
export type Business = (typeof BUSINESSES)[number];

export const STATES = ["idle", "mid_booking", "awaiting_approval", "human_handoff"] as const;
export type ConversationState = (typeof STATES)[number];

export interface Turn {
  from: "user" | "assistant";
  text: string;
}

export interface ReplayContext {
  state?: ConversationState;
  /** The last few turns, oldest first, when the message only makes sense with them. */
  previous?: Turn[];
}

/** What an understanding step should extract — only what the text itself says. */
export interface Entities {
  date?: string;
  time?: string;
  service?: string;
  name?: string;
  money?: { amount: number; currency: string };
  yesno?: "yes" | "no";
  /** "the second one" → 2 */
  choice?: number;
  people?: number;
  phone?: string;
  email?: string;
  device?: string;
  /** a channel, audience, period or other owner-command argument, verbatim-ish */
  target?: string;
}

/** Properties worth slicing the set by in a benchmark. */
export const TAGS = [
  "injection", // tries to override instructions or reach another role's tools/data
  "trap", // short or plain-looking but needs more than the local tier: tempts under-routing
  "multi_intent", // two or more things asked or done in one message
  "sensitive", // health, safety, money disputes, legal, personal data
  "ambiguous", // honestly unclear what is meant; the label is a judgement call
  "speech", // transcript disfluencies make it harder than its words (callers)
] as const;
export type Tag = (typeof TAGS)[number];

export interface ReplayCase {
  /** Stable: "<file prefix>-<nnn>", never reused. */
  id: string;
  role: Role;
  channel: Channel;
  lang: Lang;
  business: Business;
  /** The message exactly as sent (for callers: the speech-to-text transcript). */
  text: string;
  context?: ReplayContext;
  intent: Intent;
  /** The tool the ideal turn calls first; "none" when it calls none. */
  tool: Tool;
  entities?: Entities;
  /** The minimal adequate tier: the cheapest tier that handles this turn well (README.md). */
  minTier: Tier;
  /** Why this tier: required for fast and smart, and for borderline local cases. */
  why?: string;
  tags?: Tag[];
}

/** Shorthands for prior turns in `context.previous`. */
export const bot = (text: string): Turn => ({ from: "assistant", text });
export const user = (text: string): Turn => ({ from: "user", text });
