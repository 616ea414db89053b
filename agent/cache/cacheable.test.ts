import { describe, expect, it } from "vitest";
import { isCacheableTurn, type TurnFacts } from "./cacheable.js";

const ok: TurnFacts = { role: "lead", toolNames: ["knowledge_search"], grounded: true, usedMemory: false, answer: "A women's haircut is £45." };

describe("isCacheableTurn", () => {
  it.each<[string, Partial<TurnFacts>, boolean]>([
    ["a lead's grounded answer from one knowledge search", {}, true],
    ["two knowledge searches", { toolNames: ["knowledge_search", "knowledge_search"] }, true],
    ["an owner's turn", { role: "owner" }, false],
    ["no tool call (small talk, or answered from history)", { toolNames: [] }, false],
    ["a search and a hand-off", { toolNames: ["knowledge_search", "request_human"] }, false],
    ["contact memory tools", { toolNames: ["knowledge_search", "my_memory"] }, false],
    ["forget my memory", { toolNames: ["forget_my_memory"] }, false],
    ["not grounded (nothing above the minimum score: \"I don't know\")", { grounded: false }, false],
    ["memory in the prompt", { usedMemory: true }, false],
    ["an owner tool", { toolNames: ["teach_fact"] }, false],
    ["an empty reply", { answer: " " }, false],
    ["an answer true only today", { answer: "Yes, we're open until 6pm today." }, false],
    ["an answer about right now", { answer: "We're closed at the moment, we open at 9." }, false],
    ["an answer naming weekdays is fine", { answer: "We're open Tuesday to Sunday, 10am to 8pm." }, true],
  ])("%s → %s", (_why, over, expected) => {
    expect(isCacheableTurn({ ...ok, ...over })).toBe(expected);
  });
});
