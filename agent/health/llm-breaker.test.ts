// The circuit breaker through the real ChatOpenAI / ChatGoogleGenerativeAI clients against
// the fake servers: a 429 storm at OpenAI opens its circuit (Gemini answers meanwhile and
// OpenAI gets no more requests), after the cooldown OpenAI is probed and closes again;
// with both providers open the router goes straight to the local tier.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { turn } from "../testing/fixtures.js";
import { VAGUE, llmHarness } from "../testing/llm-harness.js";
import { CircuitBreakers } from "./breaker.js";

const h = llmHarness();
const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

function breakers() {
  let t = Date.parse("2026-11-20T12:00:00Z");
  const b = new CircuitBreakers(redis, uniquePrefix("llm-breaker"), { failures: 2, windowMs: 60_000, cooldownMs: 30_000 }, () => t);
  return { b, advance: (ms: number) => void (t += ms) };
}

describe("provider circuit breaker", () => {
  it("a 429 storm at OpenAI: Gemini answers, the circuit opens and OpenAI is skipped; after the cooldown one probe closes it", async () => {
    const { b, advance } = breakers();
    const agent = h.agentWith(true, 5000, { breakers: b });
    h.openai.script([{ status: 429 }], { repeat: true });
    h.gemini.script([{ text: "Gemini one." }, { text: "Gemini two." }, { text: "Gemini three." }]);
    const ask = () => agent.runTurn(turn(h.glow, randomUUID(), VAGUE));

    const r1 = await ask();
    const r2 = await ask();
    expect([r1.reply, r2.reply]).toEqual(["Gemini one.", "Gemini two."]);
    expect(r2.route).toMatch(/openai:fast failed \(HTTP 429\) → gemini:fast/);
    expect(h.openai.requests).toHaveLength(2);
    expect(await b.states(["openai", "gemini"])).toEqual({ openai: "open", gemini: "closed" });

    const r3 = await ask();
    expect(r3.reply).toBe("Gemini three.");
    expect(r3.route).toMatch(/openai:fast skipped \(openai circuit open\) → gemini:fast/);
    expect(h.openai.requests).toHaveLength(2); // no request while open

    advance(30_000);
    h.openai.script([{ text: "OpenAI is back." }]);
    const r4 = await ask();
    expect(r4).toMatchObject({ reply: "OpenAI is back.", model: "gpt-4o-mini" });
    expect(r4.route).not.toMatch(/skipped|failed/);
    expect(h.openai.requests).toHaveLength(3);
    expect(await b.states(["openai"])).toEqual({ openai: "closed" });
  });

  it("a probe that fails opens the circuit again; Gemini keeps answering", async () => {
    const { b, advance } = breakers();
    const agent = h.agentWith(true, 5000, { breakers: b });
    h.openai.script([{ status: 429 }], { repeat: true });
    h.gemini.script([{ text: "g1" }, { text: "g2" }, { text: "g3" }, { text: "g4" }]);
    for (let i = 0; i < 2; i++) await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    advance(30_000);
    const probe = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(probe.reply).toBe("g3");
    expect(h.openai.requests).toHaveLength(3); // the probe
    const after = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(after.route).toMatch(/openai circuit open/);
    expect(h.openai.requests).toHaveLength(3);
  });

  it("both providers down: local answers, and once both circuits are open nobody is called", async () => {
    const { b } = breakers();
    const agent = h.agentWith(true, 5000, { breakers: b });
    h.openai.script([{ status: 429 }], { repeat: true });
    h.gemini.script([{ status: 500 }, { status: 503 }]);
    for (let i = 0; i < 2; i++) {
      const r = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
      expect(r.tier).toBe("local");
      expect(r.reply).toBeTruthy();
    }
    expect(await b.states(["openai", "gemini"])).toEqual({ openai: "open", gemini: "open" });
    const r = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r).toMatchObject({ tier: "local" });
    expect(r.route).toMatch(/^every LLM provider unavailable \(circuit open\)/);
    expect(h.openai.requests).toHaveLength(2);
    expect(h.gemini.requests).toHaveLength(2);
  });

  it("an owner's smart turn with OpenAI open goes to Gemini's smart model", async () => {
    const { b } = breakers();
    await b.failure("openai");
    await b.failure("openai");
    const agent = h.agentWith(true, 5000, { breakers: b });
    h.gemini.script([{ text: "Smart from Gemini." }]);
    const r = await agent.runTurn(turn(h.glow, randomUUID(), "write a diwali campaign message for our regulars", { role: "owner" }));
    expect(r).toMatchObject({ reply: "Smart from Gemini.", tier: "smart", model: "gemini-2.5-pro" });
    expect(h.openai.requests).toHaveLength(0);
  });
});
