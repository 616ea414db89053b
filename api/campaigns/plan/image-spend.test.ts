// AI images against the tenant's budget, on the real Redis ledger: a reservation of the
// worst case, settled to the real cost and written to the usage ledger; none left → null
// (the planner then makes the free local card); the free card writes no usage.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { BudgetLedger } from "../../../agent/budget/ledger.js";
import { testRedis, uniquePrefix } from "../../../test/support/db.js";
import { IMAGE_WORST_CASE_MICROS, imageSpend } from "./image-spend.js";

const redis = testRedis();
const prefix = uniquePrefix("image-spend");
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

function world(hardMicros: number) {
  const tenantId = randomUUID();
  const rows: Array<Record<string, unknown>> = [];
  const ledger = new BudgetLedger({
    redis, prefix, limits: async () => ({ monthlySoft: 0, monthlyHard: hardMicros, currency: "USD" }), spentMicros: async () => 0, notify: async () => {},
  });
  const db = { modelUsage: { create: async (a: { data: Record<string, unknown> }) => void rows.push(a.data) } } as never;
  return { tenantId, ledger, rows, spend: imageSpend(ledger, db) };
}

describe("imageSpend", () => {
  it("reserves the worst case, then settles to the real cost and records the call", async () => {
    const w = world(1_000_000);
    const r = await w.spend.reserve(w.tenantId, "Europe/London");
    expect(r).not.toBeNull();
    expect(await w.ledger.committed(w.tenantId, w.ledger.monthFor("Europe/London"), "Europe/London")).toBe(IMAGE_WORST_CASE_MICROS);
    await w.spend.record(w.tenantId, r!, { provider: "openai", model: "gpt-image-1", inputTokens: 50, outputTokens: 1056, costMicros: 42_490 });
    expect(await w.ledger.committed(w.tenantId, w.ledger.monthFor("Europe/London"), "Europe/London")).toBe(42_490);
    expect(w.rows).toEqual([{ tenantId: w.tenantId, tier: "smart", provider: "openai", model: "gpt-image-1", inputTokens: 50, outputTokens: 1056, costMicros: 42_490n }]);
  });

  it("says no when the image would cross the hard limit (the planner then draws the free card)", async () => {
    const w = world(IMAGE_WORST_CASE_MICROS - 1);
    expect(await w.spend.reserve(w.tenantId, "Europe/London")).toBeNull();
  });

  it("the free local card releases the reservation and writes no usage", async () => {
    const w = world(1_000_000);
    const r = await w.spend.reserve(w.tenantId, "UTC");
    await w.spend.record(w.tenantId, r!, { provider: "local", model: null, inputTokens: 0, outputTokens: 0, costMicros: 0 });
    expect(await w.ledger.committed(w.tenantId, w.ledger.monthFor("UTC"), "UTC")).toBe(0);
    expect(w.rows).toEqual([]);
  });
});
