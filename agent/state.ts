// The graph state, checkpointed per conversation: `messages` persists across turns;
// `turn` describes the current turn and is reset by runTurn's input. The per-turn fields
// share one channel on purpose: PostgresSaver writes one blob row per changed channel, so
// one channel instead of eight keeps a checkpoint to a few statements.
import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { ApprovalStatus } from "../tools/registry.js";
import type { TierName, UsageRecord } from "./types.js";

export interface TurnState {
  /** The tier that produced the latest model message (after any fallback). */
  tier: TierName;
  model: string;
  /** Why the tier was chosen, plus any fallbacks. */
  route: string;
  handoff: boolean;
  /** Model calls made this turn (bounds the model ⇄ tools loop). */
  iterations: number;
  /** Providers ("openai:fast") that failed this turn and are skipped for its remaining calls. */
  failed: string[];
  /** Every model call of this turn. */
  usage: UsageRecord[];
  reply: string | null;
  /** The highest tier a failed validation may escalate to (the budget's ceiling, or the routed tier if higher). */
  ceiling: TierName;
  /** LLM tiers usable this turn (present, not open-circuited), as the route node saw them. */
  usable: TierName[];
  /** Tiers whose output failed validation this turn (agent/escalate): never tried again. */
  rejected: TierName[];
  /** The answer cache (agent/cache): the tenant's knowledge generation read before answering (null: not looked up)... */
  cacheGeneration: number | null;
  /** ...the question looked up, and whether the reply came from the cache. */
  cacheQuestion: string;
  cached: boolean;
}

/** A turn update: fields replace, `usage` appends; `reset` starts a new turn. */
export type TurnUpdate = Partial<TurnState> & { reset?: true };

export const freshTurn = (): TurnState => ({
  tier: "local", model: "", route: "", handoff: false, iterations: 0, failed: [], usage: [], reply: null,
  ceiling: "smart", usable: [], rejected: [], cacheGeneration: null, cacheQuestion: "", cached: false,
});

export function mergeTurn(prev: TurnState, upd: TurnUpdate): TurnState {
  const { reset, usage, ...rest } = upd;
  const base = reset ? freshTurn() : prev;
  return { ...base, ...rest, usage: usage ? [...base.usage, ...usage] : base.usage };
}

/** A decided approval, kept so a second click can be told it was already handled. */
export interface ApprovalRecord {
  tenantId: string;
  status: ApprovalStatus;
  at: string;
}
export type ApprovalLog = Record<string, ApprovalRecord>;
/** Decisions kept per conversation (oldest dropped first). */
export const KEEP_APPROVALS = 50;

export function mergeApprovals(prev: ApprovalLog, upd: ApprovalLog): ApprovalLog {
  const all = Object.entries({ ...prev, ...upd });
  return Object.fromEntries(all.slice(Math.max(0, all.length - KEEP_APPROVALS)));
}

export const AgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  turn: Annotation<TurnState, TurnUpdate>({ reducer: mergeTurn, default: freshTurn }),
  /** Its own channel: written only when an approval is decided, so turns don't rewrite it. */
  approvals: Annotation<ApprovalLog, ApprovalLog>({ reducer: mergeApprovals, default: () => ({}) }),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
