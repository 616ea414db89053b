// The calendar tools: thin LangChain wrappers over CalendarService. The tenant, role,
// conversation and contact come from the run context only; the result text is the
// contract's CalendarResult JSON (contract.ts), which the LLM tiers read and the local tier
// parses with parseCalendarResult.
import { tool } from "@langchain/core/tools";
import type { RunnableConfig } from "@langchain/core/runnables";
import { contactContextFrom, ownerContextFrom } from "../context.js";
import {
  BOOK_APPOINTMENT, CANCEL_BOOKING, CHECK_AVAILABILITY, LIST_BOOKINGS, MY_BOOKINGS, RESCHEDULE_BOOKING,
  bookAppointmentSchema, cancelBookingSchema, checkAvailabilitySchema, listBookingsSchema, myBookingsSchema, rescheduleBookingSchema,
  type CalendarResult,
} from "./contract.js";
import * as text from "./descriptions.js";
import type { CalendarActor, CalendarService } from "./types.js";

const json = (r: CalendarResult): string => JSON.stringify(r);

/** A lead's actor: their own contact, from the run context. */
function leadActor(config: RunnableConfig | undefined, name: string): CalendarActor {
  const ctx = contactContextFrom(config, name);
  return { tenantId: ctx.tenantId, role: "lead", conversationId: ctx.conversationId, contactId: ctx.contactId };
}

function ownerActor(config: RunnableConfig | undefined, name: string): CalendarActor {
  const ctx = ownerContextFrom(config, name);
  return { tenantId: ctx.tenantId, role: "owner", conversationId: ctx.conversationId, ...(ctx.contactId ? { contactId: ctx.contactId } : {}) };
}

export function checkAvailabilityTool(cal: CalendarService, role: "lead" | "owner") {
  return tool(
    async (args, config) => json(await cal.checkAvailability(role === "owner" ? ownerActor(config, CHECK_AVAILABILITY) : leadActor(config, CHECK_AVAILABILITY), args)),
    { name: CHECK_AVAILABILITY, description: text.checkAvailabilityDescription, schema: checkAvailabilitySchema },
  );
}

export function bookAppointmentTool(cal: CalendarService) {
  return tool(async (args, config) => json(await cal.book(leadActor(config, BOOK_APPOINTMENT), args)), {
    name: BOOK_APPOINTMENT, description: text.bookAppointmentDescription, schema: bookAppointmentSchema,
  });
}

export function myBookingsTool(cal: CalendarService) {
  return tool(async (_args, config) => json(await cal.myBookings(leadActor(config, MY_BOOKINGS))), {
    name: MY_BOOKINGS, description: text.myBookingsDescription, schema: myBookingsSchema,
  });
}

export function rescheduleBookingTool(cal: CalendarService, role: "lead" | "owner") {
  return tool(
    async (args, config) => json(await cal.reschedule(role === "owner" ? ownerActor(config, RESCHEDULE_BOOKING) : leadActor(config, RESCHEDULE_BOOKING), args)),
    {
      name: RESCHEDULE_BOOKING, schema: rescheduleBookingSchema,
      description: role === "owner" ? text.rescheduleOwnerDescription : text.rescheduleLeadDescription,
    },
  );
}

export function cancelBookingTool(cal: CalendarService, role: "lead" | "owner") {
  return tool(
    async (args, config) => json(await cal.cancel(role === "owner" ? ownerActor(config, CANCEL_BOOKING) : leadActor(config, CANCEL_BOOKING), args)),
    { name: CANCEL_BOOKING, schema: cancelBookingSchema, description: role === "owner" ? text.cancelOwnerDescription : text.cancelLeadDescription },
  );
}

export function listBookingsTool(cal: CalendarService) {
  return tool(async (args, config) => json(await cal.listBookings(ownerActor(config, LIST_BOOKINGS), args)), {
    name: LIST_BOOKINGS, description: text.listBookingsDescription, schema: listBookingsSchema,
  });
}
