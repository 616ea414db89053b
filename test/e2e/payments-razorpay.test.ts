// Razorpay end to end against the fake Razorpay server, through the official SDK pointed at
// it: Payment Links in the smallest unit (paise; JPY/KWD digits right), reference_id as the
// idempotency key (a retried job finds the link Razorpay already made), the signed
// payment_link.paid webhook confirming the booking, replays and forgeries refused, refunds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../core/errors.js";
import { razorpaySignature } from "../fakes/razorpay.js";
import { eventually } from "../support/harness.js";
import { insertBooking, openShop, postRazorpay, startPaymentWorld, type PaymentWorld, type Shop } from "./payment-setup.js";

let w: PaymentWorld;
beforeAll(async () => {
  w = await startPaymentWorld();
});
afterAll(async () => {
  await w.close();
});

async function razorpayShop(): Promise<Shop & { accountId: string; keyId: string; keySecret: string; webhookSecret: string }> {
  const shop = await openShop(w.h);
  const { keyId, keySecret } = w.razorpay.addKey();
  const webhookSecret = `rzp_whs_${Math.random().toString(36).slice(2)}`;
  const r = await w.h.admin("PUT", `/tenants/${shop.tenantId}/integrations/razorpay`, { keyId, keySecret, webhookSecret });
  expect(r.status).toBe(200);
  expect(JSON.stringify(r.body)).not.toContain(keySecret);
  return { ...shop, accountId: r.body.id, keyId, keySecret, webhookSecret };
}

let n = 0;
const send = (s: { accountId: string; webhookSecret: string }, event: object, o: { secret?: string; eventId?: string } = {}) => {
  const body = JSON.stringify(event);
  return postRazorpay(w.h, s.accountId, body, razorpaySignature(body, o.secret ?? s.webhookSecret), o.eventId ?? `evt_${Date.now()}_${n++}`);
};
const payment = (tenantId: string, id: string) => w.h.c.payments.service.get(tenantId, id);
const bookingStatus = async (id: string) => (await w.h.c.db.booking.findUnique({ where: { id } }))!.status;

