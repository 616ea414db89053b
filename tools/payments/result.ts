// What the payment tools return: JSON text the LLM tiers read and the local tier and the
// reply check parse (`"ok": false` marks a failure, so a refusal never counts as a link sent;
// amounts travel as `amountMinor` so the reply check can match a quoted price).
import { formatMinor } from "../../core/payments/money.js";
import type { PaymentRow } from "../../core/payments/types.js";

export function linkResult(tool: string, p: PaymentRow, message: string): string {
  return JSON.stringify({
    tool, ok: true, message, url: p.url, paymentId: p.id, amountMinor: p.amountMinor, currency: p.currency,
    amount: formatMinor(p.amountMinor, p.currency), ...(p.expiresAt ? { expiresAt: p.expiresAt.toISOString() } : {}),
    ...(p.bookingId ? { bookingId: p.bookingId } : {}),
  });
}

export function failure(tool: string, reason: string, message: string): string {
  return JSON.stringify({ tool, ok: false, reason, message });
}
