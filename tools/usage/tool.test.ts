// usage_report outside a graph: the run's tenant only (never an argument), owners only,
// money in the price table's currency formatted for the tenant's locale.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toolConfigurable } from "../context.js";
import { formatMicros, usageText } from "./format.js";
import { usageReportTool } from "./tool.js";
import type { UsageSource, UsageSummary } from "./types.js";

const a = randomUUID();
const b = randomUUID();
const config = (tenantId: string, role: "lead" | "owner" = "owner") => ({ configurable: toolConfigurable({ tenantId, role, conversationId: "c1" }) });

const summaryA: UsageSummary = {
  month: "2026-11", current: true, currency: "USD", locale: "en-IN",
  total: { calls: 57, inputTokens: 61_500, outputTokens: 4_100, costMicros: 1_234_567 },
  byTier: [
    { tier: "local", calls: 40, inputTokens: 0, outputTokens: 0, costMicros: 0 },
    { tier: "fast", calls: 15, inputTokens: 52_300, outputTokens: 3_100, costMicros: 9_705 },
    { tier: "smart", calls: 2, inputTokens: 9_200, outputTokens: 1_000, costMicros: 1_224_862 },
  ],
  budget: { monthlySoft: 4_000_000, monthlyHard: 5_000_000 },
};

function source(): UsageSource & { asked: Array<{ tenantId: string; month?: string }> } {
  const asked: Array<{ tenantId: string; month?: string }> = [];
  return {
    asked,
    async summary(tenantId, month) {
      asked.push({ tenantId, ...(month ? { month } : {}) });
      if (tenantId === a) return summaryA;
      return { ...summaryA, locale: "en", total: { calls: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 }, byTier: [], budget: null };
    },
  };
}

describe("usage_report", () => {
  it("reports the run tenant's month to date by tier, with calls, tokens and the budget", async () => {
    const s = source();
    const out = String(await usageReportTool(s).invoke({}, config(a)));
    expect(out.split("\n")).toEqual([
      "So far this month (November 2026) the assistant has cost $1.23 (57 model calls):",
      "• Local (built-in, free): 40 calls — $0.00",
      "• Fast model: 15 calls, 52,300 tokens in, 3,100 out — $0.0097",
      "• Smart model: 2 calls, 9,200 tokens in, 1,000 out — $1.22",
      "Monthly budget: $5.00 (cheaper models from $4.00); $3.77 left.",
      "Amounts are estimates in USD from the model price list.",
    ]);
    expect(s.asked).toEqual([{ tenantId: a }]);
  });

  it("another tenant's run sees its own (empty) month, never A's; a month can be asked for", async () => {
    const s = source();
    const out = String(await usageReportTool(s).invoke({ month: "2026-10" }, config(b)));
    expect(out).toMatch(/no model calls/);
    expect(out).not.toContain("1.23");
    expect(s.asked).toEqual([{ tenantId: b, month: "2026-10" }]);
  });

  it("refuses in a lead's run context without reading anything, and has no tenant argument", async () => {
    const s = source();
    const t = usageReportTool(s);
    await expect(t.invoke({}, config(a, "lead"))).rejects.toThrow(/not available/);
    expect(s.asked).toEqual([]);
    await t.invoke({ tenantId: b } as never, config(a));
    expect(s.asked).toEqual([{ tenantId: a }]);
  });

  it("formats micro-units in the tenant's locale", () => {
    expect(formatMicros(0, "en", "USD")).toBe("$0.00");
    expect(formatMicros(4_200, "en", "USD")).toBe("$0.0042");
    expect(formatMicros(1_234_500_000, "de-DE", "USD")).toMatch(/^1\.234,50\s\$$/u);
    expect(formatMicros(1_500_000, "xx-not-a-locale-at-all", "USD")).toMatch(/1\.50/);
    expect(usageText({ ...summaryA, current: false, budget: null })).toMatch(/^In November 2026 the assistant has cost \$1\.23/);
  });
});
