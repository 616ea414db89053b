// Per-tenant monthly budgets, in integer micro-units of the price table's currency
// (agent/pricing.ts prices in micro-USD). No budget means unlimited.
import { z } from "zod";

/** The currency of agent/pricing.ts: budgets and usage figures are in its micro-units. */
export const PRICE_CURRENCY = "USD";

export type BudgetLevel = "ok" | "soft" | "hard";

export const budgetSchema = z
  .object({
    /** Past this month-to-date spend the router prefers cheaper tiers and the owner is told once. */
    monthlySoft: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** Past this nothing but the local tier runs; no call is started that could cross it. */
    monthlyHard: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z.literal(PRICE_CURRENCY, { error: `budgets are in ${PRICE_CURRENCY} micro-units (the price table's currency)` }),
  })
  .strict()
  .refine((b) => b.monthlySoft <= b.monthlyHard, { path: ["monthlySoft"], message: "monthlySoft must not exceed monthlyHard" });

export type BudgetLimits = z.infer<typeof budgetSchema>;

/** The budget in a tenant's settings JSON, or null (none set, or unreadable: treated as none). */
export function budgetFromSettings(settings: unknown): BudgetLimits | null {
  const raw = (settings as { budget?: unknown } | null | undefined)?.budget;
  if (raw === undefined || raw === null) return null;
  const r = budgetSchema.safeParse(raw);
  return r.success ? r.data : null;
}

export interface BudgetStatus {
  level: BudgetLevel;
  month: string;
  /** Month-to-date spend including calls in flight (their reserved worst case). */
  committedMicros: number;
  limits: BudgetLimits | null;
}

/** The owner is told when a month's soft or hard limit is first reached. */
export type LimitNotifier = (n: { tenantId: string; level: "soft" | "hard"; month: string; committedMicros: number; limits: BudgetLimits }) => Promise<void>;
