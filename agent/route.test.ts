import { describe, expect, it } from "vitest";
import { routeTier, type TurnFeatures } from "./route.js";

const both = new Set(["fast", "smart"] as const);
const none = new Set<"fast" | "smart">();
const onlyFast = new Set(["fast"] as const);
const onlySmart = new Set(["smart"] as const);

type Row = [string, Partial<TurnFeatures>, "local" | "fast" | "smart", RegExp];

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
];

describe("routeTier", () => {
  it.each(table)("%s", (_name, over, tier, reason) => {
    const d = routeTier({ ...base, ...over });
    expect(d.tier).toBe(tier);
    expect(d.reason).toMatch(reason);
  });
});
