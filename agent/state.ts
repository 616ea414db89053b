// The graph state, checkpointed per conversation. `messages` persists across turns; the
// other fields describe the current turn and are reset by runTurn's input.
import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { TierName, UsageRecord } from "./types.js";

/** Sent in a turn's input to clear the usage of the previous turn. */
export const RESET_USAGE = "reset" as const;

export const AgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** The tier that produced the latest model message (after any fallback). */
  tier: Annotation<TierName>({ reducer: (_a, b) => b, default: () => "local" }),
  model: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
  /** Why the tier was chosen, plus any fallbacks. */
  route: Annotation<string>({ reducer: (_a, b) => b, default: () => "" }),
  handoff: Annotation<boolean>({ reducer: (_a, b) => b, default: () => false }),
  /** Model calls made this turn (bounds the model ⇄ tools loop). */
  iterations: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  /** Providers ("openai:fast") that failed this turn and are skipped for its remaining calls. */
  failed: Annotation<string[]>({ reducer: (_a, b) => b, default: () => [] }),
  usage: Annotation<UsageRecord[], UsageRecord[] | typeof RESET_USAGE>({
    reducer: (a, b) => (b === RESET_USAGE ? [] : [...a, ...b]),
    default: () => [],
  }),
  reply: Annotation<string | null>({ reducer: (_a, b) => b, default: () => null }),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
