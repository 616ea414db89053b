// Approvals as the owner sees them: the prompt and buttons of a paused turn, the button id
// format the channels send back, and the replies of Agent.resume when nothing can run.
import { INTERRUPT } from "@langchain/langgraph";
import { parseApprovalRequest, type ApprovalRequest } from "../tools/registry.js";
import type { ApprovalRecord } from "./state.js";
import type { ResumeInput } from "./types.js";

const BUTTON = /^approval:(apr_[0-9a-f]{20}):(approve|reject)$/;

export function approvalButtons(id: string): Array<{ id: string; title: string }> {
  return [
    { id: `approval:${id}:approve`, title: "Approve" },
    { id: `approval:${id}:reject`, title: "Reject" },
  ];
}

/** A button reply's id → the approval and decision; null when it is not an approval button. */
export function parseApprovalButton(buttonId: string): Pick<ResumeInput, "approvalId" | "decision"> | null {
  const m = BUTTON.exec(buttonId);
  return m ? { approvalId: m[1]!, decision: m[2] as "approve" | "reject" } : null;
}

export function approvalPrompt(req: ApprovalRequest): string {
  return `Please confirm: ${req.summary}. Tap Approve to go ahead or Reject to cancel.`;
}

/** The approval a graph run paused on (from invoke's `__interrupt__`), if any. */
export function pausedApproval(output: unknown): ApprovalRequest | null {
  const list = (output as Record<string, unknown> | null)?.[INTERRUPT];
  if (!Array.isArray(list)) return null;
  for (const i of list) {
    const req = parseApprovalRequest((i as { value?: unknown }).value);
    if (req) return req;
  }
  return null;
}

export const NOT_OWNER_REPLY = "Only the business owner can approve or reject this. Nothing was changed.";
export const UNKNOWN_APPROVAL_REPLY =
  "I couldn't find that request — it may have expired. Nothing was changed; ask me again if you still want it.";

export function alreadyHandledReply(rec: ApprovalRecord): string {
  switch (rec.status) {
    case "approved":
      return "That request was already approved and handled.";
    case "rejected":
      return "That request was already rejected — nothing was changed.";
    case "cancelled":
      return "That request was cancelled because a new message came in before it was approved. Nothing was changed; ask me again if you still want it.";
  }
}
