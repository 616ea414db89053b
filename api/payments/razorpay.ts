// Razorpay through its official SDK: Payment Links (amount in the currency's smallest unit,
// reference_id = our idempotency key), refunds, and X-Razorpay-Signature verification.
// The SDK has no base-URL option (hostUrl is fixed to api.razorpay.com in dist/razorpay.js);
// its requests go through one axios instance, `instance.api.rq`, whose `defaults.baseURL`
// we point at RAZORPAY_API_BASE_URL (and whose timeout we set).
// The signature is the hex HMAC-SHA256 of the raw body with the webhook secret. The SDK's
// `validateWebhookSignature` computes exactly that but compares with `===`; we compute the
// same HMAC and compare in constant time (razorpay.test.ts checks both agree on the
// published vector).
import { createHmac, timingSafeEqual } from "node:crypto";
import Razorpay from "razorpay";
import { AppError, ProviderError } from "../../core/errors.js";
import type { CreatedLink, CreateLinkInput, NormalizedEvent, PaymentProvider, RefundResult } from "../../core/payments/types.js";
import { WebhookRefused } from "./refused.js";

export interface RazorpaySettings {
  /** RAZORPAY_API_BASE_URL, e.g. https://api.razorpay.com or a local fake */
  baseUrl: string;
  timeoutMs: number;
}

interface RzpLink { id: string; short_url: string; expire_by?: number; reference_id?: string; status?: string }
interface RzpRefund { id: string; amount: number; status: string; notes?: Record<string, string> }
/** The SDK calls we use (its typings are looser than its behaviour). */
interface RzpClient {
  paymentLink: {
    create(body: Record<string, unknown>): Promise<RzpLink>;
    all(params: Record<string, unknown>): Promise<{ payment_links?: RzpLink[] }>;
  };
  payments: {
    refund(paymentId: string, body: Record<string, unknown>): Promise<RzpRefund>;
    fetchMultipleRefund(paymentId: string, params?: Record<string, unknown>): Promise<{ items?: RzpRefund[] }>;
  };
  api: { rq: { defaults: { baseURL?: string; timeout?: number } } };
}

/** An SDK client whose requests go to `baseUrl`. */
export function razorpayClient(keyId: string, keySecret: string, s: RazorpaySettings): RzpClient {
  const client = new Razorpay({ key_id: keyId, key_secret: keySecret }) as unknown as RzpClient;
  client.api.rq.defaults.baseURL = s.baseUrl.replace(/\/+$/, "");
  client.api.rq.defaults.timeout = s.timeoutMs;
  return client;
}

export function createRazorpayProvider(keyId: string, keySecret: string, s: RazorpaySettings): PaymentProvider {
  const rzp = razorpayClient(keyId, keySecret, s);
  return {
    kind: "razorpay",
    async createLink(i: CreateLinkInput): Promise<CreatedLink> {
      const body = {
        amount: i.amountMinor,
        currency: i.currency,
        accept_partial: false,
        reference_id: i.idempotencyKey,
        description: i.description.slice(0, 2048),
        expire_by: Math.floor(i.expiresAt.getTime() / 1000),
        notes: { tenant_id: i.tenantId, payment_id: i.paymentId, ...(i.bookingId ? { booking_id: i.bookingId } : {}) },
      };
      try {
        return toLink(await rzp.paymentLink.create(body));
      } catch (err) {
        const e = razorpayError(err);
        // a retried job: the link with this reference_id exists already → fetch it
        if (!e.retryable && isDuplicateReference(err)) {
          const found = await rzp.paymentLink.all({ reference_id: i.idempotencyKey }).catch((x: unknown) => {
            throw razorpayError(x);
          });
          const link = found.payment_links?.find((l) => l.reference_id === i.idempotencyKey);
          if (link) return toLink(link);
        }
        throw e;
      }
    },
    async refund(r): Promise<RefundResult> {
      try {
        // Razorpay takes no idempotency key on refunds: a refund we already asked for carries
        // our key in its notes, so a retried approval finds it instead of refunding twice
        const existing = await rzp.payments.fetchMultipleRefund(r.providerPaymentId, { count: 100 });
        const mine = existing.items?.find((x) => x.notes?.idempotency_key === r.idempotencyKey);
        const refund = mine ?? (await rzp.payments.refund(r.providerPaymentId, {
          amount: r.amountMinor,
          notes: { tenant_id: r.tenantId, payment_id: r.paymentId, idempotency_key: r.idempotencyKey },
        }));
        return { refundId: refund.id, done: refund.status === "processed", amountMinor: refund.amount };
      } catch (err) {
        throw razorpayError(err);
      }
    },
  };
}

