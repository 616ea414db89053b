// Who is told what after a payment changes, through the outbox (startMessage): the lead on
// the channel they booked on (else their latest conversation), the owner on their channel
// (ownerTarget: Slack, then WhatsApp, then SMS). Idempotency keys are per payment and
// fact, so a redelivered event or a retried job never sends a message twice.
import type { Channel } from "../../core/repos/tenants.js";
import { formatMinor } from "../../core/payments/money.js";
import type { PaymentRepo } from "../../core/payments/repo.js";
import type { PaymentNotifier } from "../../core/payments/service.js";
import type { ApplyOutcome, PaymentRow } from "../../core/payments/types.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { ownerTarget } from "../pipeline/handoff.js";
import { startMessage } from "../pipeline/outbound.js";

type Deps = Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues" | "logger">;

const CHANNELS: ReadonlySet<string> = new Set(["whatsapp", "sms", "slack", "web"]);

export function whenLabel(d: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(d);
}

/** A customer asked to pay but the business has no provider: tell the owner how to set it up (once a day). */
export async function notifyNotConfigured(d: Deps, tenantId: string, now = new Date()): Promise<void> {
  const target = await ownerTarget(d, tenantId);
  if (!target) return;
  await startMessage(d, {
    tenantId, channel: target.channel, address: target.address, purpose: "notification",
    idempotencyKey: `payments:not-configured:${now.toISOString().slice(0, 10)}`,
    text: [
      "💳 A customer asked to pay online, but payments aren't set up for your business yet, so no link was sent.",
      "To take payments, connect Stripe or Razorpay in GrowAI (your keys and webhook secret) — until then, customers are told to pay you directly.",
    ].join("\n"),
  }).catch((err: unknown) => d.logger.warn({ err, tenantId }, "could not tell the owner that payments are not set up"));
}

export function paymentNotifier(d: Deps, repo: PaymentRepo): PaymentNotifier {
  const tellLead = async (tenantId: string, p: PaymentRow, conversationId: string | null, key: string, text: string) => {
    const target = await repo.contactTarget(tenantId, p.contactId, conversationId);
    if (!target || !CHANNELS.has(target.channel)) {
      d.logger.warn({ tenantId, paymentId: p.id }, "payment update, but the customer has no channel to be told on");
      return;
    }
    await startMessage(d, { tenantId, channel: target.channel as Channel, address: target.address, text, idempotencyKey: key, purpose: "notification" })
      .catch((err: unknown) => d.logger.warn({ err, tenantId, paymentId: p.id }, "could not tell the customer about their payment"));
  };
  const tellOwner = async (tenantId: string, key: string, text: string) => {
    const target = await ownerTarget(d, tenantId);
    if (!target) {
      d.logger.warn({ tenantId }, "payment update, but no owner can be told");
      return;
    }
    await startMessage(d, { tenantId, channel: target.channel, address: target.address, text, idempotencyKey: key, purpose: "notification" });
  };

  return {
    async paid(tenantId, p, outcome: ApplyOutcome["booking"]) {
      const tenant = await d.tenants.get(tenantId);
      const money = formatMinor(p.amountMinor, p.currency, tenant.locale);
      const booking = p.bookingId ? await repo.booking(tenantId, p.bookingId) : null;
      // a redelivered event does not know what the first delivery did: read it back
      const state = outcome ?? (booking ? (booking.status === "confirmed" ? "confirmed" : "not_live") : null);
      const when = booking ? whenLabel(booking.startsAt, tenant.timezone, tenant.locale) : "";
      const who = (await repo.contactTarget(tenantId, p.contactId, booking?.conversationId ?? null))?.displayName ?? "A customer";
      if (booking && (state === "confirmed" || state === "already_confirmed")) {
        await tellLead(tenantId, p, booking.conversationId, `payment:${p.id}:paid:lead`,
          `✅ Payment received (${money}) — you're booked for ${booking.serviceName} on ${when}. See you then!`);
        await tellOwner(tenantId, `payment:${p.id}:paid:owner`, `💳 ${who} paid ${money} — ${booking.serviceName} on ${when} is confirmed.`);
      } else if (booking) {
        await tellLead(tenantId, p, booking.conversationId, `payment:${p.id}:paid:lead`,
          `✅ Payment received (${money}). Your ${booking.serviceName} slot on ${when} was no longer held, so the team will contact you to rebook or refund.`);
        await tellOwner(tenantId, `payment:${p.id}:paid:owner`,
          `⚠️ ${who} paid ${money} for ${booking.serviceName} on ${when}, but that slot is no longer theirs (the hold ran out and the time was taken, or the booking was cancelled). Nothing was double booked — please rebook them or refund the payment (ask me to "refund ${who}'s payment").`);
      } else {
        await tellLead(tenantId, p, null, `payment:${p.id}:paid:lead`, `✅ Payment received (${money}) — thank you!`);
        await tellOwner(tenantId, `payment:${p.id}:paid:owner`, `💳 ${who} paid ${money}${p.description ? ` for ${p.description}` : ""}.`);
      }
    },
    async refunded(tenantId, p) {
      const tenant = await d.tenants.get(tenantId);
      const money = formatMinor(p.refundedMinor || p.amountMinor, p.currency, tenant.locale);
      await tellLead(tenantId, p, null, `payment:${p.id}:refunded:lead`,
        `↩️ Your payment of ${money} has been refunded. It can take a few days to show on your statement.`);
    },
  };
}
