// Budgets through the real ChatOpenAI client against the fake server: the hard limit keeps a
// tenant on the local tier, the soft limit moves an owner from smart to fast (and tells the
// owner once), a call whose worst case does not fit is never made, every call is capped at
// max_tokens, and concurrent turns of one tenant in two "workers" stay within the hard limit.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { IntentClassifier } from "../intent/classifier.js";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { turn } from "../testing/fixtures.js";
import { VAGUE, llmHarness } from "../testing/llm-harness.js";
import { BudgetLedger } from "./ledger.js";
import type { BudgetLimits } from "./types.js";

const h = llmHarness();
const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

function ledgerFor(budgets: Record<string, BudgetLimits>, spent: Record<string, number> = {}, prefix = uniquePrefix("llm-budget")) {
  const told: Array<{ tenantId: string; level: string }> = [];
  const ledger = new BudgetLedger({
    redis, prefix,
    limits: async (id) => budgets[id] ?? null,
    spentMicros: async (id) => spent[id] ?? 0,
    notify: async (n) => void told.push({ tenantId: n.tenantId, level: n.level }),
  });
  return { ledger, told, prefix };
}
const usd = (soft: number, hard: number): BudgetLimits => ({ monthlySoft: soft, monthlyHard: hard, currency: "USD" });

