// payment_status (leads): the person's own payments and where each stands ("did my payment
// go through?"). The contact is the run context's; nothing of anyone else's is read.
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { formatMinor } from "../../core/payments/money.js";
import { contactContextFrom } from "../context.js";
import { failure } from "./result.js";
import { PAYMENT_STATUS } from "./schema.js";
import type { PaymentTools } from "./types.js";

const WORDS: Record<string, string> = {
  created: "being prepared", pending: "waiting for payment", paid: "paid", expired: "expired unpaid", failed: "failed",
  refund_requested: "paid, refund in progress", refunded: "refunded",
};

export function paymentStatusTool(payments: PaymentTools) {
  return tool(
    async (_args, config) => {
      const ctx = contactContextFrom(config, PAYMENT_STATUS);
      if (!(await payments.configured(ctx.tenantId))) return failure(PAYMENT_STATUS, "not_configured", "Online payments aren't set up for this business.");
      const rows = (await payments.list(ctx.tenantId, { contactId: ctx.contactId, limit: 5 })).filter((p) => p.status !== "created");
      if (rows.length === 0) return JSON.stringify({ tool: PAYMENT_STATUS, ok: true, payments: [], message: "You have no payments with us yet." });
      const items = rows.map((p) => ({
        description: p.description, status: p.status, amountMinor: p.amountMinor, currency: p.currency, amount: formatMinor(p.amountMinor, p.currency),
        ...(p.paidAt ? { paidAt: p.paidAt.toISOString() } : {}), ...(p.status === "pending" && p.url ? { url: p.url } : {}),
      }));
      const message = items.map((i) => `${i.description ?? "Payment"} — ${i.amount}: ${WORDS[i.status] ?? i.status}`).join("; ");
      return JSON.stringify({ tool: PAYMENT_STATUS, ok: true, payments: items, message });
    },
    { name: PAYMENT_STATUS, description: "The customer's own payments (links sent, paid, refunded) and their status.", schema: z.object({}) },
  );
}
