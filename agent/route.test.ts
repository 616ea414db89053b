import type { StateFeatures } from "./router/state.js";
import { describe, expect, it } from "vitest";
import { routeTier, type OwnerFeatures, type TurnFeatures } from "./route.js";

const both = new Set(["fast", "smart"] as const);
const none = new Set<"fast" | "smart">();
const onlyFast = new Set(["fast"] as const);
const onlySmart = new Set(["smart"] as const);

type Row = [string, Partial<TurnFeatures>, "local" | "fast" | "smart", RegExp];

const own = (o: Partial<OwnerFeatures>): OwnerFeatures => ({ intent: "none", confidence: 0.5, local: false, lookup: false, openEnded: false, ...o });

const mid = (o: Partial<StateFeatures>): StateFeatures => ({ state: "mid_booking", slotAnswer: false, asksBack: false, ...o });
const base: TurnFeatures = { role: "lead", intent: "question", confidence: 0.9, words: 6, available: both };

const table: Row[] = [
  ["no keys: even a vague lead message is local", { intent: "other", confidence: 0.3, available: none }, "local", /no LLM provider/],
  ["no keys: owner is local", { role: "owner", available: none }, "local", /no LLM provider/],
  ["greeting is local", { intent: "greeting", confidence: 0.95 }, "local", /small talk \(greeting/],
  ["thanks is local for owners too", { role: "owner", intent: "thanks", confidence: 0.9 }, "local", /small talk/],
  ["goodbye is local", { intent: "goodbye", confidence: 0.8 }, "local", /small talk/],
  ["unsure greeting goes to fast", { intent: "greeting", confidence: 0.5 }, "fast", /lead message/],
  ["human request is local", { intent: "human_request", confidence: 0.99 }, "local", /human request/],
  ["confident short question is local", { intent: "question", confidence: 0.9, words: 7 }, "local", /confident knowledge question/],
  ["unsure question is fast", { intent: "question", confidence: 0.6 }, "fast", /lead message \(question 0.60\)/],
  ["long question is fast", { intent: "question", confidence: 0.95, words: 30 }, "fast", /lead message/],
  ["other lead message is fast", { intent: "other", confidence: 0.8, words: 25 }, "fast", /lead message \(other/],
  ["owner question is smart", { role: "owner", intent: "question", confidence: 0.95 }, "smart", /owner message/],
  ["owner without smart tier falls to fast", { role: "owner", available: onlyFast }, "fast", /smart tier missing/],
  ["lead without fast tier goes to smart", { intent: "other", confidence: 0.4, available: onlySmart }, "smart", /fast tier missing/],
  // budget (agent/budget) and provider health (agent/health)
  ["budget ok changes nothing", { role: "owner", budget: "ok", health: both }, "smart", /^owner message \([^)]*\)$/],
  ["hard limit: owner is local", { role: "owner", budget: "hard" }, "local", /budget: hard limit/],
  ["hard limit: vague lead message is local", { intent: "other", confidence: 0.2, words: 40, budget: "hard" }, "local", /budget: hard limit/],
  ["hard limit: greeting is local too", { intent: "greeting", confidence: 0.99, budget: "hard" }, "local", /budget: hard limit/],
  ["soft limit: owner smart → fast", { role: "owner", budget: "soft" }, "fast", /owner message.*budget: soft limit/],
  ["soft limit: lead's unsure question → local", { intent: "question", confidence: 0.6, words: 20, budget: "soft" }, "local", /knowledge question \(0.60\); budget: soft limit/],
  ["soft limit: lead's other message stays fast", { intent: "other", confidence: 0.8, words: 25, budget: "soft" }, "fast", /lead message \(other/],
  ["soft limit: very unsure question stays fast", { intent: "question", confidence: 0.3, budget: "soft" }, "fast", /lead message/],
  ["soft limit: small talk stays local", { intent: "thanks", confidence: 0.9, budget: "soft" }, "local", /small talk/],
  ["soft limit, no fast tier: owner keeps smart", { role: "owner", budget: "soft", available: onlySmart }, "smart", /fast tier missing/],
  ["every provider open: owner is local", { role: "owner", health: none }, "local", /every LLM provider unavailable/],
  ["every provider open: lead is local", { intent: "other", confidence: 0.4, health: none }, "local", /every LLM provider unavailable/],
  ["smart providers open: owner falls to fast", { role: "owner", health: onlyFast }, "fast", /smart tier unavailable \(circuit open\)/],
  ["fast providers open: lead goes to smart", { intent: "other", confidence: 0.4, health: onlySmart }, "smart", /fast tier unavailable/],
  ["health lists a tier that does not exist: still missing", { role: "owner", available: onlyFast, health: both }, "fast", /smart tier missing/],
  ["no keys beat budget and health", { available: none, budget: "hard", health: none }, "local", /no LLM provider/],
  // owners with the owner intent step (agent/router/features.ts)
  ["owner command the local tier can make is local", { role: "owner", intent: "other", confidence: 0.4, owner: own({ intent: "teach", local: true, lookup: true }) }, "local", /owner command \(teach/],
  ["owner lookup without a local call is fast", { role: "owner", intent: "other", confidence: 0.4, owner: own({ lookup: true }) }, "fast", /owner lookup/],
  ["short owner request, not open-ended, is fast", { role: "owner", words: 12, owner: own({}) }, "fast", /short owner request/],
  ["long owner message, not open-ended, is smart", { role: "owner", words: 40, owner: own({}) }, "smart", /long owner message/],
  ["open-ended owner request is smart", { role: "owner", words: 6, owner: own({ openEnded: true }) }, "smart", /open-ended owner request/],
  ["open-ended owner request, soft limit → fast", { role: "owner", budget: "soft", owner: own({ openEnded: true }) }, "fast", /open-ended.*budget: soft limit/],
  ["owner with legal risk is smart", { role: "owner", words: 8, risk: ["legal"], owner: own({ lookup: true }) }, "smart", /risk: legal/],
  ["owner command with two asks is not local: short → fast", { role: "owner", words: 14, asks: 2, owner: own({ local: true }) }, "fast", /owner multi-intent \(2 asks/],
  ["owner multi-intent, long → smart", { role: "owner", words: 30, asks: 3, owner: own({ local: true }) }, "smart", /owner multi-intent \(3 asks/],
  ["owner small talk stays local", { role: "owner", intent: "thanks", confidence: 0.9, owner: own({ openEnded: true }) }, "local", /small talk/],
  ["owner command under hard limit is local for the budget", { role: "owner", budget: "hard", owner: own({ openEnded: true }) }, "local", /budget: hard limit/],
  ["open-ended owner request with every provider open is local", { role: "owner", health: none, owner: own({ openEnded: true }) }, "local", /every LLM provider unavailable/],
  // leads: risk and multi-intent
  ["lead health risk is smart, however short", { intent: "question", confidence: 0.95, words: 6, risk: ["health"] }, "smart", /risk: health/],
  ["lead money dispute is smart", { intent: "other", confidence: 0.4, risk: ["money", "complaint"] }, "smart", /risk: money\+complaint/],
  ["lead risk stays smart over the soft limit", { intent: "question", confidence: 0.6, risk: ["health"], budget: "soft" }, "smart", /risk: health/],
  ["lead risk under hard limit is local", { risk: ["legal"], budget: "hard" }, "local", /budget: hard limit/],
  ["lead risk with smart providers open falls to fast", { risk: ["health"], health: onlyFast }, "fast", /risk: health.*smart tier unavailable/],
  ["lead risk with every provider open is local", { risk: ["health"], health: none }, "local", /every LLM provider unavailable/],
  ["empty risk changes nothing", { intent: "question", confidence: 0.9, words: 7, risk: [] }, "local", /confident knowledge question/],
  ["short multi-intent question is fast, not local", { intent: "question", confidence: 0.95, words: 10, asks: 2 }, "fast", /multi-intent \(2 asks, 10 words\)/],
  ["long multi-intent message is smart", { intent: "other", confidence: 0.5, words: 35, asks: 3 }, "smart", /multi-intent \(3 asks, 35 words\)/],
  ["long multi-intent, soft limit → fast", { intent: "other", confidence: 0.5, words: 35, asks: 2, budget: "soft" }, "fast", /multi-intent.*budget: soft limit/],
  ["one ask changes nothing", { intent: "question", confidence: 0.9, words: 7, asks: 1 }, "local", /confident knowledge question/],
  ["small talk beats multi-intent", { intent: "greeting", confidence: 0.9, asks: 2 }, "local", /small talk/],
  ["human request beats risk (a person answers)", { intent: "human_request", confidence: 0.9, risk: ["complaint"] }, "local", /human request/],
  // conversation state
  ["mid-booking slot answer is local", { intent: "other", confidence: 0.4, words: 4, state: mid({ slotAnswer: true }) }, "local", /booking step: slot answer/],
  ["mid-booking plain short answer is local", { intent: "other", confidence: 0.4, words: 2, state: mid({}) }, "local", /booking step: short answer/],
  ["mid-booking qualified short answer is not local", { intent: "other", confidence: 0.4, words: 4, state: mid({ qualified: true }) }, "fast", /lead message/],
  ["mid-booking question back is not local", { intent: "other", confidence: 0.4, words: 4, state: mid({ asksBack: true }) }, "fast", /lead message/],
  ["mid-booking long answer without a slot is not local", { intent: "other", confidence: 0.4, words: 9, state: mid({}) }, "fast", /lead message/],
  ["mid-booking slot answer with two asks is not local", { intent: "other", confidence: 0.4, words: 12, asks: 2, state: mid({ slotAnswer: true }) }, "fast", /multi-intent/],
  ["mid-booking risk still goes smart", { intent: "other", confidence: 0.4, words: 5, risk: ["health"], state: mid({ slotAnswer: true }) }, "smart", /risk: health/],
  ["mid-booking under the hard limit is local anyway", { words: 30, state: mid({ asksBack: true }), budget: "hard" }, "local", /budget: hard/],
  ["an owner mid-booking state is not a lead's", { role: "owner", intent: "other", confidence: 0.4, words: 3, state: mid({ slotAnswer: true }) }, "smart", /owner message/],
  ["idle state changes nothing", { intent: "other", confidence: 0.4, words: 2, state: { state: "idle", slotAnswer: false, asksBack: false } }, "fast", /lead message/],
];

describe("routeTier", () => {
  it.each(table)("%s", (_name, over, tier, reason) => {
    const d = routeTier({ ...base, ...over });
    expect(d.tier).toBe(tier);
    expect(d.reason).toMatch(reason);
  });
});
