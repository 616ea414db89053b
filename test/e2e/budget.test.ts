// Budgets end to end, through the real workers and the fake OpenAI server: 20 leads of one
// tenant write at once to two worker containers (shared PostgreSQL and Redis) while the
// tenant's hard limit allows only a few calls — the ModelUsage ledger ends within the hard
// limit (the guarantee allows one call over it), the rest is answered by the local tier, and
// the owner is told once at the soft limit and once at the hard one.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContainer, type Container } from "../../api/container.js";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes/openai.js";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
let openai: FakeOpenAI;
let second: Container;
beforeAll(async () => {
  openai = await startFakeOpenAI();
  h = await startHarness({ env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, LLM_MAX_OUTPUT_TOKENS: "1000" } });
  // a second worker process's worth of parts on the same database, Redis prefix and queues
  second = await createContainer(h.config, { dbPoolSize: 5, workers: { lockDuration: 2000, stalledInterval: 1000 } });
  second.startWorkers();
});
afterAll(async () => {
  await second?.close();
  await h?.close();
  await openai?.close();
});

const VAGUE = "My sister and I are coming next week and would love something relaxing, what would you suggest for us both and how long would it take?";
const textTo = (phoneNumberId: string, to: string) =>
  h.graph.sends().filter((s) => s.phoneNumberId === phoneNumberId && (s.body as { to: string }).to === to).map((s) => (s.body as { text?: { body: string } }).text?.body ?? "");

it("20 concurrent turns of one tenant in two workers never spend past the hard limit (+ one call); the owner is told once per level", async () => {
  // each call costs 1500 × 0.15 + 900 × 0.60 = 765 micros on gpt-4o-mini; its worst case
  // (prompt bytes + 1000 output tokens) is a little more; 4000 leaves room for a few calls
  openai.script([{ text: "A relaxing facial for two, about an hour.", usage: { prompt_tokens: 1500, completion_tokens: 900 } }], { repeat: true });
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const owner = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
  await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: owner });
  const hard = 4000;
  const put = await h.admin("PUT", `/tenants/${t.tenantId}/settings/budget`, { monthlySoft: 1, monthlyHard: hard, currency: "USD" });
  expect(put.status).toBe(200);
  // the owner writes first, so WhatsApp's 24-hour window is open for the notices
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, text: "hello" }));
  await eventually(async () => textTo(t.phoneNumberId, owner).length === 1);

  const leads = Array.from({ length: 20 }, (_, i) => `44770091${String(i).padStart(4, "0")}`);
  await Promise.all(leads.map((from, i) => h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text: VAGUE, id: `wamid.budget-${t.tenantId}-${i}` }))));
  await eventually(async () => leads.every((l) => textTo(t.phoneNumberId, l).length === 1), 30_000);

  const usage = (await h.admin("GET", `/tenants/${t.tenantId}/usage`)).body;
  const fast = usage.byTier.find((x: { tier: string }) => x.tier === "fast") ?? { calls: 0, costMicros: 0 };
  const oneCallWorstCase = Math.ceil(((1500 * 4 + 8 * 10) * 150_000 + 1000 * 600_000) / 1_000_000); // generous bound of one call
  expect(fast.calls).toBeGreaterThanOrEqual(2);
  expect(fast.calls).toBeLessThan(20);
  expect(fast.costMicros).toBe(fast.calls * 765);
  const ledger = await h.c.db.modelUsage.aggregate({ where: { tenantId: t.tenantId }, _sum: { costMicros: true } });
  expect(Number(ledger._sum.costMicros)).toBe(usage.total.costMicros);
  expect(usage.total.costMicros).toBeLessThanOrEqual(hard + oneCallWorstCase);
  expect(usage.total.costMicros).toBeLessThanOrEqual(hard); // reservations are worst cases: in practice it never goes over
  expect(openai.requests.filter((r) => r.messages.some((m) => m.role === "user" && String(m.content).includes("relaxing")))).toHaveLength(fast.calls);

  const turns = await h.c.db.turn.findMany({ where: { tenantId: t.tenantId }, select: { tier: true, route: true } });
  const local = turns.filter((x) => x.tier === "local" && /budget: hard limit/.test(x.route ?? ""));
  expect(local.length).toBe(20 - fast.calls);

  const budget = (await h.admin("GET", `/tenants/${t.tenantId}/settings/budget`)).body;
  expect(budget.spentMicros).toBe(usage.total.costMicros);

  const notices = await eventually(async () => {
    const got = textTo(t.phoneNumberId, owner).slice(1);
    return got.length >= 2 ? got : null;
  });
  expect(notices.filter((n) => /soft limit/.test(n))).toHaveLength(1);
  expect(notices.filter((n) => /reached this month's AI budget of \$0\.004\./.test(n))).toHaveLength(1);
  // more turns change nothing: told once per level
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: leads[0]!, text: VAGUE, id: `wamid.budget-${t.tenantId}-again` }));
  await eventually(async () => textTo(t.phoneNumberId, leads[0]!).length === 2);
  const all = await h.c.db.message.count({ where: { tenantId: t.tenantId, direction: "outbound", idempotencyKey: { startsWith: "budget:" } } });
  expect(all).toBe(2);
}, 60_000);
