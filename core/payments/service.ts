// The provider-neutral payment service. A link is made in two steps — the Payment row with
// its idempotency key first, then the provider call with that same key — so a retried job
// finds the row and either returns its link or asks the provider again with the same key
// (Stripe answers with the same session, Razorpay's reference_id finds the same link).
// Events are applied in order with the row locked (repo.recordAndApply); who is told what
// is the notifier's business (api/payments/notify.ts), after the commit.
import { createHash } from "node:crypto";
import { AppError, ProviderError } from "../errors.js";
import type { Logger } from "../logger.js";
import { assertChargeable, formatMinor, normalizeCurrency } from "./money.js";
import type { BookingForPayment, IntegrationRow, PaymentCredentials, PaymentRepo } from "./repo.js";
import { transition } from "./transition.js";
import type {
  ApplyOutcome, LinkResult, NormalizedEvent, PaymentProvider, PaymentRow, PaymentService, ProviderKind, RefundOutcome,
} from "./types.js";

/** Told after a change is committed; each call must be idempotent (it may run again for a redelivered event). */
export interface PaymentNotifier {
  paid(tenantId: string, payment: PaymentRow, booking: ApplyOutcome["booking"]): Promise<void>;
  refunded(tenantId: string, payment: PaymentRow): Promise<void>;
}

export interface PaymentServiceDeps {
  repo: PaymentRepo;
  /** One tenant's provider client from its integration (api/payments/providers.ts). */
  provider: (integration: IntegrationRow & { credentials: PaymentCredentials }) => PaymentProvider;
  notifier?: PaymentNotifier;
  logger?: Logger;
  now?: () => Date;
  /** How long a link stays payable when no hold says otherwise (default 24 h, Stripe's maximum). */
  linkTtlMs?: number;
}

export const NOT_CONFIGURED_MESSAGE = "Online payments aren't set up for this business yet, so I can't send a payment link.";

const MIN_LINK_MS = 31 * 60_000; // Stripe: expires_at ≥ 30 minutes ahead; Razorpay: ≥ 15
const MAX_LINK_MS = 24 * 3_600_000; // Stripe: ≤ 24 hours

/** A short idempotency key (Razorpay's reference_id holds at most 40 characters). */
export function paymentKey(...parts: Array<string | number>): string {
  return `gp_${createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32)}`;
}

export class PaymentServiceImpl implements PaymentService {
  private readonly now: () => Date;
  constructor(private readonly d: PaymentServiceDeps) {
    this.now = d.now ?? (() => new Date());
  }

  async configured(tenantId: string): Promise<ProviderKind | null> {
    return (await this.d.repo.activeIntegration(tenantId))?.kind ?? null;
  }

  get(tenantId: string, paymentId: string) {
    return this.d.repo.get(tenantId, paymentId);
  }

  list(tenantId: string, opts?: { contactId?: string; bookingId?: string; limit?: number }) {
    return this.d.repo.list(tenantId, opts);
  }

  async linkForBooking(tenantId: string, contactId: string, bookingId?: string): Promise<LinkResult> {
    const integration = await this.d.repo.activeIntegration(tenantId);
    if (!integration) return { ok: false, reason: "not_configured", message: NOT_CONFIGURED_MESSAGE };
    let booking: BookingForPayment | null;
    if (bookingId) {
      // the contact in the WHERE: someone else's booking id is simply not found
      booking = await this.d.repo.booking(tenantId, bookingId, contactId);
      if (!booking) return { ok: false, reason: "not_found", message: "I couldn't find that booking of yours." };
    } else {
      const open = await this.d.repo.unpaidBookings(tenantId, contactId);
      if (open.length === 0) return { ok: false, reason: "not_found", message: "You don't have a booking waiting for payment." };
      booking = open[0]!;
    }
    return this.linkFor(tenantId, integration, contactId, booking, undefined);
  }

  async linkForContact(
    tenantId: string,
    input: { contactId: string; bookingId?: string; amountMinor?: number; currency?: string; description?: string; idempotencyKey?: string },
  ): Promise<LinkResult> {
    const integration = await this.d.repo.activeIntegration(tenantId);
    if (!integration) return { ok: false, reason: "not_configured", message: NOT_CONFIGURED_MESSAGE };
    if (!(await this.d.repo.contactExists(tenantId, input.contactId))) return { ok: false, reason: "not_found", message: "I couldn't find that customer." };
    if (input.bookingId) {
      const booking = await this.d.repo.booking(tenantId, input.bookingId, input.contactId);
      if (!booking) return { ok: false, reason: "not_found", message: "I couldn't find that booking for this customer." };
      return this.linkFor(tenantId, integration, input.contactId, booking, input);
    }
    if (input.amountMinor === undefined || !input.currency) {
      return { ok: false, reason: "invalid", message: "Tell me the amount and currency (or the booking) for the link." };
    }
    return this.standalone(tenantId, integration, input as Required<Pick<typeof input, "amountMinor" | "currency">> & typeof input);
  }

