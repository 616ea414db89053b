// The provider-neutral payment model: what a provider adapter must do (api/payments
// implements it for Stripe and Razorpay with their SDKs), what a verified webhook event
// becomes, and the service the tools, the calendar and the local tier call.

export type ProviderKind = "stripe" | "razorpay";
export const PROVIDER_KINDS: readonly ProviderKind[] = ["stripe", "razorpay"];

export type PaymentStatus = "created" | "pending" | "paid" | "expired" | "failed" | "refund_requested" | "refunded";

export interface PaymentRow {
  id: string;
  tenantId: string;
  contactId: string;
  bookingId: string | null;
  provider: ProviderKind;
  providerRef: string | null;
  providerPaymentId: string | null;
  url: string | null;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  idempotencyKey: string;
  description: string | null;
  expiresAt: Date | null;
  paidAt: Date | null;
  refundedMinor: number;
  lastEventAt: Date | null;
  createdAt: Date;
}

/** What the adapter needs to make a link. `idempotencyKey` goes to the provider unchanged. */
export interface CreateLinkInput {
  tenantId: string;
  paymentId: string;
  bookingId: string | null;
  amountMinor: number;
  /** ISO 4217, upper case */
  currency: string;
  description: string;
  idempotencyKey: string;
  expiresAt: Date;
}

export interface CreatedLink {
  /** cs_… or plink_… */
  providerRef: string;
  url: string;
  expiresAt: Date | null;
}

export interface RefundResult {
  refundId: string;
  /** true when the provider says the money is already on its way back (else a webhook follows) */
  done: boolean;
  amountMinor: number;
}

/** One tenant's provider account, made from its decrypted credentials. */
export interface PaymentProvider {
  readonly kind: ProviderKind;
  createLink(input: CreateLinkInput): Promise<CreatedLink>;
  refund(input: { providerPaymentId: string; amountMinor: number; idempotencyKey: string; paymentId: string; tenantId: string }): Promise<RefundResult>;
}

/** What a verified provider event means for one payment. */
export type EventEffect =
  | { kind: "paid"; providerPaymentId: string | null; amountMinor: number | null }
  | { kind: "pending" }
  | { kind: "expired" }
  | { kind: "failed" }
  | { kind: "refunded"; refundedMinor: number }
  | { kind: "ignored" };

export interface NormalizedEvent {
  provider: ProviderKind;
  eventId: string;
  type: string;
  occurredAt: Date;
  /** Where the event says it belongs (our metadata/notes): must match the account's tenant. */
  tenantId: string | null;
  /** our Payment id (metadata payment_id), when the provider echoed it */
  paymentId: string | null;
  /** cs_… / plink_… */
  providerRef: string | null;
  /** pi_… / pay_… (refund events find the payment by it) */
  providerPaymentId: string | null;
  effect: EventEffect;
  /** The raw event, stored in PaymentEvent.payload. */
  payload: unknown;
}

/** Result of a link request, in words a tool can pass on. */
export type LinkResult =
  | { ok: true; payment: PaymentRow; reused: boolean }
  | { ok: false; reason: "not_configured" | "not_found" | "no_price" | "already_paid" | "not_payable" | "provider_error" | "invalid"; message: string };

export type RefundOutcome =
  | { ok: true; payment: PaymentRow; done: boolean }
  | { ok: false; reason: "not_configured" | "not_found" | "not_refundable" | "provider_error"; message: string };

/** What applying one webhook event did. */
export interface ApplyOutcome {
  duplicate: boolean;
  payment: PaymentRow | null;
  /** the status change this event made, if any */
  changed: PaymentStatus | null;
  /** paid with a booking: confirmed, already confirmed, or the slot went to someone else */
  booking?: "confirmed" | "already_confirmed" | "slot_taken" | "not_live" | null;
}

/**
 * The payment service other parts call (tools, the calendar, the local tier). Every call
 * takes the tenant first; a lead's calls also take their contact, and only see their own rows.
 */
export interface PaymentService {
  /** Is a payment provider set up for this tenant? */
  configured(tenantId: string): Promise<ProviderKind | null>;
  /** A link for the contact's own booking (their latest unpaid one when bookingId is absent); amount from the booking. */
  linkForBooking(tenantId: string, contactId: string, bookingId?: string): Promise<LinkResult>;
  /** Owners: a link for any contact of the tenant, for an amount they give (or a booking's price). */
  linkForContact(tenantId: string, input: { contactId: string; bookingId?: string; amountMinor?: number; currency?: string; description?: string; idempotencyKey?: string }): Promise<LinkResult>;
  /** Apply a verified provider event for the tenant whose account received it. */
  applyEvent(tenantId: string, event: NormalizedEvent): Promise<ApplyOutcome>;
  /** Refund a paid payment (callers must have the owner's approval first). */
  refund(tenantId: string, paymentId: string): Promise<RefundOutcome>;
  get(tenantId: string, paymentId: string): Promise<PaymentRow | null>;
  list(tenantId: string, opts?: { contactId?: string; bookingId?: string; limit?: number }): Promise<PaymentRow[]>;
}
