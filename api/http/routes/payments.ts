// Admin API for payments (bearer token, zod-validated), tenant-scoped:
//   PUT    /tenants/:tenantId/integrations/stripe    {secretKey, webhookSecret, accountId?}
//   PUT    /tenants/:tenantId/integrations/razorpay  {keyId, keySecret, webhookSecret}
//     → {id, kind, active, webhookPath}: point the provider's webhook at webhookPath.
//       Keys are stored encrypted and never returned; the other provider is switched off.
//   DELETE /tenants/:tenantId/integrations/:kind      → 204 (payments off; links already sent still settle)
//   GET    /tenants/:tenantId/payments?contactId&bookingId&limit → the tenant's payments, newest first
import express, { Router } from "express";
import { NotFoundError } from "../../../core/errors.js";
import type { PaymentRepo } from "../../../core/payments/repo.js";
import type { PaymentRow } from "../../../core/payments/types.js";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import { bearerAuth } from "../auth.js";
import { validate } from "../validate.js";
import { uuidParam } from "./admin-schemas.js";
import { paymentsQuerySchema, razorpayIntegrationSchema, stripeIntegrationSchema } from "./payments-schemas.js";
import { z } from "zod";

export interface PaymentAdminDeps {
  token: string;
  tenants: Pick<TenantRepo, "get">;
  repo: Pick<PaymentRepo, "upsertIntegration" | "deactivateOthers" | "deactivate" | "list">;
}

const view = (p: PaymentRow) => ({
  id: p.id, contactId: p.contactId, bookingId: p.bookingId, provider: p.provider, providerRef: p.providerRef, url: p.url,
  amountMinor: p.amountMinor, currency: p.currency, status: p.status, description: p.description, refundedMinor: p.refundedMinor,
  expiresAt: p.expiresAt?.toISOString() ?? null, paidAt: p.paidAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(),
});

export function paymentAdminRoutes(d: PaymentAdminDeps): Router {
  const r = Router();
  const auth = bearerAuth(d.token);
  const json = express.json({ limit: "16kb" });
  const tenantOf = (raw: unknown) => d.tenants.get(validate(uuidParam, raw));

  r.put("/tenants/:tenantId/integrations/stripe", auth, json, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const b = validate(stripeIntegrationSchema, req.body);
    const row = await d.repo.upsertIntegration(t.id, "stripe", b.accountId ?? null, { secretKey: b.secretKey, webhookSecret: b.webhookSecret });
    await d.repo.deactivateOthers(t.id, "stripe");
    res.json({ id: row.id, kind: row.kind, active: row.active, webhookPath: `/webhooks/stripe/${row.id}` });
  });
  r.put("/tenants/:tenantId/integrations/razorpay", auth, json, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const b = validate(razorpayIntegrationSchema, req.body);
    const row = await d.repo.upsertIntegration(t.id, "razorpay", b.keyId, { keyId: b.keyId, secretKey: b.keySecret, webhookSecret: b.webhookSecret });
    await d.repo.deactivateOthers(t.id, "razorpay");
    res.json({ id: row.id, kind: row.kind, active: row.active, webhookPath: `/webhooks/razorpay/${row.id}` });
  });
  r.delete("/tenants/:tenantId/integrations/:kind", auth, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const kind = validate(z.enum(["stripe", "razorpay"]), req.params.kind);
    if (!(await d.repo.deactivate(t.id, kind))) throw new NotFoundError("integration");
    res.status(204).end();
  });
  r.get("/tenants/:tenantId/payments", auth, async (req, res) => {
    const t = await tenantOf(req.params.tenantId);
    const q = validate(paymentsQuerySchema, req.query);
    const items = await d.repo.list(t.id, { ...(q.contactId ? { contactId: q.contactId } : {}), ...(q.bookingId ? { bookingId: q.bookingId } : {}), limit: q.limit ?? 50 });
    res.json({ items: items.map(view) });
  });
  return r;
}
