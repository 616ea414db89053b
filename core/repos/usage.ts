// Model usage, the ledger of what every model call cost (ModelUsage rows written with each
// turn), read per tenant and period; and the tenant's budget, kept in Tenant.settings.budget.
// Every query filters by tenantId. Costs are integer micro-units of the price table's currency.
import type { Db } from "../db.js";
import { Prisma } from "../db.js";

export type UsageTier = "local" | "fast" | "smart";

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

export interface UsageReport {
  total: UsageTotals;
  byTier: Array<UsageTotals & { tier: UsageTier }>;
  byModel: Array<UsageTotals & { tier: UsageTier; provider: string; model: string }>;
}

/** What Tenant.settings.budget holds (validated by the admin API before it is stored). */
export interface StoredBudget {
  monthlySoft: number;
  monthlyHard: number;
  currency: string;
}

type Sums = { _count: { _all: number }; _sum: { inputTokens: number | null; outputTokens: number | null; costMicros: bigint | null } };

const totals = (r: Sums): UsageTotals => ({
  calls: r._count._all,
  inputTokens: r._sum.inputTokens ?? 0,
  outputTokens: r._sum.outputTokens ?? 0,
  costMicros: Number(r._sum.costMicros ?? 0n),
});

const TIER_ORDER: UsageTier[] = ["local", "fast", "smart"];

export class UsageRepo {
  constructor(private readonly db: Db) {}

  /** Sum of costMicros of the tenant's model calls in [from, to). */
  async spentMicros(tenantId: string, from: Date, to: Date): Promise<number> {
    const r = await this.db.modelUsage.aggregate({
      where: { tenantId, createdAt: { gte: from, lt: to } },
      _sum: { costMicros: true },
    });
    return Number(r._sum.costMicros ?? 0n);
  }

  /** The tenant's usage in [from, to): totals, by tier, and by provider and model. */
  async report(tenantId: string, from: Date, to: Date): Promise<UsageReport> {
    const where = { tenantId, createdAt: { gte: from, lt: to } };
    const sum = { inputTokens: true, outputTokens: true, costMicros: true } as const;
    const [all, tiers, models] = await Promise.all([
      this.db.modelUsage.aggregate({ where, _count: { _all: true }, _sum: sum }),
      this.db.modelUsage.groupBy({ by: ["tier"], where, _count: { _all: true }, _sum: sum }),
      this.db.modelUsage.groupBy({ by: ["tier", "provider", "model"], where, _count: { _all: true }, _sum: sum }),
    ]);
    const byTier = tiers
      .map((t) => ({ tier: t.tier as UsageTier, ...totals(t) }))
      .sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier));
    const byModel = models
      .map((m) => ({ tier: m.tier as UsageTier, provider: m.provider, model: m.model, ...totals(m) }))
      .sort((a, b) => b.costMicros - a.costMicros || b.calls - a.calls || a.model.localeCompare(b.model));
    return { total: totals(all), byTier, byModel };
  }

  /**
   * Sets (or with null removes) Tenant.settings.budget in one statement, leaving the other
   * settings as they are. Callers invalidate TenantRepo's settings cache afterwards.
   * Returns false when the tenant does not exist.
   */
  async setBudget(tenantId: string, budget: StoredBudget | null): Promise<boolean> {
    const now = new Date().toISOString();
    const n = budget
      ? await this.db.$executeRaw(Prisma.sql`
          UPDATE "Tenant" SET settings = jsonb_set(COALESCE(settings, '{}'::jsonb), '{budget}', ${JSON.stringify(budget)}::jsonb),
            "updatedAt" = ${now}::timestamp
          WHERE id = ${tenantId}::uuid`)
      : await this.db.$executeRaw(Prisma.sql`
          UPDATE "Tenant" SET settings = COALESCE(settings, '{}'::jsonb) - 'budget', "updatedAt" = ${now}::timestamp
          WHERE id = ${tenantId}::uuid`);
    return n > 0;
  }
}
