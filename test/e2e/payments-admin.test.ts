// The payments admin API: integrations stored encrypted (never echoed), validated, one active
// provider per tenant, switched off cleanly; a tenant's payment list shows only its own rows.
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertBooking, openShop, startPaymentWorld, type PaymentWorld } from "./payment-setup.js";

let w: PaymentWorld;
beforeAll(async () => {
  w = await startPaymentWorld();
});
afterAll(async () => {
  await w.close();
});

it("stores keys encrypted, validates them, keeps one active provider, and lists only the tenant's payments", async () => {
  const a = await openShop(w.h);
  const b = await openShop(w.h);
  const secretKey = w.stripe.addKey();
  expect((await w.h.admin("PUT", `/tenants/${a.tenantId}/integrations/stripe`, { secretKey, webhookSecret: "whsec_abcdefgh" }, "wrong-token-0123456789abcdef")).status).toBe(401);
  const bad = await w.h.admin("PUT", `/tenants/${a.tenantId}/integrations/stripe`, { secretKey: "pk_test_publishable", webhookSecret: "whsec_abcdefgh" });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toMatch(/secretKey/);

  const put = await w.h.admin("PUT", `/tenants/${a.tenantId}/integrations/stripe`, { secretKey, webhookSecret: "whsec_abcdefgh" });
  expect(put).toMatchObject({ status: 200, body: { kind: "stripe", active: true, webhookPath: `/webhooks/stripe/${put.body.id}` } });
  const stored = await w.h.c.db.integrationAccount.findUnique({ where: { id: put.body.id } });
  expect(Buffer.from(stored!.credentialsEnc).toString("latin1")).not.toContain(secretKey);
  expect(await w.h.c.payments.service.configured(a.tenantId)).toBe("stripe");
  expect(await w.h.c.payments.service.configured(b.tenantId)).toBeNull();

  const { bookingId } = await insertBooking(w.h, a);
  const link = await w.h.c.payments.service.linkForBooking(a.tenantId, a.contactId, bookingId);
  expect(link.ok).toBe(true);
  const listA = await w.h.admin("GET", `/tenants/${a.tenantId}/payments`);
  expect(listA.body.items).toEqual([expect.objectContaining({ bookingId, amountMinor: 4500, currency: "GBP", status: "pending", provider: "stripe" })]);
  expect(JSON.stringify(listA.body)).not.toContain("idempotencyKey");
  expect((await w.h.admin("GET", `/tenants/${b.tenantId}/payments`)).body.items).toEqual([]);
  expect((await w.h.admin("GET", `/tenants/${a.tenantId}/payments?bookingId=nope`)).status).toBe(400);

  // switching to Razorpay turns Stripe off; deleting turns payments off entirely
  const { keyId, keySecret } = w.razorpay.addKey();
  expect((await w.h.admin("PUT", `/tenants/${a.tenantId}/integrations/razorpay`, { keyId, keySecret, webhookSecret: "rzp-webhook-secret" })).status).toBe(200);
  expect(await w.h.c.payments.service.configured(a.tenantId)).toBe("razorpay");
  expect((await w.h.admin("DELETE", `/tenants/${a.tenantId}/integrations/razorpay`)).status).toBe(204);
  expect(await w.h.c.payments.service.configured(a.tenantId)).toBeNull();
  expect(await w.h.c.payments.service.linkForBooking(a.tenantId, a.contactId, bookingId)).toMatchObject({ ok: false, reason: "not_configured" });
});
