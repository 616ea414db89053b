// Webhook verification against the providers' own published vectors (test/fixtures/payments),
// plus forged, tampered, stale and malformed inputs, each refused with a reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Razorpay from "razorpay";
import { describe, expect, it } from "vitest";
import { razorpaySignature } from "../../test/fakes/razorpay.js";
import { stripeSignatureHeader } from "../../test/fakes/stripe.js";
import { parseRazorpayEvent, verifyRazorpay } from "./razorpay.js";
import { parseStripeEvent, verifyStripe } from "./stripe.js";

const dir = join(import.meta.dirname, "../../test/fixtures/payments");
const vectors = JSON.parse(readFileSync(join(dir, "signature-vectors.json"), "utf8"));
const sv = vectors.stripe[0];
const stripeBody = readFileSync(join(dir, sv.bodyFile));
const rv = vectors.razorpay[0];

describe("Stripe-Signature (stripe.webhooks.constructEvent)", () => {
  it("accepts Stripe's published vector within the tolerance", () => {
    const ev = verifyStripe(stripeBody, sv.header, sv.secret, sv.validAt * 1000);
    expect(ev.id).toBe("evt_123");
    expect(parseStripeEvent(ev).effect.kind).toBe("ignored"); // customer.created means nothing to payments
  });

  it("refuses the same vector once it is stale (replayed later)", () => {
    expect(() => verifyStripe(stripeBody, sv.header, sv.secret, sv.staleAt * 1000)).toThrow(/tolerance/);
  });

  it("refuses a tampered body, a wrong secret, a missing or malformed header, and no secret", () => {
    const tampered = Buffer.from(stripeBody.toString("utf8").replace("cus_123", "cus_999"));
    expect(() => verifyStripe(tampered, sv.header, sv.secret, sv.validAt * 1000)).toThrow(/invalid signature/);
    expect(() => verifyStripe(stripeBody, sv.header, "whsec_other", sv.validAt * 1000)).toThrow(/invalid signature/);
    expect(() => verifyStripe(stripeBody, undefined, sv.secret, sv.validAt * 1000)).toThrow(/missing/);
    expect(() => verifyStripe(stripeBody, "v1=abc", sv.secret, sv.validAt * 1000)).toThrow(/malformed|invalid/);
    expect(() => verifyStripe(stripeBody, sv.header, undefined, sv.validAt * 1000)).toThrow(/not configured/);
    expect(() => verifyStripe(stripeBody, sv.header, "", sv.validAt * 1000)).toThrow(/not configured/);
  });

  it("the test helper signs exactly as Stripe does (it reproduces the published v1)", () => {
    expect(stripeSignatureHeader(stripeBody.toString("utf8"), sv.secret, sv.timestamp)).toBe(sv.header.split(",v0=")[0]);
  });

  it("reads a checkout.session.completed into a paid effect with our metadata", () => {
    const body = JSON.stringify({
      id: "evt_1", object: "event", type: "checkout.session.completed", created: 1764000000,
      data: { object: { id: "cs_test_1", object: "checkout.session", payment_status: "paid", payment_intent: "pi_1", amount_total: 4500, metadata: { tenant_id: "t1", payment_id: "p1" } } },
    });
    const ev = parseStripeEvent(verifyStripe(Buffer.from(body), stripeSignatureHeader(body, "whsec_x"), "whsec_x"));
    expect(ev).toMatchObject({ eventId: "evt_1", tenantId: "t1", paymentId: "p1", providerRef: "cs_test_1", effect: { kind: "paid", providerPaymentId: "pi_1", amountMinor: 4500 } });
    expect(ev.occurredAt.toISOString()).toBe("2025-11-24T16:00:00.000Z");
  });
});

describe("X-Razorpay-Signature", () => {
  const body = Buffer.from(rv.body);

  it("accepts Razorpay's published vector, agreeing with the SDK's own validateWebhookSignature", () => {
    expect(Razorpay.validateWebhookSignature(rv.body, rv.signature, rv.secret)).toBe(true);
    expect(() => verifyRazorpay(body, rv.signature, rv.secret)).not.toThrow();
    expect(razorpaySignature(rv.body, rv.secret)).toBe(rv.signature);
  });

  it("refuses the vector's wrong signature, a tampered body, another secret, no header, no secret", () => {
    expect(Razorpay.validateWebhookSignature(rv.body, rv.wrongSignature, rv.secret)).toBe(false);
    expect(() => verifyRazorpay(body, rv.wrongSignature, rv.secret)).toThrow(/invalid signature/);
    expect(() => verifyRazorpay(Buffer.from(rv.body.replace("3", "4")), rv.signature, rv.secret)).toThrow(/invalid signature/);
    expect(() => verifyRazorpay(body, rv.signature, "654321")).toThrow(/invalid signature/);
    expect(() => verifyRazorpay(body, undefined, rv.secret)).toThrow(/missing/);
    expect(() => verifyRazorpay(body, rv.signature, undefined)).toThrow(/not configured/);
  });

  it("needs the event id header and reads payment_link.paid", () => {
    const paid = JSON.stringify({
      entity: "event", event: "payment_link.paid", contains: ["payment_link", "order", "payment"], created_at: 1764000000,
      payload: { payment_link: { entity: { id: "plink_1", amount_paid: 50000, notes: { tenant_id: "t1", payment_id: "p1" } } }, payment: { entity: { id: "pay_1", amount: 50000 } } },
    });
    expect(() => parseRazorpayEvent(Buffer.from(paid), undefined)).toThrow(/Event-Id/);
    expect(parseRazorpayEvent(Buffer.from(paid), "evt_1")).toMatchObject({
      eventId: "evt_1", tenantId: "t1", paymentId: "p1", providerRef: "plink_1", providerPaymentId: "pay_1", effect: { kind: "paid", amountMinor: 50000 },
    });
  });
});
