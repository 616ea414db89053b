// What the tools node does around LangChain's ToolNode: refuse calls outside the role's
// tool set (whatever a model emits), run at most one approval per model message, record
// decided approvals, and close tool calls left open by an approval that was never answered.
import { randomUUID } from "node:crypto";
import { AIMessage, HumanMessage, RemoveMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ToolCall } from "@langchain/core/messages/tool";
import { APPROVAL_TOOL_NAMES, approvalId, parseApprovalArtifact } from "../tools/registry.js";
import type { ApprovalLog } from "./state.js";

export const NOT_AVAILABLE = (name: string) => `Tool "${name}" is not available in this conversation.`;
export const ONE_APPROVAL = "Only one action that needs approval can be prepared at a time; ask again after this one.";
export const CANCELLED_BY_NEW_MESSAGE = "Not done: a new message arrived before this was approved.";

function refusal(call: ToolCall, content: string): ToolMessage {
  return new ToolMessage({ tool_call_id: call.id ?? "", name: call.name, status: "error", content });
}

/** Refusals for the calls of `ai` that must not run; the rest go to the role's ToolNode. */
export function screenCalls(ai: AIMessage, allowed: ReadonlySet<string>): { refused: ToolMessage[]; outside: string[] } {
  const refused: ToolMessage[] = [];
  const outside: string[] = [];
  let approvalSeen = false;
  for (const call of ai.tool_calls ?? []) {
    if (!allowed.has(call.name)) {
      outside.push(call.name);
      refused.push(refusal(call, NOT_AVAILABLE(call.name)));
    } else if (APPROVAL_TOOL_NAMES.has(call.name)) {
      if (approvalSeen) refused.push(refusal(call, ONE_APPROVAL));
      approvalSeen = true;
    }
  }
  return { refused, outside };
}

/** Approvals decided by these tool results, and the reply that reports them. */
export function decidedApprovals(results: ToolMessage[], tenantId: string, at: string): { log: ApprovalLog; reply: string } | null {
  const log: ApprovalLog = {};
  const texts: string[] = [];
  for (const m of results) {
    const a = parseApprovalArtifact(m.artifact);
    if (!a) continue;
    log[a.id] = { tenantId, status: a.status, at };
    texts.push(m.text.trim());
  }
  return texts.length ? { log, reply: texts.join("\n\n") } : null;
}

/**
 * A new message arrived while an approval was pending: LangGraph drops the paused task and
 * the assistant's tool call is left without a result, which providers reject. Answer it
 * (cancelled) in place, before the new messages, and log the approval as cancelled.
 */
export function closeDangling(
  messages: BaseMessage[],
  conversationId: string,
  tenantId: string,
  at: string,
): { messages: BaseMessage[]; approvals: ApprovalLog } | null {
  let end = messages.length;
  while (end > 0 && HumanMessage.isInstance(messages[end - 1])) end--;
  const prev = messages[end - 1];
  if (end === messages.length || !prev || !AIMessage.isInstance(prev) || !prev.tool_calls?.length) return null;
  const burst = messages.slice(end);
  const approvals: ApprovalLog = {};
  const closed = prev.tool_calls.map((call) => {
    if (APPROVAL_TOOL_NAMES.has(call.name) && call.id) {
      approvals[approvalId(conversationId, call.id)] = { tenantId, status: "cancelled", at };
    }
    return refusal(call, CANCELLED_BY_NEW_MESSAGE);
  });
  return {
    messages: [
      ...burst.filter((m) => m.id).map((m) => new RemoveMessage({ id: m.id! })),
      ...closed,
      ...burst.map((m) => new HumanMessage({ content: m.content, id: randomUUID() })),
    ],
    approvals,
  };
}
