// Usage reporting end to end: the admin API's month totals by tier and by model, the
// budget settings (validated, with month-to-date spend), and an owner asking in chat (local
// tier, no LLM keys) — each tenant sees only its own ModelUsage rows.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthOf } from "../../agent/budget/month.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

type Row = { tier: "local" | "fast" | "smart"; provider: string; model: string; inputTokens: number; outputTokens: number; costMicros: number; createdAt?: Date };
async function ledger(tenantId: string, rows: Row[]) {
  await h.c.db.modelUsage.createMany({
    data: rows.map((r) => ({ id: randomUUID(), tenantId, conversationId: null, ...r, costMicros: BigInt(r.costMicros), createdAt: r.createdAt ?? new Date() })),
  });
}

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  d.setUTCDate(15);
  return d;
};

describe("usage and budgets (admin API)", () => {
  it("reports a month's totals by tier and by model, for that tenant only", async () => {
    const a = await h.createTenant();
    const b = await h.createTenant();
    await ledger(a.tenantId, [
      { tier: "local", provider: "local", model: "local-intent-nb-v1", inputTokens: 0, outputTokens: 0, costMicros: 0 },
      { tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 100, costMicros: 210 },
      { tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 2000, outputTokens: 200, costMicros: 420 },
      { tier: "fast", provider: "gemini", model: "gemini-2.5-flash", inputTokens: 300, outputTokens: 10, costMicros: 115 },
      { tier: "smart", provider: "openai", model: "gpt-4o", inputTokens: 4000, outputTokens: 500, costMicros: 15_000 },
      { tier: "smart", provider: "openai", model: "gpt-4o", inputTokens: 9, outputTokens: 9, costMicros: 999_999, createdAt: lastMonth() },
    ]);
    await ledger(b.tenantId, [{ tier: "smart", provider: "openai", model: "gpt-4o", inputTokens: 77_777, outputTokens: 7, costMicros: 777_777 }]);

    const r = await h.admin("GET", `/tenants/${a.tenantId}/usage`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month: monthOf(new Date(), "Europe/London"), timezone: "Europe/London", currency: "USD" });
    expect(r.body.total).toEqual({ calls: 5, inputTokens: 7300, outputTokens: 810, costMicros: 15_745 });
    expect(r.body.byTier).toEqual([
      { tier: "local", calls: 1, inputTokens: 0, outputTokens: 0, costMicros: 0 },
      { tier: "fast", calls: 3, inputTokens: 3300, outputTokens: 310, costMicros: 745 },
      { tier: "smart", calls: 1, inputTokens: 4000, outputTokens: 500, costMicros: 15_000 },
    ]);
    expect(r.body.byModel.map((m: { model: string; calls: number; costMicros: number }) => [m.model, m.calls, m.costMicros])).toEqual([
      ["gpt-4o", 1, 15_000], ["gpt-4o-mini", 2, 630], ["gemini-2.5-flash", 1, 115], ["local-intent-nb-v1", 1, 0],
    ]);

    const previous = await h.admin("GET", `/tenants/${a.tenantId}/usage?month=${monthOf(lastMonth(), "Europe/London")}`);
    expect(previous.body.total).toEqual({ calls: 1, inputTokens: 9, outputTokens: 9, costMicros: 999_999 });

    const other = await h.admin("GET", `/tenants/${b.tenantId}/usage`);
    expect(other.body.total).toEqual({ calls: 1, inputTokens: 77_777, outputTokens: 7, costMicros: 777_777 });
    expect(JSON.stringify(other.body)).not.toContain("gemini");

    expect((await h.admin("GET", `/tenants/${a.tenantId}/usage?month=2026-13`)).status).toBe(400);
    expect((await h.admin("GET", `/tenants/${randomUUID()}/usage`)).status).toBe(404);
    expect((await h.admin("GET", `/tenants/${a.tenantId}/usage`, undefined, "wrong-token-wrong-token-wrong")).status).toBe(401);
  });

  it("sets, validates, shows and removes a tenant's budget; other settings are kept", async () => {
    const a = await h.createTenant();
    const b = await h.createTenant();
    await h.admin("PUT", `/tenants/${a.tenantId}/settings/whatsapp-template`, { name: "reengage", language: "en" });
    await ledger(a.tenantId, [{ tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 10, outputTokens: 10, costMicros: 3_000_000 }]);
    const path = `/tenants/${a.tenantId}/settings/budget`;

    for (const bad of [
      { monthlySoft: 1.5, monthlyHard: 2, currency: "USD" },
      { monthlySoft: 5, monthlyHard: 2, currency: "USD" },
      { monthlySoft: 1, monthlyHard: 2, currency: "EUR" },
      { monthlySoft: -1, monthlyHard: 2, currency: "USD" },
      { monthlySoft: 1, monthlyHard: 2, currency: "USD", tenantId: b.tenantId },
    ]) {
      const r = await h.admin("PUT", path, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBeTruthy();
    }
    expect((await h.admin("GET", path)).body).toMatchObject({ budget: null, spentMicros: 3_000_000, level: "ok" });

    const put = await h.admin("PUT", path, { monthlySoft: 2_000_000, monthlyHard: 10_000_000, currency: "USD" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ budget: { monthlySoft: 2_000_000, monthlyHard: 10_000_000, currency: "USD" }, spentMicros: 3_000_000, level: "soft" });
    expect(await h.c.tenants.settings(a.tenantId)).toMatchObject({ whatsappTemplate: { name: "reengage" }, budget: { monthlyHard: 10_000_000 } });
    expect((await h.admin("GET", `/tenants/${b.tenantId}/settings/budget`)).body).toMatchObject({ budget: null, spentMicros: 0 });

    expect((await h.admin("DELETE", path)).status).toBe(204);
    expect((await h.admin("GET", path)).body.budget).toBeNull();
    expect(await h.c.tenants.settings(a.tenantId)).toMatchObject({ whatsappTemplate: { name: "reengage" } });
  });
});

