// What the calendar tools need from the api layer (api/calendar/service.ts implements it).
// The actor comes from the run context (tools/context.ts), never from model arguments:
// a lead acts on their own bookings only; an owner on any booking of the tenant.
import type { CalendarResult } from "./contract.js";

export interface CalendarActor {
  tenantId: string;
  role: "lead" | "owner";
  conversationId: string;
  /** The lead talking (required for a lead's booking tools). */
  contactId?: string;
}

export interface CalendarService {
  checkAvailability(actor: CalendarActor, args: { service?: string; when?: string; limit?: number }): Promise<CalendarResult>;
  book(actor: CalendarActor, args: { service: string; start: string; notes?: string }): Promise<CalendarResult>;
  myBookings(actor: CalendarActor): Promise<CalendarResult>;
  reschedule(actor: CalendarActor, args: { booking_id?: string; new_start: string }): Promise<CalendarResult>;
  cancel(actor: CalendarActor, args: { booking_id?: string; which?: string; reason?: string }): Promise<CalendarResult>;
  listBookings(actor: CalendarActor, args: { when?: string }): Promise<CalendarResult>;
}
