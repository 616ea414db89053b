// The tier router: a pure function of the turn's features, the tenant's budget level and
// provider health. Hard budget limit → local; soft → one tier cheaper where the turn allows;
// a tier whose providers all have an open circuit counts as missing. The text features
// (risk, asks, owner intent) are built by agent/router/features.ts; each is optional, and a
// missing one routes as before it existed. Order (first match wins):
//   no LLM tier → local; budget hard → local; every provider open → local;
//   lead mid-booking (state), no risk, one ask: a slot answer (≤ 15 words) or a plain short
//     answer asking nothing back (≤ 6 words) → local;
//   confident small talk / human request → local (any role);
//   owner (with owner features): local tool call (one ask) → local; open-ended, risk, or
//     multi-intent that is long (> 30 words) or has ≥ 3 asks → smart (soft: fast);
//     other multi-intent, lookup, short (≤ 25 words) → fast; long → smart;
//   owner (without owner features) → smart (soft: fast);
//   lead with risk (health, money dispute, angry complaint, legal) → smart, soft budget too;
//   lead multi-intent (≥ 2 asks) → fast, smart when > 30 words or ≥ 3 asks (soft: fast);
//   confident short question → local; soft: fairly sure question → local; else fast.
import type { Role, TierName } from "./types.js";
import type { Intent } from "./intent/data.js";
import type { RiskKind } from "./router/risk.js";
import type { StateFeatures } from "./router/state.js";

/** What the owner intent step (agent/intent/owner.ts) says about an owner's message. */
export interface OwnerFeatures {
  intent: string;
  confidence: number;
  /** The local tier can make the owner tool call itself (confident intent and its slot found). */
  local: boolean;
  /** A confident simple-tool intent without a usable slot, or a bookings lookup: one tool call. */
  lookup: boolean;
  /** Campaigns, copy writing, reports and analysis, advice: judgement or composition. */
  openEnded: boolean;
}

export interface TurnFeatures {
  role: Role;
  intent: Intent;
  /** The local classifier's confidence in `intent`, 0..1. */
  confidence: number;
  /** Words in the pending user text. */
  words: number;
  /** Risk kinds the text touches (agent/router/risk.ts); missing or empty = none. */
  risk?: readonly RiskKind[];
  /** Separate asks in the message (agent/router/features.ts `asksIn`); missing = 1. */
  asks?: number;
  /** Owners only: the owner intent step's reading; missing = every owner message is open-ended. */
  owner?: OwnerFeatures;
  /** LLM tiers that exist in this deployment (a tier exists only when a provider key does). */
  available: ReadonlySet<Exclude<TierName, "local">>;
  /** The tenant's month-to-date spend against its budget (agent/budget); missing = "ok". */
  budget?: "ok" | "soft" | "hard";
  /** LLM tiers with at least one provider whose circuit is closed or half-open; missing = all available. */
  health?: ReadonlySet<Exclude<TierName, "local">>;
  /** Where the conversation stands and what the message answers (agent/router/state.ts); missing = idle. */
  state?: StateFeatures;
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
  /** A lead's message with at least this many asks is multi-intent: never local... */
  multiAsks: 2,
  /** ...and smart when it is also longer than this (a plan across several tools)... */
  multiSmartWords: 30,
  /** ...or holds at least this many asks. */
  multiSmartAsks: 3,
  /** An owner's message that is neither a command, a lookup nor open-ended: fast up to this length, smart above. */
  ownerShortWords: 25,
  /** Mid-booking, a slot answer (a date/time, a choice, yes/no) up to this length stays local... */
  bookingAnswerWords: 15,
  /** ...and so does a plain short answer (a name, an email, "just a trim") that asks nothing back. */
  bookingPlainWords: 6,
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
  const st = f.state;
  if (st?.state === "mid_booking" && f.role === "lead" && !(f.risk ?? []).length && (f.asks ?? 1) < ROUTE_THRESHOLDS.multiAsks) {
    // the booking dialogue asked for a detail: the local tier reads the answer against the slots
    // it offered; what it cannot read it marks unsure and the turn escalates (agent/escalate)
    if (st.slotAnswer && f.words <= ROUTE_THRESHOLDS.bookingAnswerWords) return { tier: "local", reason: "booking step: slot answer" };
    if (!st.asksBack && !st.qualified && f.words <= ROUTE_THRESHOLDS.bookingPlainWords) return { tier: "local", reason: "booking step: short answer" };
  }
  if (SMALL_TALK.has(f.intent) && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `small talk (${f.intent} ${c})` };
  }
  if (f.intent === "human_request" && f.confidence >= ROUTE_THRESHOLDS.smallTalk) {
    return { tier: "local", reason: `human request (${c})` };
  }
  const soft = f.budget === "soft";
  const risk = f.risk ?? [];
  const asks = f.asks ?? 1;
  const multi = asks >= ROUTE_THRESHOLDS.multiAsks;
  if (f.role === "owner") {
    const o = f.owner;
    const oc = o ? `${o.intent} ${o.confidence.toFixed(2)}` : "";
    if (o?.local && !multi) return { tier: "local", reason: `owner command (${oc})` };
    let why = `owner message (${f.intent} ${c})`;
    if (o) {
      const long = f.words > ROUTE_THRESHOLDS.multiSmartWords || asks >= ROUTE_THRESHOLDS.multiSmartAsks;
      if (o.openEnded) why = `open-ended owner request (${oc})`;
      else if (risk.length > 0) why = `owner message, risk: ${risk.join("+")} (${oc})`;
      else if (multi && long) why = `owner multi-intent (${asks} asks, ${f.words} words; ${oc})`;
      else if (multi) return pick("fast", f, usable, `owner multi-intent (${asks} asks, ${f.words} words; ${oc})`);
      else if (o.lookup) return pick("fast", f, usable, `owner lookup (${oc})`);
      else if (f.words <= ROUTE_THRESHOLDS.ownerShortWords) return pick("fast", f, usable, `short owner request, not open-ended (${oc})`);
      else why = `long owner message (${oc})`;
    }
    return soft ? pick("fast", f, usable, `${why}; budget: soft limit`) : pick("smart", f, usable, why);
  }
  if (risk.length > 0) {
    // a wrong answer harms here: the strongest tier, soft budget or not (only hard → local)
    return pick("smart", f, usable, `risk: ${risk.join("+")} (${f.intent} ${c})`);
  }
  if (multi) {
    const why = `multi-intent (${asks} asks, ${f.words} words)`;
    const big = f.words > ROUTE_THRESHOLDS.multiSmartWords || asks >= ROUTE_THRESHOLDS.multiSmartAsks;
    return big && !soft ? pick("smart", f, usable, why) : pick("fast", f, usable, big && soft ? `${why}; budget: soft limit` : why);
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
