import { z } from "zod";

const secret = z.string().trim().min(8).max(512);

export const stripeIntegrationSchema = z.object({
  /** sk_live_… / sk_test_… / rk_… (a restricted key with Checkout + Refunds write) */
  secretKey: secret.regex(/^(sk|rk)_(test|live)_/, "must be a Stripe secret or restricted key (sk_… / rk_…)"),
  /** whsec_… of the endpoint /webhooks/stripe/{integrationId} */
  webhookSecret: secret,
  accountId: z.string().regex(/^acct_[A-Za-z0-9]+$/).optional(),
});

export const razorpayIntegrationSchema = z.object({
  keyId: z.string().trim().regex(/^rzp_(test|live)_[A-Za-z0-9]+$/, "must be a Razorpay key id (rzp_test_… / rzp_live_…)"),
  keySecret: secret,
  webhookSecret: secret,
});

export const paymentsQuerySchema = z.object({
  contactId: z.uuid().optional(),
  bookingId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
