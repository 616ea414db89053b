// What usage_report reads: a tenant's model usage for a month, totalled and by tier, with
// its budget. Implemented by agent/budget/report.ts over the ModelUsage ledger; tools never
// touch the database.
export type UsageTierName = "local" | "fast" | "smart";

export interface UsageLine {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Integer micro-units of `currency`. */
  costMicros: number;
}

export interface UsageSummary {
  /** "YYYY-MM", in the tenant's timezone. */
  month: string;
  /** True for the month in progress (figures are month-to-date). */
  current: boolean;
  /** The price table's currency (ISO 4217). */
  currency: string;
  /** The tenant's locale, for number formatting. */
  locale: string;
  total: UsageLine;
  byTier: Array<UsageLine & { tier: UsageTierName }>;
  budget: { monthlySoft: number; monthlyHard: number } | null;
}

export interface UsageSource {
  /** The tenant's usage in `month` ("YYYY-MM"), or in the current month when left out. */
  summary(tenantId: string, month?: string): Promise<UsageSummary>;
}
