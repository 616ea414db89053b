// Provider failures: 429/500 storms and timeouts fall back to the other provider (real
// ChatGoogleGenerativeAI against a fake Gemini server), then to the local tier.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { turn } from "./testing/fixtures.js";
import { VAGUE, llmHarness } from "./testing/llm-harness.js";

const h = llmHarness();

describe("fallback", () => {
  it("a 429 storm at OpenAI falls back to Gemini, which searches and answers", async () => {
    h.openai.script([{ status: 429 }], { repeat: true });
    h.gemini.script([
      { functionCall: { name: "knowledge_search", args: { query: "facial price" } }, usage: { promptTokenCount: 300, candidatesTokenCount: 10 } },
      (req) => ({ text: JSON.stringify(req.body.contents).includes("₹1,200") ? "Gemini says ₹1,200." : "no data", usage: { promptTokenCount: 500, candidatesTokenCount: 20 } }),
    ]);
    const r = await h.agentWith(true).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("Gemini says ₹1,200.");
    expect(r).toMatchObject({ tier: "fast", model: "gemini-2.5-flash" });
    expect(r.route).toMatch(/openai:fast failed \(HTTP 429\) → gemini:fast/);
    expect(r.usage.map((u) => [u.provider, u.inputTokens, u.outputTokens])).toEqual([["gemini", 300, 10], ["gemini", 500, 20]]);
    expect(r.usage[0]!.costMicros).toBe(115);
    expect(h.openai.requests).toHaveLength(1); // a failed provider is not retried within the turn
    expect(h.gemini.requests[0]?.body.tools?.[0]?.functionDeclarations?.map((f) => f.name).sort()).toEqual(["knowledge_search", "request_human"]);
    expect(h.gemini.requests[0]?.body.systemInstruction?.parts[0]?.text).toContain("Glow Salon");
  });

  it("OpenAI 500s with no Gemini falls back to the local tier, which searches and still answers", async () => {
    h.openai.script([{ status: 500 }], { repeat: true });
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.tier).toBe("local");
    expect(r.route).toMatch(/openai:fast failed \(HTTP 500\) → local/);
    expect(h.store.searches.at(-1)).toMatchObject({ tenantId: h.glow.id, query: VAGUE });
    // The long message matches no entry well enough for the local tier: it says so honestly.
    expect(r.reply).toMatch(/don't have that information.*connect you/s);
    expect(r.usage.every((u) => u.tier === "local" && u.costMicros === 0)).toBe(true);
  });

  it("both providers down: OpenAI 429, Gemini 500 → local", async () => {
    h.openai.script([{ status: 429 }], { repeat: true });
    h.gemini.script([{ status: 500 }]);
    const r = await h.agentWith(true).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.tier).toBe("local");
    expect(r.route).toMatch(/openai:fast failed \(HTTP 429\); gemini:fast failed \(HTTP 500\) → local/);
    expect(r.reply).toBeTruthy();
  });

  it("a provider that fails mid-turn (after its tool call) hands the tool results to the next one", async () => {
    h.openai.script([{ toolCall: { name: "knowledge_search", args: { query: "facial" } } }, { status: 500 }]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.tier).toBe("local");
    expect(r.reply).toContain("₹1,200");
    expect(r.usage.map((u) => u.provider)).toEqual(["openai", "local"]);
  });

  it("a hanging provider times out and falls back", async () => {
    h.openai.script([{ hang: true }]);
    const started = Date.now();
    const r = await h.agentWith(false, 300).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.tier).toBe("local");
    expect(r.route).toMatch(/openai:fast failed/);
  });
});
