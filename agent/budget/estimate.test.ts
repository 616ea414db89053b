import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { estimateCostMicros } from "../pricing.js";
import { promptTokenBound, worstCaseMicros } from "./estimate.js";

describe("worst-case cost of a call", () => {
  const messages = [
    new SystemMessage("You are the assistant of Glow Salon."),
    new HumanMessage("नमस्ते, फेशियल कितने का है?"), // Devanagari: 3 bytes a character
    new AIMessage({ content: "", tool_calls: [{ id: "c1", name: "knowledge_search", args: { query: "facial" }, type: "tool_call" }] }),
  ];

  it("bounds input tokens by the prompt's UTF-8 bytes plus framing", () => {
    const bytes = messages.reduce((n, m) => n + Buffer.byteLength(String(m.content)), 0);
    const bound = promptTokenBound(messages, 500);
    expect(bound).toBeGreaterThan(bytes + 500);
    // never fewer tokens than a tokenizer could produce from the same characters
    expect(bound).toBeGreaterThanOrEqual([...messages.map((m) => String(m.content)).join("")].length);
  });

  it("prices the bound and the output cap, and is never below a real call within them", () => {
    const worst = worstCaseMicros("gpt-4o", 2000, 1024)!;
    expect(worst).toBe(Math.ceil((2000 * 2_500_000 + 1024 * 10_000_000) / 1_000_000));
    expect(worst).toBeGreaterThanOrEqual(estimateCostMicros("gpt-4o", 2000, 1024).costMicros);
    expect(worstCaseMicros("some-unpriced-model", 2000, 1024)).toBeNull();
  });
});
