// Admin API for budgets and model usage (bearer token, zod-validated), tenant-scoped:
//   PUT    /tenants/:tenantId/settings/budget  {monthlySoft, monthlyHard, currency} → the budget with month-to-date spend
//   GET    /tenants/:tenantId/settings/budget  → {budget | null, month, spentMicros, level}
//   DELETE /tenants/:tenantId/settings/budget  → 204 (unlimited again)
//   GET    /tenants/:tenantId/usage?month=YYYY-MM → totals, by tier and by model (calls, tokens, cost micros)
// Months are the tenant's calendar months in its timezone; amounts are integer micro-units.
import express, { Router } from "express";
import { levelOf } from "../../../agent/budget/ledger.js";
import { isMonth, monthOf, monthRange } from "../../../agent/budget/month.js";
import { budgetFromSettings, PRICE_CURRENCY } from "../../../agent/budget/types.js";
import { NotFoundError } from "../../../core/errors.js";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import type { UsageRepo } from "../../../core/repos/usage.js";
import { bearerAuth } from "../auth.js";
import { validate } from "../validate.js";
import { uuidParam } from "./admin-schemas.js";
import { budgetSchema, usageQuerySchema } from "./usage-schemas.js";

export interface UsageRouteDeps {
  token: string;
  tenants: Pick<TenantRepo, "get" | "settings" | "invalidate">;
  usage: Pick<UsageRepo, "report" | "spentMicros" | "setBudget">;
  now?: () => Date;
}

const BUDGET = "/tenants/:tenantId/settings/budget";

export function usageRoutes(d: UsageRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(d.token);
  const json = express.json({ limit: "8kb" });
  const now = d.now ?? (() => new Date());
  const tenantOf = (raw: unknown) => d.tenants.get(validate(uuidParam, raw));

  const budgetView = async (tenantId: string, timezone: string) => {
    const budget = budgetFromSettings(await d.tenants.settings(tenantId));
    const month = monthOf(now(), timezone);
    const { from, to } = monthRange(month, timezone);
    const spentMicros = await d.usage.spentMicros(tenantId, from, to);
    return { budget, month, timezone, currency: PRICE_CURRENCY, spentMicros, level: levelOf(spentMicros, budget) };
  };

  r.put(BUDGET, auth, json, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const budget = validate(budgetSchema, req.body);
    if (!(await d.usage.setBudget(t.id, budget))) throw new NotFoundError("tenant");
    d.tenants.invalidate(t.id);
    res.json(await budgetView(t.id, t.timezone));
  });
  r.get(BUDGET, auth, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    res.json(await budgetView(t.id, t.timezone));
  });
  r.delete(BUDGET, auth, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    if (!(await d.usage.setBudget(t.id, null))) throw new NotFoundError("tenant");
    d.tenants.invalidate(t.id);
    res.status(204).end();
  });

  r.get("/tenants/:tenantId/usage", auth, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const q = validate(usageQuerySchema, req.query);
    const month = q.month && isMonth(q.month) ? q.month : monthOf(now(), t.timezone);
    const { from, to } = monthRange(month, t.timezone);
    const report = await d.usage.report(t.id, from, to);
    res.json({ tenantId: t.id, month, timezone: t.timezone, from: from.toISOString(), to: to.toISOString(), currency: PRICE_CURRENCY, ...report });
  });
  return r;
}
