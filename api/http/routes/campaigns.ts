// Admin API for campaigns (bearer token), tenant-scoped; another tenant's campaign is a 404:
//   GET /tenants/:tenantId/campaigns?limit=  → the tenant's campaigns, newest first
//   GET /tenants/:tenantId/campaigns/:campaignId → the campaign, its delivery stats and attribution
// Money is integer minor units with its ISO currency.
import { Router } from "express";
import { z } from "zod";
import { NotFoundError } from "../../../core/errors.js";
import type { TenantRow } from "../../../core/repos/tenants.js";
import type { Sql } from "../../../core/sql.js";
import type { CampaignService } from "../../campaigns/service.js";
import { campaignResults, PlanRepo, type PlannedCampaign } from "../../campaigns/plan/index.js";
import { bearerAuth } from "../auth.js";
import { validate } from "../validate.js";
import { uuidParam } from "./admin-schemas.js";

export interface CampaignRouteDeps {
  token: string;
  sql: Sql;
  tenants: { get(tenantId: string): Promise<TenantRow> };
  /** Lazy: built after the routes' dependencies in the container. */
  campaigns: () => CampaignService;
}

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

function view(c: PlannedCampaign) {
  const { audience, variants, ...rest } = c;
  const { contactIds: _pinned, ...segment } = (audience ?? {}) as Record<string, unknown>;
  return { ...rest, audience: segment, variants, estimatedCost: c.estimatedCostMinor === null ? null : { amountMinor: c.estimatedCostMinor, currency: c.currency } };
}

export function campaignRoutes(d: CampaignRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(d.token);
  const repo = new PlanRepo(d.sql);

  r.get("/tenants/:tenantId/campaigns", auth, async (req, res) => {
    const tenant = await d.tenants.get(validate(uuidParam, req.params.tenantId));
    const { limit } = validate(listQuery, req.query);
    const list = await repo.list(tenant.id, limit);
    res.json({ campaigns: list.map(view) });
  });

  r.get("/tenants/:tenantId/campaigns/:campaignId", auth, async (req, res) => {
    const tenant = await d.tenants.get(validate(uuidParam, req.params.tenantId));
    const c = await repo.get(tenant.id, validate(uuidParam, req.params.campaignId));
    if (!c) throw new NotFoundError("campaign");
    const { stats, attribution } = await campaignResults(d.sql, d.campaigns(), tenant.id, c);
    res.json({ campaign: view(c), stats, attribution });
  });
  return r;
}
