// The calendar tools' contract: names, argument schemas (what models see) and the JSON each
// tool returns. The handlers (tools/calendar/*.ts) and the local tier's booking dialogue
// (agent/models) both depend on this file and on nothing of each other, so the local tier
// can read a result the LLM tiers also read. Results are JSON text in the ToolMessage:
// `parseCalendarResult` reads them back. Times cross this boundary as ISO-8601 instants
// with the tenant's offset ("2026-11-25T17:00:00+00:00") plus a label already written in
// the tenant's timezone and locale, so no reader has to do zone arithmetic.
import { z } from "zod";

export const CHECK_AVAILABILITY = "check_availability";
export const BOOK_APPOINTMENT = "book_appointment";
export const MY_BOOKINGS = "my_bookings";
export const RESCHEDULE_BOOKING = "reschedule_booking";
export const CANCEL_BOOKING = "cancel_booking";
/** Owners: the bookings of a day or range ("what's booked tomorrow?"). */
export const LIST_BOOKINGS = "list_bookings";

const when = z
  .string()
  .max(200)
  .describe('When the customer wants it, in their words or as a local date/time: "tomorrow after 5", "next Friday morning", "the 3rd", "2026-11-27 17:00".');
const service = z.string().max(120).describe("The service's name as the business calls it (or the customer's words for it).");
const bookingId = z.string().max(64).describe("The booking's id from my_bookings / list_bookings / a confirmation.");

export const checkAvailabilitySchema = z.object({
  service: service.optional(),
  when: when.optional(),
  /** Offer at most this many slots (default 3). */
  limit: z.number().int().min(1).max(10).optional(),
});

export const bookAppointmentSchema = z.object({
  service,
  /** An exact start: a slot's `start` from check_availability, or a local "YYYY-MM-DD HH:MM". */
  start: z.string().max(64).describe("The slot's start exactly as check_availability returned it."),
  notes: z.string().max(500).optional(),
});

export const myBookingsSchema = z.object({});

export const rescheduleBookingSchema = z.object({
  booking_id: bookingId.optional(),
  /** The new start (a slot's `start`, or a local "YYYY-MM-DD HH:MM"). */
  new_start: z.string().max(64),
});

export const cancelBookingSchema = z.object({
  booking_id: bookingId.optional(),
  /** Owners: whose booking, in words ("Priya's 4 pm"), when there is no id. */
  which: z.string().max(200).optional(),
  reason: z.string().max(300).optional(),
});

export const listBookingsSchema = z.object({
  when: when.optional(),
});

/** One bookable start the tool found free. */
export interface SlotView {
  /** ISO instant with the tenant's offset; pass it back as `start`. */
  start: string;
  end: string;
  /** "Wed 25 Nov, 17:00" in the tenant's zone and locale. */
  label: string;
  service: string;
  /** Staff member or room, when the business has more than one. */
  resource?: string;
  priceMinor?: number;
  currency?: string;
  /** The business's Google Calendar could not be checked just now: free in our own bookings, not yet confirmed against it. */
  unconfirmed?: boolean;
}

export interface BookingView {
  id: string;
  service: string;
  start: string;
  label: string;
  status: "held" | "confirmed" | "cancelled" | "expired" | "completed" | "no_show";
  resource?: string;
  /** Owners' views name the customer. */
  contactName?: string;
  priceMinor?: number;
  currency?: string;
  /** A held booking waiting for payment expires at this instant. */
  holdExpiresAt?: string;
}

/**
 * What every calendar tool returns. `ok: false` carries a `reason` code and a sentence the
 * person can read; `need` lists what is missing for the call to succeed (the dialogue asks
 * for it).
 */
export type CalendarResult =
  | { tool: typeof CHECK_AVAILABILITY; ok: true; service: string; window: string; slots: SlotView[]; note?: string }
  | { tool: typeof BOOK_APPOINTMENT | typeof RESCHEDULE_BOOKING; ok: true; booking: BookingView; message: string; paymentRequired?: boolean }
  | { tool: typeof CANCEL_BOOKING; ok: true; booking: BookingView; message: string }
  | { tool: typeof MY_BOOKINGS | typeof LIST_BOOKINGS; ok: true; window?: string; bookings: BookingView[]; message: string }
  | {
      tool: string;
      ok: false;
      reason: "need_service" | "need_time" | "unknown_service" | "closed" | "no_slots" | "slot_taken" | "not_found" | "ambiguous" | "not_allowed" | "in_past" | "not_configured" | "invalid";
      message: string;
      need?: ("service" | "when" | "booking")[];
      /** Choices when the request matched several (services, bookings). */
      options?: string[];
      /** Nearby free slots when the asked one is taken or closed. */
      alternatives?: SlotView[];
    };

export const CALENDAR_TOOL_NAMES: ReadonlySet<string> = new Set([
  CHECK_AVAILABILITY, BOOK_APPOINTMENT, MY_BOOKINGS, RESCHEDULE_BOOKING, CANCEL_BOOKING, LIST_BOOKINGS,
]);

/** A calendar tool's JSON result, or null when the text is not one. */
export function parseCalendarResult(text: string): CalendarResult | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== "object") return null;
    const r = v as { tool?: unknown; ok?: unknown };
    if (typeof r.tool !== "string" || !CALENDAR_TOOL_NAMES.has(r.tool) || typeof r.ok !== "boolean") return null;
    return v as CalendarResult;
  } catch {
    return null;
  }
}
