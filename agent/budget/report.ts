// The usage summary owners read in chat (tools/usage) and the budget state the admin API
// shows: month windows in the tenant's timezone over the ModelUsage ledger.
import type { UsageReport } from "../../core/repos/usage.js";
import type { UsageSource, UsageSummary } from "../../tools/registry.js";
import { monthOf, monthRange } from "./month.js";
import { PRICE_CURRENCY, type BudgetLimits } from "./types.js";

export interface UsageReportDeps {
  /** The tenant's timezone and locale (TenantRepo.get). */
  tenant(tenantId: string): Promise<{ timezone: string; locale: string }>;
  /** The ModelUsage ledger in [from, to) (UsageRepo.report). */
  report(tenantId: string, from: Date, to: Date): Promise<UsageReport>;
  limits(tenantId: string): Promise<BudgetLimits | null>;
  now?: () => Date;
}

export function usageSource(d: UsageReportDeps): UsageSource {
  const now = d.now ?? (() => new Date());
  return {
    async summary(tenantId, month): Promise<UsageSummary> {
      const t = await d.tenant(tenantId);
      const current = monthOf(now(), t.timezone);
      const which = month ?? current;
      const { from, to } = monthRange(which, t.timezone);
      const [r, limits] = await Promise.all([d.report(tenantId, from, to), d.limits(tenantId)]);
      return {
        month: which, current: which === current, currency: PRICE_CURRENCY, locale: t.locale,
        total: r.total, byTier: r.byTier,
        budget: limits ? { monthlySoft: limits.monthlySoft, monthlyHard: limits.monthlyHard } : null,
      };
    },
  };
}
