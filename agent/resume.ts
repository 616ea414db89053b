// Agent.resume: an owner's Approve/Reject button reply continues the paused run with
// LangGraph's Command({ resume }) on the same thread (the conversation). The paused
// approval is read from the checkpoint first, so an unknown, stale or already-decided id,
// another tenant's id, or a non-owner never resumes anything.
import { Command } from "@langchain/langgraph";
import { AppError } from "../core/errors.js";
import { parseApprovalRequest, type ApprovalResume } from "../tools/registry.js";
import { NOT_OWNER_REPLY, UNKNOWN_APPROVAL_REPLY, alreadyHandledReply } from "./approvals.js";
import { turnConfigurable, type TurnContext } from "./context.js";
import { turnResult, type AgentGraph } from "./result.js";
import type { AgentStateType } from "./state.js";
import type { ResumeInput, TurnResult } from "./types.js";

export interface ResumeOptions {
  now: () => Date;
  durability: "exit" | "async" | "sync";
  recursionLimit: number;
}

function nothingRan(reply: string, route: string): TurnResult {
  return { reply, tier: "local", model: "", usage: [], handoff: false, route };
}

export async function resumeApproval(
  graph: AgentGraph,
  input: ResumeInput,
  signal: AbortSignal | undefined,
  opts: ResumeOptions,
): Promise<TurnResult> {
  if (!input.tenant?.id) throw new AppError("bad_request", "resume without a tenant");
  if (!input.conversationId) throw new AppError("bad_request", "resume without a conversation");
  if (input.role !== "owner") return nothingRan(NOT_OWNER_REPLY, `approval ${input.approvalId}: refused, not an owner`);
  const turn: TurnContext = {
    tenant: input.tenant,
    role: input.role,
    channel: input.channel,
    conversationId: input.conversationId,
    contactName: null,
    now: opts.now().toISOString(),
  };
  const configurable = turnConfigurable(turn);
  const snap = await graph.getState({ configurable });
  const values = snap.values as Partial<AgentStateType>;
  const paused = snap.tasks
    .flatMap((t) => t.interrupts ?? [])
    .map((i) => parseApprovalRequest(i.value))
    .find((r) => r?.id === input.approvalId && r.tenantId === input.tenant.id);
  if (!paused) {
    const rec = values.approvals?.[input.approvalId];
    if (rec && rec.tenantId === input.tenant.id) {
      return nothingRan(alreadyHandledReply(rec), `approval ${input.approvalId}: already ${rec.status}`);
    }
    return nothingRan(UNKNOWN_APPROVAL_REPLY, `approval ${input.approvalId}: unknown`);
  }
  const resume: ApprovalResume = { id: paused.id, decision: input.decision, action: paused.action };
  const output = await graph.invoke(new Command({ resume }), {
    configurable,
    signal,
    durability: opts.durability,
    recursionLimit: opts.recursionLimit,
  });
  const result = turnResult(output, values.turn?.usage.length ?? 0);
  const fresh = result.usage.length > 0;
  return {
    ...result,
    tier: fresh ? result.tier : "local",
    model: fresh ? result.model : "",
    route: `approval ${paused.id}: ${input.decision}`,
  };
}
