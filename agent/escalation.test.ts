// Escalation one tier up when a tier's output fails validation (agent/escalate), through the
// real ChatOpenAI client against the fake OpenAI server and the real PostgreSQL checkpointer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IntentClassifier } from "./intent/classifier.js";
import { turn } from "./testing/fixtures.js";
import { VAGUE, llmHarness, toolText } from "./testing/llm-harness.js";

const h = llmHarness();

describe("escalation on failed validation", () => {
  it("a fast reply with a price in no source is retried on smart, which looks it up; the reason is recorded", async () => {
    h.openai.script([
      { text: "A facial is ₹999, lovely for two!" },
      { toolCall: { name: "knowledge_search", args: { query: "facial price" } } },
      (req) => ({ text: toolText(req).includes("₹1,200") ? "A classic facial is ₹1,200 each." : "NO EVIDENCE" }),
    ]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("A classic facial is ₹1,200 each.");
    expect(r.tier).toBe("smart");
    expect(r.route).toMatch(/escalated fast→smart: unsupported_claim \(price ₹999 is in no source\)/);
    expect(h.openai.requests.map((q) => q.model)).toEqual(["gpt-4o-mini", "gpt-4o", "gpt-4o"]);
    // the rejected call was paid for and is recorded with the others
    expect(r.usage.map((u) => u.tier)).toEqual(["fast", "smart", "smart"]);
    // the rejected reply never reaches the conversation: smart saw only the customer's message
    expect(h.openai.requests[1]!.messages.map((m) => String(m.content))).not.toContain("A facial is ₹999, lovely for two!");
  });

  it("a malformed tool call (truncated JSON) on fast is retried on smart", async () => {
    h.openai.script([
      { toolCall: { name: "knowledge_search", rawArguments: '{"query": "faci' } },
      { text: "Let me know which day suits you both." },
    ]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("Let me know which day suits you both.");
    expect(r.route).toMatch(/escalated fast→smart: malformed_tool_call \(unparsable tool call \(knowledge_search\)\)/);
  });

  it("an action claimed without its tool is retried once per tier, then kept and flagged at the top", async () => {
    h.openai.script([{ text: "I've booked you both in for Friday." }, { text: "I've booked you both in for Friday!" }]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(h.openai.requests.map((q) => q.model)).toEqual(["gpt-4o-mini", "gpt-4o"]);
    expect(r.route).toMatch(/escalated fast→smart: unsupported_claim .*; smart output kept: unsupported_claim \(says "I've booked" with no booking this turn\), no tier above$/);
  });

  it("a valid reply is not escalated", async () => {
    h.openai.script([{ text: "Two relaxing facials would be perfect — which day next week?" }]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.tier).toBe("fast");
    expect(r.route).not.toMatch(/escalated/);
    expect(h.openai.requests).toHaveLength(1);
  });
});

describe("escalation from the local tier", () => {
  it("a local 'don't know' with a near miss in the search goes to fast, which reads the entries", async () => {
    h.openai.script([(req) => ({ text: toolText(req).includes("Gold facials") ? "Our gold facial is ₹2,000." : "NO EVIDENCE" })]);
    // a classifier sure it is a plain question routes it local (the route is not what is tested here)
    const sure = { classify: () => ({ intent: "question" as const, confidence: 0.95, scores: {} as never }) } as unknown as IntentClassifier;
    const r = await h.agentWith(false, 5000, { classifier: sure }).runTurn(turn(h.glow, randomUUID(), "is the gold one for dry skin?"));
    expect(r.route).toMatch(/^confident knowledge question .*; escalated local→fast: low_confidence \(no knowledge entry clearly answers \(best 0\.\d\d < 0\.5\)\)$/);
    expect(r).toMatchObject({ tier: "fast", reply: "Our gold facial is ₹2,000." });
    expect(r.usage.map((u) => u.tier)).toEqual(["local", "local", "fast"]);
  });
});
