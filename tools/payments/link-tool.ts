// payment_link (leads): a link for the person's own booking. The contact is the run
// context's, never an argument; the amount is the booking's price, never the model's.
// A second ask returns the same pending link.
import { tool } from "@langchain/core/tools";
import { formatMinor } from "../../core/payments/money.js";
import { contactContextFrom } from "../context.js";
import { failure, linkResult } from "./result.js";
import { PAYMENT_LINK, paymentLinkDescription, paymentLinkSchema } from "./schema.js";
import type { PaymentTools } from "./types.js";

export function paymentLinkTool(payments: PaymentTools) {
  return tool(
    async (args, config) => {
      const ctx = contactContextFrom(config, PAYMENT_LINK);
      const r = await payments.linkForBooking(ctx.tenantId, ctx.contactId, args.booking_id);
      if (!r.ok) return failure(PAYMENT_LINK, r.reason, r.message);
      const p = r.payment;
      return linkResult(PAYMENT_LINK, p, `Here's your payment link for ${p.description ?? "your booking"} (${formatMinor(p.amountMinor, p.currency)}): ${p.url}`);
    },
    { name: PAYMENT_LINK, description: paymentLinkDescription, schema: paymentLinkSchema },
  );
}
