// A graph run's output → the TurnResult the pipeline stores and sends. A run that paused
// for approval answers with the approval prompt and its two buttons.
import type { buildAgentGraph } from "./graph.js";
import { approvalButtons, approvalPrompt, pausedApproval } from "./approvals.js";
import type { AgentStateType } from "./state.js";
import type { TurnResult } from "./types.js";

export type AgentGraph = ReturnType<ReturnType<typeof buildAgentGraph>["compile"]>;

/** `usageFrom`: records before this index belong to an earlier run (a resumed turn). */
export function turnResult(output: AgentStateType, usageFrom = 0): TurnResult {
  const { reply, tier, model, usage, handoff, route } = output.turn;
  const own = usage.slice(usageFrom);
  const paused = pausedApproval(output);
  if (paused) {
    return {
      reply: approvalPrompt(paused),
      buttons: approvalButtons(paused.id),
      ...(paused.imageUrl ? { imageUrl: paused.imageUrl } : {}),
      approval: { id: paused.id, summary: paused.summary },
      tier, model, usage: own, handoff,
      route: `${route}; awaiting approval ${paused.id}`,
    };
  }
  return { reply, tier, model, usage: own, handoff, route };
}
