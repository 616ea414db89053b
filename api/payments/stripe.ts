// Stripe through its official SDK: Checkout Sessions (mode "payment") for links, refunds on
// the PaymentIntent, and Stripe-Signature verification with stripe.webhooks.constructEvent
// (HMAC-SHA256 over `t.body`, constant-time compare, 5-minute tolerance) on the raw body.
// The base URL (STRIPE_API_BASE_URL) becomes the SDK's host/port/protocol options.
import Stripe from "stripe";
import { AppError, NotConfiguredError, ProviderError } from "../../core/errors.js";
import type { CreatedLink, CreateLinkInput, NormalizedEvent, PaymentProvider, RefundResult } from "../../core/payments/types.js";
import { WebhookRefused } from "./refused.js";

export interface StripeSettings {
  /** STRIPE_API_BASE_URL, e.g. https://api.stripe.com or a local fake */
  baseUrl: string;
  /** PUBLIC_BASE_URL: where Checkout sends the customer back (success / cancel pages) */
  returnBaseUrl?: string | undefined;
  timeoutMs: number;
}

/** SDK options pointing at `baseUrl` (host, port, protocol). */
export function stripeClientOptions(s: Pick<StripeSettings, "baseUrl" | "timeoutMs">): ConstructorParameters<typeof Stripe>[1] {
  const u = new URL(s.baseUrl);
  const protocol = u.protocol === "http:" ? "http" : "https";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : protocol === "http" ? 80 : 443,
    protocol,
    timeout: s.timeoutMs,
    // one attempt per call: the job that called us retries with the same idempotency key
    maxNetworkRetries: 0,
    telemetry: false,
  };
}

export function createStripeProvider(secretKey: string, s: StripeSettings): PaymentProvider {
  const stripe = new Stripe(secretKey, stripeClientOptions(s));
  return {
    kind: "stripe",
    async createLink(i: CreateLinkInput): Promise<CreatedLink> {
      if (!s.returnBaseUrl) throw new NotConfiguredError("PUBLIC_BASE_URL (Stripe Checkout's return page)");
      const base = s.returnBaseUrl.replace(/\/+$/, "");
      const metadata: Record<string, string> = { tenant_id: i.tenantId, payment_id: i.paymentId, ...(i.bookingId ? { booking_id: i.bookingId } : {}) };
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: "payment",
            line_items: [{ quantity: 1, price_data: { currency: i.currency.toLowerCase(), unit_amount: i.amountMinor, product_data: { name: i.description } } }],
            metadata,
            payment_intent_data: { metadata },
            client_reference_id: i.paymentId,
            expires_at: Math.floor(i.expiresAt.getTime() / 1000),
            success_url: `${base}/pay/done?payment=${encodeURIComponent(i.paymentId)}`,
            cancel_url: `${base}/pay/cancelled?payment=${encodeURIComponent(i.paymentId)}`,
          },
          { idempotencyKey: i.idempotencyKey },
        );
        if (!session.url) throw new ProviderError("stripe", "checkout session without a url", false);
        return { providerRef: session.id, url: session.url, expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null };
      } catch (err) {
        throw stripeError(err);
      }
    },
    async refund(r): Promise<RefundResult> {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: r.providerPaymentId, amount: r.amountMinor, metadata: { tenant_id: r.tenantId, payment_id: r.paymentId } },
          { idempotencyKey: r.idempotencyKey },
        );
        return { refundId: refund.id, done: refund.status === "succeeded", amountMinor: refund.amount };
      } catch (err) {
        throw stripeError(err);
      }
    },
  };
}

/** SDK errors → ProviderError (429/5xx/connection retryable); the message is Stripe's, never a key. */
export function stripeError(err: unknown): Error {
  if (err instanceof ProviderError || err instanceof AppError) return err;
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode ?? 0;
    const retryable = err.type === "StripeConnectionError" || err.type === "StripeRateLimitError" || status === 429 || status >= 500
      || err.headers?.["stripe-should-retry"] === "true";
    return new ProviderError("stripe", `stripe: ${err.message}`, retryable, err.code ?? status, { cause: undefined });
  }
  return new ProviderError("stripe", "stripe: unexpected error", true);
}

// ── webhooks ────────────────────────────────────────────────────────────────
export const STRIPE_SIGNATURE_HEADER = "stripe-signature";
export const STRIPE_TOLERANCE_S = 300;

/**
 * Verify with the SDK helper; `nowMs` lets tests check a published vector at its own time.
 * Fails closed: no secret, no header, malformed header, wrong signature or stale timestamp.
 */
export function verifyStripe(raw: Buffer, header: string | undefined, secret: string | undefined, nowMs = Date.now()): Stripe.Event {
  if (!secret) throw new WebhookRefused("webhook secret not configured");
  if (!header) throw new WebhookRefused("missing Stripe-Signature header");
  try {
    return Stripe.webhooks.constructEvent(raw, header, secret, STRIPE_TOLERANCE_S, undefined, nowMs);
  } catch (err) {
    const msg = err instanceof Error ? err.message : "";
    if (/tolerance/i.test(msg)) throw new WebhookRefused("timestamp outside the tolerance window");
    if (/Unable to extract timestamp/i.test(msg)) throw new WebhookRefused("malformed Stripe-Signature header");
    if (err instanceof SyntaxError) throw new WebhookRefused("body is not JSON");
    throw new WebhookRefused("invalid signature");
  }
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);

/** A verified Stripe event → what it means for one of our payments. */
export function parseStripeEvent(event: Stripe.Event): NormalizedEvent {
  const obj = ((event.data as { object?: unknown } | undefined)?.object ?? {}) as Obj;
  const metadata = (obj.metadata ?? {}) as Obj;
  const base = {
    provider: "stripe" as const,
    eventId: event.id,
    type: event.type,
    occurredAt: new Date(event.created * 1000),
    tenantId: str(metadata.tenant_id),
    paymentId: str(metadata.payment_id) ?? (obj.object === "checkout.session" ? str(obj.client_reference_id) : null),
    payload: event,
  };
  const intent = (v: unknown) => str(v) ?? str((v as Obj | null)?.id);
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const paid = obj.payment_status === "paid" || obj.payment_status === "no_payment_required";
      return {
        ...base, providerRef: str(obj.id), providerPaymentId: intent(obj.payment_intent),
        effect: paid ? { kind: "paid", providerPaymentId: intent(obj.payment_intent), amountMinor: num(obj.amount_total) } : { kind: "pending" },
      };
    }
    case "checkout.session.async_payment_failed":
      return { ...base, providerRef: str(obj.id), providerPaymentId: intent(obj.payment_intent), effect: { kind: "failed" } };
    case "checkout.session.expired":
      return { ...base, providerRef: str(obj.id), providerPaymentId: null, effect: { kind: "expired" } };
    case "charge.refunded":
      return {
        ...base, paymentId: str(metadata.payment_id), providerRef: null, providerPaymentId: intent(obj.payment_intent),
        effect: { kind: "refunded", refundedMinor: num(obj.amount_refunded) ?? 0 },
      };
    default:
      return { ...base, providerRef: null, providerPaymentId: null, effect: { kind: "ignored" } };
  }
}
