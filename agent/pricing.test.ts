import { AIMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { estimateCostMicros } from "./pricing.js";
import { mergeTurn, freshTurn } from "./state.js";
import { usageRecord } from "./usage.js";

describe("pricing and usage", () => {
  it("prices by the longest model prefix in micro-USD", () => {
    expect(estimateCostMicros("gpt-4o-mini", 1_000_000, 0)).toEqual({ costMicros: 150_000, known: true });
    expect(estimateCostMicros("gpt-4o-2024-08-06", 1000, 1000)).toEqual({ costMicros: 12_500, known: true });
    expect(estimateCostMicros("models/gemini-2.5-flash", 2000, 100)).toEqual({ costMicros: 850, known: true });
    expect(estimateCostMicros("my-ollama-model", 1000, 1000)).toEqual({ costMicros: 0, known: false });
  });

  it("takes tokens from the provider's usage_metadata; the local tier costs nothing", () => {
    const msg = new AIMessage({ content: "x" });
    msg.usage_metadata = { input_tokens: 1000, output_tokens: 100, total_tokens: 1100 };
    expect(usageRecord("fast", "openai", "gpt-4o-mini", msg).record).toEqual({
      tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 100, costMicros: 210,
    });
    expect(usageRecord("local", "local", "gpt-4o", msg).record.costMicros).toBe(0);
  });

  it("turn usage appends within a turn and resets with the next", () => {
    const u = { tier: "local" as const, provider: "local", model: "m", inputTokens: 0, outputTokens: 0, costMicros: 0 };
    let t = mergeTurn(freshTurn(), { usage: [u], tier: "fast" });
    t = mergeTurn(t, { usage: [u], handoff: true });
    expect(t.usage).toHaveLength(2);
    expect(t).toMatchObject({ tier: "fast", handoff: true });
    expect(mergeTurn(t, { reset: true })).toEqual(freshTurn());
  });
});
