// The tier router: a pure function of the turn's features, the tenant's budget level and
// provider health. Hard budget limit → local; soft → one tier cheaper where the turn allows;
// a tier whose providers all have an open circuit counts as missing.
import type { Role, TierName } from "./types.js";
import type { Intent } from "./intent/data.js";

export interface TurnFeatures {
  role: Role;
  intent: Intent;
  /** The local classifier's confidence in `intent`, 0..1. */
  confidence: number;
  /** Words in the pending user text. */
  words: number;
  /** LLM tiers that exist in this deployment (a tier exists only when a provider key does). */
  available: ReadonlySet<Exclude<TierName, "local">>;
  /** The tenant's month-to-date spend against its budget (agent/budget); missing = "ok". */
  budget?: "ok" | "soft" | "hard";
  /** LLM tiers with at least one provider whose circuit is closed or half-open; missing = all available. */
  health?: ReadonlySet<Exclude<TierName, "local">>;
}

export interface RouteDecision {
  tier: TierName;
  reason: string;
}

export const ROUTE_THRESHOLDS = {
  /** Small talk and human requests answered locally at or above this confidence. */
  smallTalk: 0.7,
  /** Knowledge questions answered locally at or above this confidence... */
  question: 0.85,
  /** ...when they are short enough to be a single FAQ-style question. */
  questionMaxWords: 14,
  /** Over the soft budget, a lead's knowledge question at or above this confidence is answered locally. */
  softQuestion: 0.5,
};

const SMALL_TALK: ReadonlySet<Intent> = new Set(["greeting", "thanks", "goodbye"]);

type Llm = Exclude<TierName, "local">;

function pick(wanted: Llm, f: TurnFeatures, usable: ReadonlySet<Llm>, why: string): RouteDecision {
  const missing = (t: Llm) => (f.available.has(t) ? `${t} tier unavailable (circuit open)` : `${t} tier missing`);
  if (usable.has(wanted)) return { tier: wanted, reason: why };
  const other = wanted === "fast" ? "smart" : "fast";
  if (usable.has(other)) return { tier: other, reason: `${why}; ${missing(wanted)}` };
  return { tier: "local", reason: `${why}; no LLM tier` };
}

export function routeTier(f: TurnFeatures): RouteDecision {
  const c = f.confidence.toFixed(2);
  if (f.available.size === 0) return { tier: "local", reason: "no LLM provider configured" };
  if (f.budget === "hard") return { tier: "local", reason: "budget: hard limit reached" };
  const usable = new Set([...f.available].filter((t) => !f.health || f.health.has(t)));
  if (usable.size === 0) return { tier: "local", reason: "every LLM provider unavailable (circuit open)" };
  if (SMALL_TALK.has(f.intent) && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `small talk (${f.intent} ${c})` };
  }
  if (f.intent === "human_request" && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `human request (${c})` };
  }
  const soft = f.budget === "soft";
  if (f.role === "owner") {
    const why = `owner message (${f.intent} ${c})`;
    return soft ? pick("fast", f, usable, `${why}; budget: soft limit`) : pick("smart", f, usable, why);
  }
  if (
    f.intent === "question" &&
    f.confidence >= ROUTE_THRESHOLDS.question &&
    f.words <= ROUTE_THRESHOLDS.questionMaxWords
  ) {
    return { tier: "local", reason: `confident knowledge question (${c})` };
  }
  if (soft && f.intent === "question" && f.confidence >= ROUTE_THRESHOLDS.softQuestion) {
    return { tier: "local", reason: `knowledge question (${c}); budget: soft limit` };
  }
  return pick("fast", f, usable, `lead message (${f.intent} ${c})`);
}
