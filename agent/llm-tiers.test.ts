// The fast/smart tiers through the real ChatOpenAI client against a fake OpenAI server,
// with the real PostgreSQL checkpointer.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ChatRequest } from "../test/fakes/openai.js";
import { LOOP_CUT_OFF_REPLY } from "./graph.js";
import { turn } from "./testing/fixtures.js";
import { VAGUE, llmHarness, toolText } from "./testing/llm-harness.js";

const h = llmHarness();

describe("fast tier (OpenAI)", () => {
  it("calls knowledge_search on the run's tenant, even when the model names another tenant, and answers", async () => {
    h.openai.script([
      { toolCall: { name: "knowledge_search", args: { query: "facial", tenantId: h.other.id } }, usage: { prompt_tokens: 400, completion_tokens: 30 } },
      (req) => ({ text: toolText(req).includes("₹1,200") && !toolText(req).includes("₹5,500") ? "A classic facial is ₹1,200." : "WRONG TENANT", usage: { prompt_tokens: 600, completion_tokens: 40 } }),
    ]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("A classic facial is ₹1,200.");
    expect(r).toMatchObject({ tier: "fast", model: "gpt-4o-mini", handoff: false });
    expect(r.route).toMatch(/^lead message/);
    expect(r.usage).toEqual([
      { tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 400, outputTokens: 30, costMicros: 78 },
      { tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 600, outputTokens: 40, costMicros: 114 },
    ]);
    expect(h.store.searches.at(-1)).toEqual({ tenantId: h.glow.id, query: "facial", k: 5 });

    const first = h.openai.requests[0]!;
    expect(first.model).toBe("gpt-4o-mini");
    expect(first.tools?.map((t) => t.function.name).sort()).toEqual(["knowledge_search", "request_human"]);
    expect(first.tools?.[0]?.function.parameters).toMatchObject({ type: "object" });
    const system = String(first.messages[0]?.content);
    expect(first.messages[0]?.role).toMatch(/system|developer/);
    expect(system).toContain("Glow Salon");
    expect(system).toMatch(/Never invent prices/);
    expect(system).toMatch(/Asia\/Kolkata/);
  });

  it("owners get the smart model", async () => {
    h.openai.script([{ text: "Here is a plan." }]);
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), "what should we post this week?", { role: "owner" }));
    expect(r).toMatchObject({ reply: "Here is a plan.", tier: "smart", model: "gpt-4o" });
    expect(h.openai.requests[0]?.model).toBe("gpt-4o");
  });

  it("confident short questions stay local even with keys", async () => {
    const r = await h.agentWith(false).runTurn(turn(h.glow, randomUUID(), "how much is a facial?"));
    expect(r.tier).toBe("local");
    expect(r.reply).toContain("₹1,200");
    expect(h.openai.requests).toHaveLength(0);
  });

  it("a second turn on the conversation sends the first turn's messages; another conversation does not", async () => {
    const conv = randomUUID();
    const a = h.agentWith(false);
    h.openai.script([{ text: "We'd suggest two classic facials." }, { text: "Booked in spirit." }, { text: "Fresh start." }]);
    await a.runTurn(turn(h.glow, conv, VAGUE));
    await a.runTurn(turn(h.glow, conv, "Sounds lovely, and could you also tell me whether we can both come in on the same afternoon?"));
    await a.runTurn(turn(h.glow, randomUUID(), "Something else entirely that is long enough to need the fast tier please, thanks a lot"));
    const texts = (req: ChatRequest) => req.messages.map((m) => String(m.content));
    expect(texts(h.openai.requests[1]!)).toEqual(expect.arrayContaining([VAGUE, "We'd suggest two classic facials."]));
    expect(texts(h.openai.requests[2]!)).not.toContain(VAGUE);
  });
});

describe("bounded tool loop", () => {
  it("a model that keeps calling tools is cut off, and the conversation stays valid for the next turn", async () => {
    const conv = randomUUID();
    h.openai.script([{ toolCall: { name: "knowledge_search", args: { query: "facial" } } }], { repeat: true });
    const r = await h.agentWith(false).runTurn(turn(h.glow, conv, VAGUE));
    expect(h.openai.requests).toHaveLength(4); // 3 rounds with tools, then one call without
    expect(h.openai.requests[2]?.tools).toBeDefined();
    expect(h.openai.requests[3]?.tools).toBeUndefined();
    expect(r.reply).toBe(LOOP_CUT_OFF_REPLY);
    expect(r.usage).toHaveLength(4);
    h.openai.script([{ text: "Fine now." }]);
    const next = await h.agentWith(false).runTurn(turn(h.glow, conv, VAGUE.replace("next week", "tomorrow")));
    expect(next.reply).toBe("Fine now."); // the fake rejects dangling tool calls; afterEach checks none were
  });
});