  private async linkFor(
    tenantId: string, integration: IntegrationRow & { credentials: PaymentCredentials }, contactId: string, booking: BookingForPayment,
    override: { amountMinor?: number; currency?: string; description?: string; idempotencyKey?: string } | undefined,
  ): Promise<LinkResult> {
    if (booking.status !== "held" && booking.status !== "confirmed") {
      return { ok: false, reason: "not_payable", message: `That booking is ${booking.status}, so there is nothing to pay for it.` };
    }
    const amountMinor = override?.amountMinor ?? booking.priceMinor;
    const currencyRaw = override?.currency ?? booking.currency;
    if (amountMinor === null || amountMinor === undefined || amountMinor <= 0 || !currencyRaw) {
      return { ok: false, reason: "no_price", message: `${booking.serviceName} has no price set, so I can't make a payment link for it.` };
    }
    let currency: string;
    try {
      currency = normalizeCurrency(currencyRaw);
      assertChargeable(amountMinor, currency);
    } catch (err) {
      return { ok: false, reason: "invalid", message: err instanceof Error ? err.message : "invalid amount" };
    }
    const prior = (await this.d.repo.list(tenantId, { bookingId: booking.id, limit: 50 }))
      .filter((p) => p.amountMinor === amountMinor && p.currency === currency);
    if (prior.some((p) => p.status === "paid" || p.status === "refund_requested")) {
      return { ok: false, reason: "already_paid", message: "That booking is already paid." };
    }
    const now = this.now();
    const live = prior.find((p) => (p.status === "pending" || p.status === "created") && (!p.expiresAt || p.expiresAt.getTime() > now.getTime() + 60_000));
    if (live) return this.ensureLink(tenantId, integration, live, true);
    const key = override?.idempotencyKey ?? paymentKey("booking", booking.id, amountMinor, currency, prior.length);
    const description = override?.description ?? `${booking.serviceName}`;
    const expiresAt = this.linkExpiry(booking.status === "held" ? booking.holdExpiresAt : null);
    const { payment, created } = await this.d.repo.insertOrGet({
      tenantId, contactId, bookingId: booking.id, provider: integration.kind, amountMinor, currency, idempotencyKey: key, description, expiresAt,
    });
    return this.ensureLink(tenantId, integration, payment, !created);
  }

  private async standalone(
    tenantId: string, integration: IntegrationRow & { credentials: PaymentCredentials },
    input: { contactId: string; amountMinor: number; currency: string; description?: string; idempotencyKey?: string },
  ): Promise<LinkResult> {
    let currency: string;
    try {
      currency = normalizeCurrency(input.currency);
      assertChargeable(input.amountMinor, currency);
    } catch (err) {
      return { ok: false, reason: "invalid", message: err instanceof Error ? err.message : "invalid amount" };
    }
    const description = input.description?.trim() || "Payment";
    const key = input.idempotencyKey ?? paymentKey("contact", input.contactId, input.amountMinor, currency, description, this.now().toISOString().slice(0, 13));
    const { payment, created } = await this.d.repo.insertOrGet({
      tenantId, contactId: input.contactId, bookingId: null, provider: integration.kind, amountMinor: input.amountMinor, currency,
      idempotencyKey: key, description, expiresAt: this.linkExpiry(null),
    });
    return this.ensureLink(tenantId, integration, payment, !created);
  }

  private linkExpiry(hold: Date | null): Date {
    const now = this.now().getTime();
    const want = hold ? hold.getTime() : now + (this.d.linkTtlMs ?? MAX_LINK_MS);
    return new Date(Math.min(Math.max(want, now + MIN_LINK_MS), now + MAX_LINK_MS));
  }

  /** The row exists: return its link, or (still `created`) ask the provider with the row's own key. */
  private async ensureLink(
    tenantId: string, integration: IntegrationRow & { credentials: PaymentCredentials }, payment: PaymentRow, reused: boolean,
  ): Promise<LinkResult> {
    if (payment.status === "paid" || payment.status === "refund_requested" || payment.status === "refunded") {
      return { ok: false, reason: "already_paid", message: "That is already paid." };
    }
    if (payment.status === "pending" && payment.url) return { ok: true, payment, reused };
    if (payment.status !== "created") return { ok: false, reason: "not_payable", message: `That payment link is ${payment.status}.` };
    if (payment.provider !== integration.kind) {
      return { ok: false, reason: "provider_error", message: "This business changed its payment provider; ask again for a new link." };
    }
    const provider = this.d.provider(integration);
    try {
      const link = await provider.createLink({
        tenantId, paymentId: payment.id, bookingId: payment.bookingId, amountMinor: payment.amountMinor, currency: payment.currency,
        description: payment.description ?? "Payment", idempotencyKey: payment.idempotencyKey,
        expiresAt: payment.expiresAt ?? this.linkExpiry(null),
      });
      const updated = (await this.d.repo.setLink(tenantId, payment.id, link)) ?? (await this.d.repo.get(tenantId, payment.id));
      if (!updated?.url) return { ok: false, reason: "provider_error", message: "The payment provider didn't give me a link. Please try again in a moment." };
      return { ok: true, payment: updated, reused };
    } catch (err) {
      this.d.logger?.warn({ err: errSummary(err), tenantId, paymentId: payment.id, provider: integration.kind }, "payment link creation failed");
      if (err instanceof ProviderError && err.retryable) throw err; // a job retries with the same key
      return { ok: false, reason: "provider_error", message: "The payment provider couldn't make a link right now, so nothing was charged. Please try again a little later." };
    }
  }

