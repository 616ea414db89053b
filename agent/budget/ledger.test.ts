// The budget counter on the real Redis: reservations are atomic against the hard limit
// (many concurrent callers, two ledger instances as two workers), settle to real costs,
// are rebuilt from the ledger when missing, and the owner is told once per month and level.
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { BudgetLedger, levelOf, type LedgerDeps } from "./ledger.js";
import type { BudgetLimits } from "./types.js";

const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

const NOW = new Date("2026-11-20T12:00:00Z");
const limits = (soft: number, hard: number): BudgetLimits => ({ monthlySoft: soft, monthlyHard: hard, currency: "USD" });

function ledger(over: Partial<LedgerDeps> & { prefix: string }) {
  const told: Array<{ tenantId: string; level: string; month: string }> = [];
  const l = new BudgetLedger({
    redis, limits: async () => limits(500, 1000), spentMicros: async () => 0, now: () => NOW,
    notify: async (n) => void told.push({ tenantId: n.tenantId, level: n.level, month: n.month }),
    ...over,
  });
  return { l, told };
}

describe("BudgetLedger", () => {
  it("grants concurrent reservations from two workers only while they fit under the hard limit", async () => {
    const prefix = uniquePrefix("budget");
    const a = ledger({ prefix }).l;
    const b = ledger({ prefix }).l; // a second worker: its own instance, the same Redis counter
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserve("t1", "UTC", 300)));
    expect(results.filter(Boolean)).toHaveLength(3); // 3 × 300 ≤ 1000 < 4 × 300
    expect(await a.committed("t1", "2026-11", "UTC")).toBe(900);
  });

  it("settles to the real cost, which frees room for more calls; a failed call releases all of it", async () => {
    const { l } = ledger({ prefix: uniquePrefix("budget") });
    const r1 = (await l.reserve("t1", "UTC", 600))!;
    expect(await l.reserve("t1", "UTC", 600)).toBeNull();
    await l.settle(r1, 120);
    const r2 = (await l.reserve("t1", "UTC", 600))!;
    expect(r2).toBeTruthy();
    await l.settle(r2, 0);
    expect(await l.committed("t1", "2026-11", "UTC")).toBe(120);
  });

  it("rebuilds a missing counter from the ledger (ModelUsage), per tenant and month", async () => {
    const calls: string[] = [];
    const { l } = ledger({
      prefix: uniquePrefix("budget"),
      spentMicros: async (tenantId, month) => {
        calls.push(`${tenantId}:${month}`);
        return tenantId === "rich" ? 950 : 10;
      },
    });
    expect(await l.reserve("rich", "UTC", 100)).toBeNull(); // 950 + 100 > 1000
    expect(await l.reserve("poor", "UTC", 100)).toBeTruthy();
    expect(await l.committed("poor", "2026-11", "UTC")).toBe(110);
    expect(calls.sort()).toEqual(["poor:2026-11", "rich:2026-11"]); // once each, then the counter answers
  });

  it("keys the month in the tenant's timezone", async () => {
    const prefix = uniquePrefix("budget");
    const late = new BudgetLedger({ redis, prefix, limits: async () => null, spentMicros: async () => 0, now: () => new Date("2026-11-30T20:00:00Z") });
    expect(late.monthFor("UTC")).toBe("2026-11");
    expect(late.monthFor("Asia/Kolkata")).toBe("2026-12"); // already 01:30 on 1 December there
    expect(late.key("t1", "2026-12")).toBe(`${prefix}:budget:t1:2026-12`);
  });

  it("without a budget every reservation is granted and still counted", async () => {
    const { l } = ledger({ prefix: uniquePrefix("budget"), limits: async () => null });
    for (let i = 0; i < 5; i++) expect(await l.reserve("t1", "UTC", 10_000)).toBeTruthy();
    expect(await l.committed("t1", "2026-11", "UTC")).toBe(50_000);
    expect((await l.status("t1", "UTC")).level).toBe("ok");
  });

  it("tells the owner once per month and level, even when asked concurrently", async () => {
    const { l, told } = ledger({ prefix: uniquePrefix("budget"), spentMicros: async () => 600 });
    const levels = await Promise.all(Array.from({ length: 10 }, () => l.status("t1", "UTC")));
    expect(new Set(levels.map((s) => s.level))).toEqual(new Set(["soft"]));
    expect(told).toEqual([{ tenantId: "t1", level: "soft", month: "2026-11" }]);
    const r = (await l.reserve("t1", "UTC", 400))!;
    await l.settle(r, 400);
    await l.status("t1", "UTC");
    await l.status("t1", "UTC");
    expect(told.map((t) => t.level)).toEqual(["soft", "hard"]);
  });

  it("a notification that fails is tried again on the next turn", async () => {
    let fail = true;
    const sent: string[] = [];
    const l = new BudgetLedger({
      redis, prefix: uniquePrefix("budget"), limits: async () => limits(0, 1000), spentMicros: async () => 5, now: () => NOW,
      notify: async (n) => {
        if (fail) throw new Error("outbox down");
        sent.push(n.level);
      },
    });
    await l.status("t1", "UTC");
    fail = false;
    await l.status("t1", "UTC");
    await l.status("t1", "UTC");
    expect(sent).toEqual(["soft"]);
  });

  it("levelOf", () => {
    expect(levelOf(499, limits(500, 1000))).toBe("ok");
    expect(levelOf(500, limits(500, 1000))).toBe("soft");
    expect(levelOf(1000, limits(500, 1000))).toBe("hard");
    expect(levelOf(10 ** 12, null)).toBe("ok");
  });
});
