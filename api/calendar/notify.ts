// Messages about bookings, started by GrowAI through the outbox (api/pipeline/outbound.ts
// startMessage), so rate limits, retries and WhatsApp's 24-hour window rules apply as to
// any message: the lead's confirmation (with the .ics link) on the booking's conversation
// channel — a booking made on a call is confirmed by SMS to the caller's number, as the
// call's follow-up is — a reminder, and one short line to the owner (api/pipeline/handoff.ts
// ownerTarget). Idempotency keys carry the booking's version: a retried call sends once.
import type { BookingRow, CalendarTenant } from "../../core/calendar/types.js";
import type { BookingRepo } from "../../core/calendar/bookings.js";
import type { Logger } from "../../core/logger.js";
import type { Channel } from "../../core/repos/tenants.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { ownerTarget } from "../pipeline/handoff.js";
import { startMessage } from "../pipeline/outbound.js";
import { labelOf, moneyOf } from "./format.js";

export type BookingEvent = "booked" | "rescheduled" | "cancelled" | "expired";
type Deps = Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues">;

export interface BookingNotifierOptions {
  pipeline: () => Deps | null;
  bookings: BookingRepo;
  logger: Logger;
  /** The .ics link of a booking, or null when PUBLIC_BASE_URL is not set. */
  icsUrl: (b: BookingRow) => string | null;
}

export class BookingNotifier {
  constructor(private readonly o: BookingNotifierOptions) {}

  /** Where the lead hears about this booking: the conversation's channel; a call → SMS to their phone. */
  async leadTarget(b: BookingRow): Promise<{ channel: Channel; address: string } | null> {
    const conv = b.conversationId ? await this.o.bookings.conversationTarget(b.tenantId, b.conversationId) : null;
    if (conv && conv.channel !== "voice") return { channel: conv.channel as Channel, address: conv.address };
    const phone = (conv?.address.startsWith("+") ? conv.address : null) ?? (await this.o.bookings.contactPhone(b.tenantId, b.contactId));
    return phone ? { channel: "sms", address: phone } : null;
  }

  leadText(event: BookingEvent, b: BookingRow, t: CalendarTenant): string {
    const when = labelOf(b.startsAt, t);
    const ics = this.o.icsUrl(b);
    const price = b.priceMinor !== null && b.currency ? ` (${moneyOf(b.priceMinor, b.currency, t.locale)})` : "";
    if (event === "expired") {
      return `⌛ The hold on your ${b.serviceName} at ${t.name} on ${when} has ended because it wasn't paid in time, so the slot is free again. Reply here if you'd like to book again.`;
    }
    if (event === "cancelled") return [`❌ Your ${b.serviceName} at ${t.name} on ${when} is cancelled.`, ...(ics ? [`Calendar update: ${ics}`] : [])].join("\n");
    const head =
      event === "rescheduled"
        ? `🔁 Your ${b.serviceName} at ${t.name} has moved to ${when} with ${b.resourceName}.`
        : b.status === "held"
          ? `⏳ ${b.serviceName}${price} at ${t.name} on ${when} with ${b.resourceName} is held for you until payment.`
          : `✅ Booked: ${b.serviceName}${price} at ${t.name} on ${when} with ${b.resourceName}.`;
    return [head, ...(ics ? [`Add it to your calendar: ${ics}`] : []), "Reply here to change or cancel it."].join("\n");
  }

  async toLead(event: BookingEvent, b: BookingRow, t: CalendarTenant): Promise<boolean> {
    return this.send(b, `booking:${b.id}:${b.version}:${event}`, async () => {
      const target = await this.leadTarget(b);
      return target ? { ...target, text: this.leadText(event, b, t), purpose: "notification" as const } : null;
    });
  }

  async reminder(kind: string, b: BookingRow, t: CalendarTenant): Promise<boolean> {
    return this.send(b, `reminder:${b.id}:${kind}:${b.version}`, async () => {
      const target = await this.leadTarget(b);
      const ics = this.o.icsUrl(b);
      const text = [`⏰ Reminder: ${b.serviceName} at ${t.name} ${labelOf(b.startsAt, t)} with ${b.resourceName}.`, ...(ics ? [ics] : []), "Reply here if you need to change it."].join("\n");
      return target ? { ...target, text, purpose: "notification" as const } : null;
    });
  }

  /** One short line to the owner about a new or cancelled booking (moved ones too). */
  async toOwner(event: BookingEvent, b: BookingRow, t: CalendarTenant): Promise<boolean> {
    const p = this.o.pipeline();
    if (!p) return false;
    return this.send(b, `booking-owner:${b.id}:${b.version}:${event}`, async () => {
      const target = await ownerTarget(p, b.tenantId);
      if (!target) return null;
      const who = b.contactName ?? "A customer";
      const verb = event === "booked" ? (b.status === "held" ? "held (awaiting payment)" : "booked") : event === "rescheduled" ? "moved to" : "cancelled";
      const text = event === "rescheduled"
        ? `📅 ${who}'s ${b.serviceName} ${verb} ${labelOf(b.startsAt, t)} (${b.resourceName}).`
        : `📅 ${who} ${verb} ${b.serviceName} — ${labelOf(b.startsAt, t)} (${b.resourceName}).`;
      return { ...target, text, purpose: "notification" as const };
    });
  }

  private async send(b: BookingRow, idempotencyKey: string, build: () => Promise<{ channel: Channel; address: string; text: string; purpose: "notification" } | null>): Promise<boolean> {
    const p = this.o.pipeline();
    if (!p) return false;
    try {
      const m = await build();
      if (!m) {
        this.o.logger.warn({ tenantId: b.tenantId, bookingId: b.id }, "no channel to tell about the booking");
        return false;
      }
      await startMessage(p, { tenantId: b.tenantId, ...m, idempotencyKey });
      return true;
    } catch (err) {
      // the booking stands; a message that cannot go out (no account on that channel) is logged
      this.o.logger.warn({ err, tenantId: b.tenantId, bookingId: b.id }, "booking message not sent");
      return false;
    }
  }
}