function toLink(l: RzpLink): CreatedLink {
  return { providerRef: l.id, url: l.short_url, expiresAt: l.expire_by ? new Date(l.expire_by * 1000) : null };
}

interface RzpErrorShape { statusCode?: number; error?: { code?: string; description?: string; field?: string | null; reason?: string } }

function isDuplicateReference(err: unknown): boolean {
  const e = (err as RzpErrorShape | null)?.error;
  return !!e && (e.field === "reference_id" || /reference[ _]?id/i.test(e.description ?? ""));
}

/** The SDK rejects with `{statusCode, error}` (or a TypeError when there was no response at all). */
export function razorpayError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as RzpErrorShape | null;
  if (e && typeof e === "object" && typeof e.statusCode === "number") {
    const retryable = e.statusCode === 429 || e.statusCode >= 500;
    return new ProviderError("razorpay", `razorpay: ${e.error?.description ?? `HTTP ${e.statusCode}`}`, retryable, e.error?.code ?? e.statusCode);
  }
  return new ProviderError("razorpay", "razorpay: no response", true);
}

// ── webhooks ────────────────────────────────────────────────────────────────
export const RAZORPAY_SIGNATURE_HEADER = "x-razorpay-signature";
export const RAZORPAY_EVENT_ID_HEADER = "x-razorpay-event-id";

/** Hex HMAC-SHA256 of the raw body, compared in constant time; fails closed. */
export function verifyRazorpay(raw: Buffer, header: string | undefined, secret: string | undefined): void {
  if (!secret) throw new WebhookRefused("webhook secret not configured");
  if (!header) throw new WebhookRefused("missing X-Razorpay-Signature header");
  if (!/^[0-9a-f]{64}$/i.test(header)) throw new WebhookRefused("invalid signature");
  const expected = createHmac("sha256", secret).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(header, "hex"))) throw new WebhookRefused("invalid signature");
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : null);
const entity = (payload: Obj, name: string): Obj => (((payload[name] as Obj | undefined)?.entity ?? {}) as Obj);

/** A verified Razorpay webhook body (+ its X-Razorpay-Event-Id) → what it means for a payment. */
export function parseRazorpayEvent(raw: Buffer, eventId: string | undefined): NormalizedEvent {
  if (!eventId || eventId.length > 100) throw new WebhookRefused("missing X-Razorpay-Event-Id header");
  let body: Obj;
  try {
    body = JSON.parse(raw.toString("utf8")) as Obj;
  } catch {
    throw new WebhookRefused("body is not JSON");
  }
  if (!body || typeof body !== "object" || typeof body.event !== "string") throw new WebhookRefused("not a Razorpay event");
  const payload = (body.payload ?? {}) as Obj;
  const link = entity(payload, "payment_link");
  const payment = entity(payload, "payment");
  const refund = entity(payload, "refund");
  const linkNotes = (link.notes ?? {}) as Obj;
  const refundNotes = (refund.notes ?? {}) as Obj;
  const created = num(body.created_at);
  if (created === null) throw new AppError("bad_request", "event without created_at");
  const base = {
    provider: "razorpay" as const, eventId, type: body.event, occurredAt: new Date(created * 1000), payload: body,
  };
  switch (body.event) {
    case "payment_link.paid":
      return {
        ...base, tenantId: str(linkNotes.tenant_id), paymentId: str(linkNotes.payment_id), providerRef: str(link.id),
        providerPaymentId: str(payment.id),
        effect: { kind: "paid", providerPaymentId: str(payment.id), amountMinor: num(link.amount_paid) ?? num(payment.amount) },
      };
    case "payment_link.expired":
    case "payment_link.cancelled":
      return {
        ...base, tenantId: str(linkNotes.tenant_id), paymentId: str(linkNotes.payment_id), providerRef: str(link.id), providerPaymentId: null,
        effect: { kind: body.event === "payment_link.expired" ? "expired" : "failed" },
      };
    case "refund.processed":
      return {
        ...base, tenantId: str(refundNotes.tenant_id), paymentId: str(refundNotes.payment_id), providerRef: null,
        providerPaymentId: str(refund.payment_id) ?? str(payment.id),
        effect: { kind: "refunded", refundedMinor: num(payment.amount_refunded) ?? num(refund.amount) ?? 0 },
      };
    default:
      return { ...base, tenantId: null, paymentId: null, providerRef: null, providerPaymentId: null, effect: { kind: "ignored" } };
  }
}