describe("budgets", () => {
  it("over the hard limit a tenant gets the local tier only, and its owner is told once; another tenant is untouched", async () => {
    const { ledger, told } = ledgerFor({ [h.glow.id]: usd(1000, 5000) }, { [h.glow.id]: 5000 });
    const agent = h.agentWith(false, 5000, { budget: ledger });
    h.openai.script([{ text: "From OpenAI." }], { repeat: true });
    const owner = await agent.runTurn(turn(h.glow, randomUUID(), "write a diwali campaign message for our regulars", { role: "owner" }));
    const lead = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    for (const r of [owner, lead]) {
      expect(r.tier).toBe("local");
      expect(r.route).toMatch(/^budget: hard limit reached/);
      expect(r.usage.every((u) => u.costMicros === 0)).toBe(true);
    }
    expect(h.openai.requests).toHaveLength(0);
    expect(told).toEqual([{ tenantId: h.glow.id, level: "hard" }]);
    const other = await agent.runTurn(turn(h.other, randomUUID(), VAGUE));
    expect(other).toMatchObject({ reply: "From OpenAI.", tier: "fast" });
  });

  it("an escalation whose tier the budget refuses falls back to local once and ends (no loop)", async () => {
    // soft already passed; the hard limit leaves no room for a fast call's worst case
    const { ledger } = ledgerFor({ [h.glow.id]: usd(1, 2) });
    const sure = { classify: () => ({ intent: "question" as const, confidence: 0.95, scores: {} as never }) } as unknown as IntentClassifier;
    const agent = h.agentWith(false, 5000, { budget: ledger, classifier: sure });
    // the local tier's "don't know" on a near miss asks for fast; the budget skips it
    const r = await agent.runTurn(turn(h.glow, randomUUID(), "is the gold one for dry skin?"));
    expect(r.tier).toBe("local");
    expect(r.route).toMatch(/escalated local→fast: low_confidence .*openai:fast skipped \(budget: .*\) → local; local output kept: low_confidence .*no tier above$/);
    expect(h.openai.requests).toHaveLength(0);
  });

  it("over the soft limit an owner's turn goes to the fast model instead of the smart one", async () => {
    const { ledger, told } = ledgerFor({ [h.glow.id]: usd(1000, 10_000_000) }, { [h.glow.id]: 1500 });
    const agent = h.agentWith(false, 5000, { budget: ledger });
    h.openai.script([{ text: "Cheaper answer." }, { text: "Cheaper again." }]);
    const r = await agent.runTurn(turn(h.glow, randomUUID(), "write a diwali campaign message for our regulars", { role: "owner" }));
    expect(r).toMatchObject({ reply: "Cheaper answer.", tier: "fast", model: "gpt-4o-mini" });
    expect(r.route).toMatch(/budget: soft limit/);
    expect(h.openai.requests.map((q) => q.model)).toEqual(["gpt-4o-mini"]);
    await agent.runTurn(turn(h.glow, randomUUID(), "and one for new customers", { role: "owner" }));
    expect(told).toEqual([{ tenantId: h.glow.id, level: "soft" }]);
  });

  it("a call whose worst case does not fit under the hard limit is never made: local answers", async () => {
    const { ledger } = ledgerFor({ [h.glow.id]: usd(600, 700) }); // gpt-4o-mini: 1024 output tokens reserve 615 micros, plus the prompt
    const agent = h.agentWith(false, 5000, { budget: ledger, maxOutputTokens: 1024 });
    h.openai.script([{ text: "never" }], { repeat: true });
    const r = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.tier).toBe("local");
    expect(r.route).toMatch(/openai:fast skipped \(budget: hard limit\) → local/);
    expect(h.openai.requests).toHaveLength(0);
    expect(await ledger.committed(h.glow.id, ledger.monthFor(h.glow.timezone), h.glow.timezone)).toBe(0); // nothing left reserved
  });

  it("caps every LLM call's output (max_tokens) and settles the reservation to the provider's usage", async () => {
    const { ledger } = ledgerFor({ [h.glow.id]: usd(5_000_000, 10_000_000) });
    const agent = h.agentWith(false, 5000, { budget: ledger, maxOutputTokens: 300 });
    h.openai.script([{ text: "Capped.", usage: { prompt_tokens: 1000, completion_tokens: 50 } }]);
    const r = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("Capped.");
    expect(h.openai.requests[0]?.max_tokens).toBe(300);
    expect(r.usage[0]?.costMicros).toBe(180); // 1000 × 0.15 + 50 × 0.60
    expect(await ledger.committed(h.glow.id, ledger.monthFor(h.glow.timezone), h.glow.timezone)).toBe(180);
  });

  it("caps Gemini's output too (generationConfig.maxOutputTokens)", async () => {
    const agent = h.agentWith(true, 5000, { maxOutputTokens: 256 });
    h.openai.script([{ status: 500 }]);
    h.gemini.script([{ text: "Gemini capped." }]);
    const r = await agent.runTurn(turn(h.glow, randomUUID(), VAGUE));
    expect(r.reply).toBe("Gemini capped.");
    expect(h.openai.requests[0]?.max_tokens).toBe(256);
    expect((h.gemini.requests[0]?.body.generationConfig as { maxOutputTokens?: number }).maxOutputTokens).toBe(256);
  });

  it("20 concurrent turns of one tenant in two workers: the calls made stay within the hard limit", async () => {
    const hard = 4000;
    const prefix = uniquePrefix("llm-budget");
    const w1 = ledgerFor({ [h.glow.id]: usd(0, hard) }, {}, prefix).ledger;
    const w2 = ledgerFor({ [h.glow.id]: usd(0, hard) }, {}, prefix).ledger;
    // near the worst case of each call: 1500 in / 1000 out on gpt-4o-mini = 825 micros
    h.openai.script([{ text: "LLM answer.", usage: { prompt_tokens: 1500, completion_tokens: 1000 } }], { repeat: true });
    const agents = [h.agentWith(false, 5000, { budget: w1 }), h.agentWith(false, 5000, { budget: w2 })];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => agents[i % 2]!.runTurn(turn(h.glow, randomUUID(), VAGUE))));
    const spent = results.flatMap((r) => r.usage).reduce((n, u) => n + u.costMicros, 0);
    const paid = results.filter((r) => r.tier === "fast").length;
    expect(paid).toBeGreaterThanOrEqual(3);
    expect(paid).toBe(h.openai.requests.length);
    expect(spent).toBe(paid * 825);
    expect(spent).toBeLessThanOrEqual(hard);
    expect(results.filter((r) => r.tier === "local").length).toBe(20 - paid);
    expect(await w1.committed(h.glow.id, w1.monthFor(h.glow.timezone), h.glow.timezone)).toBe(spent);
  });
});
