// Stripe end to end against the fake Stripe server, through the official SDK: the per-tenant
// integration, a lead's link for their own held booking (amount from the booking, form body,
// Idempotency-Key), a retried job making exactly one Checkout Session, the signed webhook
// confirming the booking and telling lead and owner, and forged / stale / replayed /
// cross-tenant webhooks refused or no-op'd.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../core/errors.js";
import { stripeSignatureHeader } from "../fakes/stripe.js";
import { eventually } from "../support/harness.js";
import { insertBooking, openShop, postStripe, startPaymentWorld, type PaymentWorld, type Shop } from "./payment-setup.js";

let w: PaymentWorld;
beforeAll(async () => {
  w = await startPaymentWorld();
});
afterAll(async () => {
  await w.close();
});

async function stripeShop(): Promise<Shop & { accountId: string; secretKey: string; webhookSecret: string }> {
  const shop = await openShop(w.h);
  const secretKey = w.stripe.addKey();
  const webhookSecret = `whsec_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const r = await w.h.admin("PUT", `/tenants/${shop.tenantId}/integrations/stripe`, { secretKey, webhookSecret });
  expect(r.status).toBe(200);
  expect(JSON.stringify(r.body)).not.toContain(secretKey);
  return { ...shop, accountId: r.body.id, secretKey, webhookSecret };
}

const payment = (tenantId: string, id: string) => w.h.c.payments.service.get(tenantId, id);
const bookingStatus = async (id: string) => (await w.h.c.db.booking.findUnique({ where: { id } }))!.status;
const send = (s: { accountId: string; webhookSecret: string }, event: object, o: { t?: number; secret?: string } = {}) => {
  const body = JSON.stringify(event);
  return postStripe(w.h, s.accountId, body, stripeSignatureHeader(body, o.secret ?? s.webhookSecret, o.t));
};

describe("payments with Stripe", () => {
  it("says plainly that payments are not set up, and calls no provider", async () => {
    const shop = await openShop(w.h);
    const { bookingId } = await insertBooking(w.h, shop);
    const before = w.stripe.requests.length + w.razorpay.requests.length;
    const r = await w.h.c.payments.service.linkForBooking(shop.tenantId, shop.contactId, bookingId);
    expect(r).toMatchObject({ ok: false, reason: "not_configured" });
    expect(!r.ok && r.message).toMatch(/aren't set up/);
    expect(w.stripe.requests.length + w.razorpay.requests.length).toBe(before);
    expect(await w.h.c.db.payment.count({ where: { tenantId: shop.tenantId } })).toBe(0);
  });

  it("makes a Checkout Session for the lead's own held booking, priced from the booking, and reuses it", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 4500, currency: "GBP" });
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId);
    if (!r.ok) throw new Error(r.message);
    expect(r.payment).toMatchObject({ bookingId, amountMinor: 4500, currency: "GBP", status: "pending", provider: "stripe" });
    expect(r.payment.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    const req = w.stripe.requests.at(-1)!;
    expect(req.headers.authorization).toBe(`Bearer ${s.secretKey}`);
    expect(req.headers["idempotency-key"]).toBe(r.payment.idempotencyKey);
    expect(req.rawBody).toContain("line_items[0][price_data][unit_amount]=4500");
    expect(req.params).toMatchObject({
      mode: "payment", client_reference_id: r.payment.id,
      line_items: [{ quantity: "1", price_data: { currency: "gbp", unit_amount: "4500" } }],
      metadata: { tenant_id: s.tenantId, payment_id: r.payment.id, booking_id: bookingId },
      success_url: expect.stringMatching(/^https:\/\/growai\.example\.com\/pay\/done/),
    });

    const again = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    expect(again).toMatchObject({ ok: true, reused: true, payment: { id: r.payment.id, url: r.payment.url } });
    expect([...w.stripe.sessions.values()].filter((x) => x.metadata.booking_id === bookingId)).toHaveLength(1);
  });

  it("never gives a lead a link for someone else's booking", async () => {
    const s = await stripeShop();
    const other = await openShop(w.h);
    const { bookingId } = await insertBooking(w.h, { tenantId: s.tenantId, contactId: s.contactId });
    // same tenant, another contact asking for this booking
    const stranger = await w.h.c.db.contact.create({ data: { tenantId: s.tenantId, displayName: "Stranger" } });
    expect(await w.h.c.payments.service.linkForBooking(s.tenantId, stranger.id, bookingId)).toMatchObject({ ok: false, reason: "not_found" });
    // another tenant naming this booking id
    expect(await w.h.c.payments.service.linkForBooking(other.tenantId, other.contactId, bookingId)).toMatchObject({ ok: false });
    expect(await w.h.c.db.payment.count({ where: { bookingId } })).toBe(0);
  });

  it("a retried job whose first answer was lost makes exactly one Checkout Session", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s);
    // the SDK itself retries a closed connection once (same key); both answers are lost
    w.stripe.dropResponseNext();
    w.stripe.dropResponseNext();
    await expect(w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId)).rejects.toBeInstanceOf(ProviderError);
    const rows = await w.h.c.db.payment.findMany({ where: { bookingId } });
    expect(rows.map((p) => p.status)).toEqual(["created"]);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const sessions = [...w.stripe.sessions.values()].filter((x) => x.metadata.booking_id === bookingId);
    expect(sessions).toHaveLength(1);
    expect(r.payment.providerRef).toBe(sessions[0]!.id);
    const creates = w.stripe.requests.filter((q) => q.path === "/v1/checkout/sessions" && (q.params.metadata as { booking_id?: string })?.booking_id === bookingId);
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((q) => q.headers["idempotency-key"])).size).toBe(1);
  });

  it("a paid webhook confirms the held booking and tells the lead and the owner, once", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 4500, currency: "GBP", serviceName: "Balayage" });
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const event = w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed");
    const res = await send(s, event);
    expect(res).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect(await payment(s.tenantId, r.payment.id)).toMatchObject({ status: "paid", providerPaymentId: expect.stringMatching(/^pi_/) });
    expect(await bookingStatus(bookingId)).toBe("confirmed");
    await eventually(async () => s.textsTo(s.lead).some((t) => /Payment received \(£45\.00\) — you're booked for Balayage/.test(t)));
    await eventually(async () => s.textsTo(s.owner).some((t) => /Priya Sharma paid £45\.00/.test(t)));

    // Stripe redelivers the same event: 200, nothing applied or sent again
    // the notifications are outbox rows written before the webhook's 200: count them, no waiting
    const notices = () => w.h.c.db.message.count({ where: { tenantId: s.tenantId, idempotencyKey: { startsWith: `payment:${r.payment.id}:` } } });
    expect(await notices()).toBe(2);
    expect(await send(s, event)).toMatchObject({ status: 200, body: { duplicate: true } });
    // an older `expired` arriving late never un-pays
    const stale = { ...w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.expired"), created: (event.created as number) - 60 };
    expect((await send(s, stale)).status).toBe(200);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("paid");
    expect(await bookingStatus(bookingId)).toBe("confirmed");
    expect(await w.h.c.db.paymentEvent.count({ where: { tenantId: s.tenantId } })).toBe(2);
    expect(await notices()).toBe(2);
  });

  it("an unpaid link that expires is expired, and the booking stays held", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    expect((await send(s, w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.expired"))).status).toBe(200);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("expired");
    expect(await bookingStatus(bookingId)).toBe("held");
    // asking again makes a fresh link (a new key), not the dead one
    const again = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    expect(again).toMatchObject({ ok: true, reused: false });
    expect(again.ok && again.payment.id).not.toBe(r.payment.id);
  });

  it("paid after the hold expired and the slot was taken: recorded, no double booking, owner told", async () => {
    const s = await stripeShop();
    const first = await insertBooking(w.h, s);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, first.bookingId);
    if (!r.ok) throw new Error(r.message);
    await w.h.c.db.booking.update({ where: { id: first.bookingId }, data: { status: "expired" } });
    const rival = await w.h.c.db.contact.create({ data: { tenantId: s.tenantId, displayName: "Rival" } });
    await insertBooking(w.h, { tenantId: s.tenantId, contactId: rival.id }, { resourceId: first.resourceId, startsAt: first.startsAt, status: "confirmed" });
    expect((await send(s, w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed"))).status).toBe(200);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("paid");
    expect(await bookingStatus(first.bookingId)).toBe("expired");
    await eventually(async () => s.textsTo(s.owner).some((t) => /no longer theirs/.test(t) && /refund/.test(t)));
  });

  it("paid after the hold expired but the slot is still free: re-confirmed", async () => {
    const s = await stripeShop();
    const b = await insertBooking(w.h, s);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, b.bookingId);
    if (!r.ok) throw new Error(r.message);
    await w.h.c.db.booking.update({ where: { id: b.bookingId }, data: { status: "expired" } });
    expect((await send(s, w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed"))).status).toBe(200);
    expect(await bookingStatus(b.bookingId)).toBe("confirmed");
  });

  it("refuses forged, tampered, stale and unsigned webhooks with a reason, storing nothing", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const event = w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed");
    const body = JSON.stringify(event);
    const wrongSecret = await postStripe(w.h, s.accountId, body, stripeSignatureHeader(body, "whsec_not_the_secret"));
    expect(wrongSecret).toMatchObject({ status: 400, body: { error: { message: "invalid signature" } } });
    const tampered = await postStripe(w.h, s.accountId, body.replace('"amount_total":4500', '"amount_total":1'), stripeSignatureHeader(body, s.webhookSecret));
    expect(tampered).toMatchObject({ status: 400, body: { error: { message: "invalid signature" } } });
    const stale = await postStripe(w.h, s.accountId, body, stripeSignatureHeader(body, s.webhookSecret, Math.floor(Date.now() / 1000) - 600));
    expect(stale).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/tolerance/) } } });
    expect(await postStripe(w.h, s.accountId, body, null)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/missing/) } } });
    expect((await postStripe(w.h, "00000000-0000-4000-8000-000000000000", body, stripeSignatureHeader(body, s.webhookSecret))).status).toBe(404);
    expect(JSON.stringify([wrongSecret.body, tampered.body])).not.toMatch(/v1=|[0-9a-f]{64}/);
    expect(await w.h.c.db.paymentEvent.count({ where: { tenantId: s.tenantId } })).toBe(0);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("pending");
    expect(await bookingStatus(bookingId)).toBe("held");
  });

  it("tenant B's webhook account cannot touch tenant A's payment", async () => {
    const a = await stripeShop();
    const b = await stripeShop();
    const { bookingId } = await insertBooking(w.h, a);
    const r = await w.h.c.payments.service.linkForBooking(a.tenantId, a.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const event = w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed");
    // signed with B's own secret, sent to B's endpoint, naming A's payment in its metadata
    const viaB = await send({ accountId: b.accountId, webhookSecret: b.webhookSecret }, event);
    expect(viaB).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/does not belong/) } } });
    // A's signature on B's endpoint: B's secret does not verify it
    expect((await send({ accountId: b.accountId, webhookSecret: a.webhookSecret }, event)).status).toBe(400);
    // without our metadata, B's endpoint finds nothing of A's (lookups are by B's tenant)
    const stripped = { ...event, id: `${event.id}_x`, data: { object: { ...(event.data as { object: object }).object, metadata: {}, client_reference_id: null } } };
    expect((await send({ accountId: b.accountId, webhookSecret: b.webhookSecret }, stripped)).status).toBe(200);
    expect((await payment(a.tenantId, r.payment.id))!.status).toBe("pending");
    expect(await bookingStatus(bookingId)).toBe("held");
  });

  it("refunds through the SDK with an idempotency key, and tells the lead", async () => {
    const s = await stripeShop();
    const { bookingId } = await insertBooking(w.h, s);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    await send(s, w.stripe.sessionEvent(r.payment.providerRef!, "checkout.session.completed"));
    const out = await w.h.c.payments.service.refund(s.tenantId, r.payment.id);
    expect(out).toMatchObject({ ok: true, done: true, payment: { status: "refunded", refundedMinor: 4500 } });
    const req = w.stripe.requests.filter((q) => q.path === "/v1/refunds").at(-1)!;
    expect(req.params).toMatchObject({ payment_intent: out.ok && out.payment.providerPaymentId, amount: "4500" });
    expect(req.headers["idempotency-key"]).toMatch(/^gp_/);
    await eventually(async () => s.textsTo(s.lead).some((t) => /refunded/.test(t)));
    // the refund webhook that follows changes nothing more
    expect((await send(s, w.stripe.refundEvent(r.payment.providerRef!, 4500))).status).toBe(200);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("refunded");
  });
});
