// send_payment_link (owners): a link for any customer of the business — for one of their
// bookings (its price) or an amount the owner gives. The tool call id is the idempotency
// key, so a retried run makes no second link.
import { createHash } from "node:crypto";
import { tool } from "@langchain/core/tools";
import { formatMinor } from "../../core/payments/money.js";
import { ownerContextFrom } from "../context.js";
import { findCustomer } from "./find.js";
import { failure, linkResult } from "./result.js";
import { SEND_PAYMENT_LINK, sendPaymentLinkDescription, sendPaymentLinkSchema } from "./schema.js";
import { OWNER_SETUP_HINT, type PaymentTools } from "./types.js";

export function sendPaymentLinkTool(payments: PaymentTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, SEND_PAYMENT_LINK);
      if (!(await payments.configured(ctx.tenantId))) return failure(SEND_PAYMENT_LINK, "not_configured", `Payments aren't set up for this business yet. ${OWNER_SETUP_HINT}`);
      if (!args.customer) return failure(SEND_PAYMENT_LINK, "need_customer", "Which customer is the link for?");
      const who = await findCustomer(payments, ctx.tenantId, args.customer);
      if ("error" in who) return failure(SEND_PAYMENT_LINK, "customer", who.error);
      if (!args.booking_id && args.amount_minor === undefined) return failure(SEND_PAYMENT_LINK, "need_amount", `How much should ${who.name} pay, and what for?`);
      const money = await payments.tenantMoney(ctx.tenantId);
      const callId = config.toolCall?.id;
      const r = await payments.linkForContact(ctx.tenantId, {
        contactId: who.id,
        ...(args.booking_id ? { bookingId: args.booking_id } : {}),
        ...(args.amount_minor !== undefined ? { amountMinor: args.amount_minor, currency: args.currency ?? money.currency } : {}),
        ...(args.description ? { description: args.description } : {}),
        ...(callId ? { idempotencyKey: `gp_tc_${createHash("sha256").update(`${ctx.conversationId}\n${callId}`).digest("base64url").slice(0, 30)}` } : {}),
      });
      if (!r.ok) return failure(SEND_PAYMENT_LINK, r.reason, r.message);
      const p = r.payment;
      return linkResult(SEND_PAYMENT_LINK, p, `Payment link for ${who.name} — ${formatMinor(p.amountMinor, p.currency, money.locale)}${p.description ? ` (${p.description})` : ""}: ${p.url}`);
    },
    { name: SEND_PAYMENT_LINK, description: sendPaymentLinkDescription, schema: sendPaymentLinkSchema },
  );
}
