// The fake Stripe and Razorpay servers behave like the real ones where our code depends on
// it, driven through the official SDKs: auth, idempotency, error bodies, retry hints.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../core/errors.js";
import { razorpayClient } from "../../api/payments/razorpay.js";
import { createStripeProvider, stripeClientOptions } from "../../api/payments/stripe.js";
import { startFakeRazorpay, type FakeRazorpay } from "./razorpay.js";
import { startFakeStripe, type FakeStripe } from "./stripe.js";

let stripe: FakeStripe;
let razorpay: FakeRazorpay;
beforeAll(async () => {
  stripe = await startFakeStripe();
  razorpay = await startFakeRazorpay();
});
afterAll(async () => {
  await stripe.close();
  await razorpay.close();
});

const session = (amount: number) => ({
  mode: "payment" as const, success_url: "https://x.example/ok",
  line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: amount, product_data: { name: "Cut" } } }],
});

describe("fake Stripe", () => {
  it("replays an idempotent create and refuses the key with other parameters", async () => {
    const client = new Stripe(stripe.addKey(), stripeClientOptions({ baseUrl: stripe.baseUrl, timeoutMs: 5000 }));
    const before = stripe.sessions.size;
    const a = await client.checkout.sessions.create(session(1000), { idempotencyKey: "k-1" });
    const b = await client.checkout.sessions.create(session(1000), { idempotencyKey: "k-1" });
    expect(b.id).toBe(a.id);
    expect(stripe.sessions.size).toBe(before + 1);
    await expect(client.checkout.sessions.create(session(2000), { idempotencyKey: "k-1" })).rejects.toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });
  });

  it("refuses an unknown key (401) and reports 429 with Stripe-Should-Retry as retryable", async () => {
    const stranger = new Stripe("sk_test_unknown", stripeClientOptions({ baseUrl: stripe.baseUrl, timeoutMs: 5000 }));
    await expect(stranger.checkout.sessions.create(session(1000))).rejects.toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    const provider = createStripeProvider(stripe.addKey(), { baseUrl: stripe.baseUrl, returnBaseUrl: "https://x.example", timeoutMs: 5000 });
    stripe.failNext(429, { type: "invalid_request_error", code: "rate_limit", message: "Too many requests" }, { "stripe-should-retry": "true" });
    const input = { tenantId: "t", paymentId: "p", bookingId: null, amountMinor: 100, currency: "USD", description: "d", idempotencyKey: "k-429", expiresAt: new Date(Date.now() + 3_600_000) };
    const err = await provider.createLink(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).retryable).toBe(true);
    await expect(provider.createLink(input)).resolves.toMatchObject({ providerRef: expect.stringMatching(/^cs_test_/) });
  });
});

describe("fake Razorpay", () => {
  it("answers a bad key with Razorpay's error body, and a duplicate reference_id as BAD_REQUEST_ERROR", async () => {
    const bad = razorpayClient("rzp_test_nope", "nope", { baseUrl: razorpay.baseUrl, timeoutMs: 5000 });
    await expect(bad.paymentLink.create({ amount: 100, currency: "INR" })).rejects.toMatchObject({ statusCode: 401, error: { code: "BAD_REQUEST_ERROR" } });
    const { keyId, keySecret } = razorpay.addKey();
    const ok = razorpayClient(keyId, keySecret, { baseUrl: razorpay.baseUrl, timeoutMs: 5000 });
    const link = await ok.paymentLink.create({ amount: 100, currency: "INR", reference_id: "ref-1" });
    expect(link.id).toMatch(/^plink_/);
    await expect(ok.paymentLink.create({ amount: 100, currency: "INR", reference_id: "ref-1" }))
      .rejects.toMatchObject({ statusCode: 400, error: { code: "BAD_REQUEST_ERROR", field: "reference_id" } });
    expect((await ok.paymentLink.all({ reference_id: "ref-1" })).payment_links?.map((l) => l.id)).toEqual([link.id]);
  });
});