  async applyEvent(tenantId: string, ev: NormalizedEvent): Promise<ApplyOutcome> {
    if (ev.tenantId && ev.tenantId !== tenantId) throw new AppError("bad_request", "event does not belong to this account");
    const r = await this.d.repo.recordAndApply(
      tenantId,
      { provider: ev.provider, eventId: ev.eventId, type: ev.type, occurredAt: ev.occurredAt, payload: ev.payload },
      { paymentId: ev.paymentId, providerRef: ev.providerRef, providerPaymentId: ev.providerPaymentId },
      (p) => {
        if (ev.effect.kind === "paid" && ev.effect.amountMinor !== null && ev.effect.amountMinor < p.amountMinor) {
          this.d.logger?.warn({ tenantId, paymentId: p.id, eventId: ev.eventId }, "paid event for less than the payment's amount: not applied");
          return null;
        }
        return transition(p, ev.effect, ev.occurredAt);
      },
    );
    const outcome: ApplyOutcome = { duplicate: r.duplicate, payment: r.payment, changed: r.changed, booking: r.booking };
    // after the commit; idempotent per payment, so a redelivered event re-asks safely (a lost enqueue is recovered)
    if (this.d.notifier && r.payment) {
      if (r.payment.status === "paid" && (r.changed === "paid" || (r.duplicate && ev.effect.kind === "paid"))) {
        await this.d.notifier.paid(tenantId, r.payment, r.booking);
      } else if (r.payment.status === "refunded" && (r.changed === "refunded" || (r.duplicate && ev.effect.kind === "refunded"))) {
        await this.d.notifier.refunded(tenantId, r.payment);
      }
    }
    return outcome;
  }

  async refund(tenantId: string, paymentId: string): Promise<RefundOutcome> {
    const integration = await this.d.repo.activeIntegration(tenantId);
    if (!integration) return { ok: false, reason: "not_configured", message: NOT_CONFIGURED_MESSAGE };
    const payment = await this.d.repo.get(tenantId, paymentId);
    if (!payment) return { ok: false, reason: "not_found", message: "I couldn't find that payment." };
    if (payment.status === "refunded") return { ok: true, payment, done: true };
    if ((payment.status !== "paid" && payment.status !== "refund_requested") || !payment.providerPaymentId) {
      return { ok: false, reason: "not_refundable", message: `That payment is ${payment.status}; only a paid payment can be refunded.` };
    }
    if (payment.provider !== integration.kind) {
      return { ok: false, reason: "not_refundable", message: `That payment was taken with ${payment.provider}, which is no longer connected; refund it from its dashboard.` };
    }
    await this.d.repo.markRefundRequested(tenantId, payment.id);
    const amountMinor = payment.amountMinor - payment.refundedMinor;
    try {
      const res = await this.d.provider(integration).refund({
        tenantId, paymentId: payment.id, providerPaymentId: payment.providerPaymentId, amountMinor, idempotencyKey: paymentKey("refund", payment.id, amountMinor),
      });
      if (res.done) {
        const updated = (await this.d.repo.markRefunded(tenantId, payment.id, payment.refundedMinor + res.amountMinor)) ?? payment;
        if (updated.status === "refunded") await this.d.notifier?.refunded(tenantId, updated);
        return { ok: true, payment: updated, done: true };
      }
      return { ok: true, payment: (await this.d.repo.get(tenantId, payment.id)) ?? payment, done: false };
    } catch (err) {
      this.d.logger?.warn({ err: errSummary(err), tenantId, paymentId: payment.id }, "refund failed");
      return { ok: false, reason: "provider_error", message: "The payment provider didn't accept the refund. Nothing was refunded; try again or use its dashboard." };
    }
  }
}

/** Loggable error summary: never a whole SDK error (it can carry request headers). */
function errSummary(err: unknown): { message: string; code?: string | number } {
  if (err instanceof ProviderError) return { message: err.message, ...(err.providerCode !== undefined ? { code: err.providerCode } : {}) };
  return { message: err instanceof Error ? err.message : String(err) };
}

/** "£45.00" for a payment, in a locale. */
export const paymentAmount = (p: Pick<PaymentRow, "amountMinor" | "currency">, locale = "en") => formatMinor(p.amountMinor, p.currency, locale);