describe("payments with Razorpay", () => {
  it("makes a Payment Link in paise with Basic auth, reference_id and notes, and reuses it", async () => {
    const s = await razorpayShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 50000, currency: "INR" });
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    expect(r.payment).toMatchObject({ provider: "razorpay", amountMinor: 50000, currency: "INR", status: "pending", url: expect.stringMatching(/^https:\/\/rzp\.io\/i\//) });
    const req = w.razorpay.requests.filter((q) => q.path === "/v1/payment_links" && q.method === "POST").at(-1)!;
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${s.keyId}:${s.keySecret}`).toString("base64")}`);
    expect(req.body).toMatchObject({
      amount: 50000, currency: "INR", reference_id: r.payment.idempotencyKey, accept_partial: false,
      notes: { tenant_id: s.tenantId, payment_id: r.payment.id, booking_id: bookingId },
    });
    expect(r.payment.idempotencyKey.length).toBeLessThanOrEqual(40);
    const again = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId);
    expect(again).toMatchObject({ ok: true, reused: true, payment: { id: r.payment.id } });
    expect([...w.razorpay.links.values()].filter((l) => l.notes.booking_id === bookingId)).toHaveLength(1);
  });

  it("sends zero- and three-decimal currencies in their own smallest unit, and refuses an unchargeable KWD amount", async () => {
    const s = await razorpayShop();
    const yen = await w.h.c.payments.service.linkForContact(s.tenantId, { contactId: s.contactId, amountMinor: 5000, currency: "jpy", description: "Deposit" });
    expect(yen).toMatchObject({ ok: true, payment: { amountMinor: 5000, currency: "JPY" } });
    expect(w.razorpay.requests.at(-1)!.body).toMatchObject({ amount: 5000, currency: "JPY" });
    const dinar = await w.h.c.payments.service.linkForContact(s.tenantId, { contactId: s.contactId, amountMinor: 1250, currency: "KWD", description: "Deposit" });
    expect(dinar).toMatchObject({ ok: true, payment: { amountMinor: 1250, currency: "KWD" } });
    const before = w.razorpay.requests.length;
    const bad = await w.h.c.payments.service.linkForContact(s.tenantId, { contactId: s.contactId, amountMinor: 1255, currency: "KWD", description: "Deposit" });
    expect(bad).toMatchObject({ ok: false, reason: "invalid" });
    expect(w.razorpay.requests.length).toBe(before);
  });

  it("a retried job whose answer was lost finds the link by reference_id: exactly one link", async () => {
    const s = await razorpayShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 50000, currency: "INR" });
    w.razorpay.dropResponseNext();
    await expect(w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId)).rejects.toBeInstanceOf(ProviderError);
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const links = [...w.razorpay.links.values()].filter((l) => l.notes.booking_id === bookingId);
    expect(links).toHaveLength(1);
    expect(r.payment).toMatchObject({ providerRef: links[0]!.id, url: links[0]!.short_url });
    // the second create was refused as a duplicate reference_id, then the link was fetched by it
    const dup = w.razorpay.requests.filter((q) => q.path === "/v1/payment_links" && q.method === "POST").at(-1)!;
    expect(dup).toMatchObject({ status: 400, response: { error: { code: "BAD_REQUEST_ERROR", field: "reference_id" } } });
  });

  it("payment_link.paid confirms the booking and tells the lead; a replayed event id is a no-op; forgeries are refused", async () => {
    const s = await razorpayShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 50000, currency: "INR", serviceName: "Facial" });
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const event = w.razorpay.linkEvent(r.payment.providerRef!, "payment_link.paid");
    const body = JSON.stringify(event);
    // forged: another secret, a tampered body, no signature, no event id
    expect(await postRazorpay(w.h, s.accountId, body, razorpaySignature(body, "not-the-secret"), "evt_forged")).toMatchObject({ status: 400, body: { error: { message: "invalid signature" } } });
    expect((await postRazorpay(w.h, s.accountId, body.replace("50000", "1"), razorpaySignature(body, s.webhookSecret), "evt_tampered")).status).toBe(400);
    expect((await postRazorpay(w.h, s.accountId, body, null, "evt_unsigned")).status).toBe(400);
    expect((await postRazorpay(w.h, s.accountId, body, razorpaySignature(body, s.webhookSecret), null)).status).toBe(400);
    expect(await w.h.c.db.paymentEvent.count({ where: { tenantId: s.tenantId } })).toBe(0);
    expect(await bookingStatus(bookingId)).toBe("held");

    const ok = await postRazorpay(w.h, s.accountId, body, razorpaySignature(body, s.webhookSecret), "evt_paid_1");
    expect(ok).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(await payment(s.tenantId, r.payment.id)).toMatchObject({ status: "paid", providerPaymentId: expect.stringMatching(/^pay_/) });
    expect(await bookingStatus(bookingId)).toBe("confirmed");
    await eventually(async () => s.textsTo(s.lead).some((t) => /Payment received \(₹500\.00\) — you're booked for Facial/.test(t)));
    const replay = await postRazorpay(w.h, s.accountId, body, razorpaySignature(body, s.webhookSecret), "evt_paid_1");
    expect(replay).toMatchObject({ status: 200, body: { duplicate: true } });
    expect(await w.h.c.db.paymentEvent.count({ where: { tenantId: s.tenantId } })).toBe(1);
    // an expiry after payment changes nothing
    expect((await send(s, w.razorpay.linkEvent(r.payment.providerRef!, "payment_link.expired"))).status).toBe(200);
    expect((await payment(s.tenantId, r.payment.id))!.status).toBe("paid");
  });

  it("another tenant's Razorpay account cannot apply an event to this tenant's payment", async () => {
    const a = await razorpayShop();
    const b = await razorpayShop();
    const { bookingId } = await insertBooking(w.h, a, { priceMinor: 50000, currency: "INR" });
    const r = await w.h.c.payments.service.linkForBooking(a.tenantId, a.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    const event = w.razorpay.linkEvent(r.payment.providerRef!, "payment_link.paid");
    expect(await send(b, event)).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/does not belong/) } } });
    expect((await send({ accountId: b.accountId, webhookSecret: a.webhookSecret }, event)).status).toBe(400);
    expect((await payment(a.tenantId, r.payment.id))!.status).toBe("pending");
    expect(await bookingStatus(bookingId)).toBe("held");
  });

  it("refunds once even when the approval is replayed, and refund.processed keeps it refunded", async () => {
    const s = await razorpayShop();
    const { bookingId } = await insertBooking(w.h, s, { priceMinor: 50000, currency: "INR" });
    const r = await w.h.c.payments.service.linkForBooking(s.tenantId, s.contactId, bookingId);
    if (!r.ok) throw new Error(r.message);
    await send(s, w.razorpay.linkEvent(r.payment.providerRef!, "payment_link.paid"));
    const paid = (await payment(s.tenantId, r.payment.id))!;
    const out = await w.h.c.payments.service.refund(s.tenantId, paid.id);
    expect(out).toMatchObject({ ok: true, done: true, payment: { status: "refunded", refundedMinor: 50000 } });
    expect(await w.h.c.payments.service.refund(s.tenantId, paid.id)).toMatchObject({ ok: true, payment: { status: "refunded" } });
    expect(w.razorpay.refunds.filter((x) => x.payment_id === paid.providerPaymentId)).toHaveLength(1);
    expect((await send(s, w.razorpay.refundEvent(paid.providerPaymentId!))).status).toBe(200);
    expect((await payment(s.tenantId, paid.id))!.status).toBe("refunded");
    await eventually(async () => s.textsTo(s.lead).some((t) => /₹500\.00 has been refunded/.test(t)));
  });
});
