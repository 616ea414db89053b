// Human approval of sensitive owner actions through LangGraph interrupts. A tool builds the
// action, calls awaitApproval (which pauses the run), and on resume receives the owner's
// decision plus the action exactly as it was shown. The tools node re-runs from its start on
// resume, so everything before awaitApproval must be free of side effects, and the approval
// id is derived from the tool call (stable across re-runs), never random.
import { createHash } from "node:crypto";
import { interrupt } from "@langchain/langgraph";
import { z } from "zod";

export type ApprovalStatus = "approved" | "rejected" | "cancelled";

export interface ApprovalRequest {
  kind: "approval";
  id: string;
  tenantId: string;
  /** One sentence the owner reads before deciding. */
  summary: string;
  /** What runs on approval; `tool` names the tool that will run it. */
  action: { tool: string } & Record<string, unknown>;
  /** A picture shown with the request (a campaign's creative): a public https URL. */
  imageUrl?: string;
}

const requestSchema = z.object({
  kind: z.literal("approval"),
  id: z.string().min(1),
  tenantId: z.string().min(1),
  summary: z.string(),
  action: z.looseObject({ tool: z.string() }),
  imageUrl: z.string().regex(/^https:\/\/\S+$/).optional(),
});

/** What Agent.resume sends back into the paused tool. */
export const approvalResumeSchema = z.object({
  id: z.string().min(1),
  decision: z.enum(["approve", "reject"]),
  action: z.looseObject({ tool: z.string() }),
});
export type ApprovalResume = z.infer<typeof approvalResumeSchema>;

/** The artifact of a tool message that settled an approval (read by the agent's tools node). */
export interface ApprovalArtifact {
  approval: { id: string; status: ApprovalStatus; summary: string };
}

export function approvalId(conversationId: string, toolCallId: string): string {
  return `apr_${createHash("sha256").update(`${conversationId}\n${toolCallId}`).digest("hex").slice(0, 20)}`;
}

export function parseApprovalRequest(value: unknown): ApprovalRequest | null {
  const r = requestSchema.safeParse(value);
  return r.success ? (r.data as ApprovalRequest) : null;
}

export function parseApprovalArtifact(artifact: unknown): ApprovalArtifact["approval"] | null {
  const a = (artifact as Partial<ApprovalArtifact> | undefined)?.approval;
  return a && typeof a.id === "string" && typeof a.status === "string" && typeof a.summary === "string" ? a : null;
}

/**
 * Pauses the run until the owner decides (throws LangGraph's GraphInterrupt the first time).
 * A resume value that does not parse or names another approval counts as a rejection:
 * nothing runs on a mismatch.
 */
export function awaitApproval(req: ApprovalRequest): ApprovalResume {
  const raw: unknown = interrupt(req);
  const r = approvalResumeSchema.safeParse(raw);
  if (!r.success || r.data.id !== req.id || r.data.action.tool !== req.action.tool) {
    return { id: req.id, decision: "reject", action: req.action };
  }
  return r.data;
}

export function settled(id: string, status: ApprovalStatus, summary: string): ApprovalArtifact {
  return { approval: { id, status, summary } };
}
