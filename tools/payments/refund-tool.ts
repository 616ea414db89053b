// refund_payment (owners, approval): find the paid payment (read-only), pause for the
// owner's approval (button), then refund exactly the payment that was shown, through the
// provider with an idempotency key — a second approval finds it refunded and says so.
import { tool } from "@langchain/core/tools";
import { AppError } from "../../core/errors.js";
import { formatMinor } from "../../core/payments/money.js";
import type { PaymentRow } from "../../core/payments/types.js";
import { approvalId, awaitApproval, settled } from "../approval.js";
import { ownerContextFrom } from "../context.js";
import { findCustomer } from "./find.js";
import { REFUND_PAYMENT, refundActionSchema, refundPaymentDescription, refundPaymentSchema, type RefundAction } from "./schema.js";
import { OWNER_SETUP_HINT, type PaymentTools } from "./types.js";

const REFUNDABLE = new Set(["paid", "refund_requested"]);

export function refundPaymentTool(payments: PaymentTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, REFUND_PAYMENT);
      const callId = config.toolCall?.id;
      if (!callId) throw new AppError("internal", "refund_payment needs a tool call id");
      if (!(await payments.configured(ctx.tenantId))) return [`Payments aren't set up for this business, so there is nothing to refund here. ${OWNER_SETUP_HINT}`, null];
      let candidates: PaymentRow[] = [];
      let who = "the customer";
      if (args.payment_id) {
        const p = await payments.get(ctx.tenantId, args.payment_id);
        candidates = p ? [p] : [];
      } else if (args.booking_id) {
        candidates = await payments.list(ctx.tenantId, { bookingId: args.booking_id, limit: 20 });
      } else if (args.customer) {
        const c = await findCustomer(payments, ctx.tenantId, args.customer);
        if ("error" in c) return [c.error, null];
        who = c.name;
        candidates = await payments.list(ctx.tenantId, { contactId: c.id, limit: 20 });
      } else {
        return ["Which payment should I refund? Give me the customer's name or the booking.", null];
      }
      const paid = candidates.filter((p) => REFUNDABLE.has(p.status));
      if (paid.length === 0) {
        const refunded = candidates.find((p) => p.status === "refunded");
        return [refunded ? "That payment has already been refunded." : "I couldn't find a paid payment to refund there. Nothing was refunded.", null];
      }
      if (paid.length > 1) {
        const list = paid.map((p) => `${formatMinor(p.amountMinor, p.currency)} ${p.description ?? ""} (id ${p.id})`).join("; ");
        return [`Several paid payments match: ${list}. Which one should I refund?`, null];
      }
      const p = paid[0]!;
      const amount = p.amountMinor - p.refundedMinor;
      const id = approvalId(ctx.conversationId, callId);
      const summary = `Refund ${formatMinor(amount, p.currency)} to ${who}${p.description ? ` for ${p.description}` : ""} (paid ${p.paidAt?.toISOString().slice(0, 10) ?? ""} via ${p.provider})`;
      const proposed: RefundAction = { tool: REFUND_PAYMENT, paymentId: p.id, amountMinor: amount, currency: p.currency };
      const answer = awaitApproval({ kind: "approval", id, tenantId: ctx.tenantId, summary, action: proposed });
      if (answer.decision === "reject") return ["Cancelled — nothing was refunded.", settled(id, "rejected", summary)];
      const action = refundActionSchema.parse(answer.action);
      const r = await payments.refund(ctx.tenantId, action.paymentId);
      if (!r.ok) return [r.message, settled(id, "approved", summary)];
      const money = formatMinor(action.amountMinor, action.currency);
      const text = r.payment.status === "refunded"
        ? `Done — ${money} has been refunded; the customer has been told.`
        : `Refund of ${money} requested — the provider is processing it; the customer will be told when it completes.`;
      return [text, settled(id, "approved", summary)];
    },
    { name: REFUND_PAYMENT, description: refundPaymentDescription, schema: refundPaymentSchema, responseFormat: "content_and_artifact" },
  );
}
