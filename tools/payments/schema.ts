// The payment tools' names, argument schemas and descriptions (what models see). Amounts
// are integers in the currency's smallest unit; a lead's tool has no amount at all (the
// price comes from their booking, never from the model).
import { z } from "zod";

/** Leads: a link for their own booking. */
export const PAYMENT_LINK = "payment_link";
/** Owners: a link for any customer (an amount, or one of their bookings). */
export const SEND_PAYMENT_LINK = "send_payment_link";
/** Leads: their own payments and where each stands. */
export const PAYMENT_STATUS = "payment_status";
/** Owners, with approval: refund a paid payment. */
export const REFUND_PAYMENT = "refund_payment";

const id = (what: string) => z.string().trim().min(1).max(64).describe(what);

export const paymentLinkSchema = z.object({
  booking_id: id("The booking to pay for, if the customer has several; otherwise leave it out.").optional(),
});

export const sendPaymentLinkSchema = z.object({
  customer: z.string().trim().min(1).max(120).describe("The customer's name as saved, or their contact id.").optional(),
  booking_id: id("One of the customer's bookings: the link is for its price.").optional(),
  amount_minor: z.number().int().positive().max(100_000_000_00)
    .describe("The amount in the currency's smallest unit (cents, paise; yen have none: ¥5000 → 5000).").optional(),
  currency: z.string().trim().length(3).describe("ISO currency code, e.g. USD, INR (default: the business's currency).").optional(),
  description: z.string().trim().min(1).max(200).describe("What the payment is for, shown on the payment page.").optional(),
});

export const refundPaymentSchema = z.object({
  payment_id: id("The payment's id.").optional(),
  booking_id: id("The booking whose payment to refund.").optional(),
  customer: z.string().trim().min(1).max(120).describe("The customer's name, when there is no id.").optional(),
});

/** The action an owner approves; it travels through the interrupt and back. */
export const refundActionSchema = z.object({
  tool: z.literal(REFUND_PAYMENT),
  paymentId: z.string().min(1),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
});
export type RefundAction = z.infer<typeof refundActionSchema>;

export const paymentLinkDescription =
  "Get a payment link for the customer's own booking (the one waiting for payment, or booking_id). " +
  "The amount is the booking's price. Send the link exactly as returned.";
export const sendPaymentLinkDescription =
  "Owners: make a payment link for a customer — for one of their bookings, or for an amount and description you give. " +
  "Returns the link to pass on.";
export const refundPaymentDescription =
  "Owners: refund a paid payment, found by its id, its booking or the customer's name. " +
  "The owner is asked to approve with buttons before anything is refunded; do not ask for confirmation yourself.";