describe("usage in chat (owner, local tier)", () => {
  it("answers the owner's 'how much has the assistant cost this month?' with this tenant's figures only", async () => {
    const a = await h.createTenant();
    const b = await h.createTenant();
    const owner = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
    await h.admin("POST", `/tenants/${a.tenantId}/owners`, { channel: "whatsapp", address: owner });
    await ledger(a.tenantId, [
      { tier: "fast", provider: "openai", model: "gpt-4o-mini", inputTokens: 52_300, outputTokens: 3_100, costMicros: 9_705 },
      { tier: "smart", provider: "openai", model: "gpt-4o", inputTokens: 9_200, outputTokens: 1_000, costMicros: 1_224_862 },
    ]);
    await ledger(b.tenantId, [{ tier: "smart", provider: "openai", model: "gpt-4o", inputTokens: 1, outputTokens: 1, costMicros: 88_880_000 }]);
    await h.admin("PUT", `/tenants/${a.tenantId}/settings/budget`, { monthlySoft: 4_000_000, monthlyHard: 5_000_000, currency: "USD" });

    await h.postWebhook(textWebhook({ phoneNumberId: a.phoneNumberId, from: owner, text: "how much has the assistant cost this month?" }));
    const sent = await eventually(async () => h.graph.sends().find((s) => s.phoneNumberId === a.phoneNumberId && (s.body as { to: string }).to === owner));
    const text = (sent.body as { text: { body: string } }).text.body;
    expect(text).toMatch(/^So far this month .* the assistant has cost \$1\.23 \(2 model calls\)/);
    expect(text).toContain("• Fast model: 1 call, 52,300 tokens in, 3,100 out — $0.0097");
    expect(text).toContain("• Smart model: 1 call, 9,200 tokens in, 1,000 out — $1.22");
    expect(text).toContain("Monthly budget: $5.00");
    expect(text).not.toContain("88.88");
  });
});
