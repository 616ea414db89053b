// The tier router: a pure function of the turn's features. A fuller router (budget,
// provider health, conversation state) is a later issue; the shape stays the same.
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
};

const SMALL_TALK: ReadonlySet<Intent> = new Set(["greeting", "thanks", "goodbye"]);

function pick(wanted: "fast" | "smart", f: TurnFeatures, why: string): RouteDecision {
  if (f.available.has(wanted)) return { tier: wanted, reason: why };
  const other = wanted === "fast" ? "smart" : "fast";
  if (f.available.has(other)) return { tier: other, reason: `${why}; ${wanted} tier missing` };
  return { tier: "local", reason: `${why}; no LLM tier` };
}

export function routeTier(f: TurnFeatures): RouteDecision {
  const c = f.confidence.toFixed(2);
  if (f.available.size === 0) return { tier: "local", reason: "no LLM provider configured" };
  if (SMALL_TALK.has(f.intent) && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `small talk (${f.intent} ${c})` };
  }
  if (f.intent === "human_request" && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `human request (${c})` };
  }
  if (f.role === "owner") return pick("smart", f, `owner message (${f.intent} ${c})`);
  if (
    f.intent === "question" &&
    f.confidence >= ROUTE_THRESHOLDS.question &&
    f.words <= ROUTE_THRESHOLDS.questionMaxWords
  ) {
    return { tier: "local", reason: `confident knowledge question (${c})` };
  }
  return pick("fast", f, `lead message (${f.intent} ${c})`);
}
