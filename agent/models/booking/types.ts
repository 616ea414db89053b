// The booking dialogue's state as it is written into the conversation: the local tier puts a
// `BookingMeta` on each booking reply (`response_metadata.booking`) and a `CallMeta` on each
// calendar tool call it makes (`response_metadata.bookingCall`). Both survive the
// checkpointer (LangChain serialisation keeps response_metadata), and state.ts rebuilds what
// it can from the calendar tool results alone when they are missing.
import type { BookingView, SlotView } from "../../../tools/calendar/contract.js";
import type { ServiceDef } from "../../nlu/types.js";

/** Where the dialogue waits for the customer. "none": nothing pending. */
export type BookingStage = "none" | "need_service" | "need_time" | "offer" | "confirm" | "pick_booking";
export type BookingMode = "book" | "reschedule" | "cancel" | "list";

export interface BookingMeta {
  stage: BookingStage;
  mode: BookingMode;
  /** The service being booked (the business's name for it, from a tool result). */
  service?: string;
  /** The customer's time words not yet used in a check. */
  when?: string;
  /** Services offered as choices (need_service). */
  options?: string[];
  /** Slots offered (offer; kept at confirm so "no, the other one" still works). */
  slots?: SlotView[];
  /** The start being confirmed (a slot's exact `start`) and its label. */
  start?: string;
  label?: string;
  /** The booking acted on (reschedule, cancel). */
  bookingId?: string;
  bookingLabel?: string;
  /** Bookings to pick from (pick_booking). */
  bookings?: BookingView[];
  /** Read from before an unrelated reply (state.ts sets it; never stored). */
  carried?: boolean;
}

/** What a calendar tool call the local tier made was for, read back when its result arrives. */
export interface CallMeta {
  mode: BookingMode;
  service?: string;
  when?: string;
  bookingId?: string;
  bookingLabel?: string;
  /** The customer's message (a need_service answer is matched against it). */
  text?: string;
  /** The time said had no am/pm. */
  ambiguousTime?: boolean;
  /** An exact clock time was asked for ("17:00", wall clock): when it is free, confirm it straight away. */
  exactTime?: string;
  /** Why the final reply must say "unsure" (a mixed message, say). */
  unsure?: string;
  /** Calls already chained in this turn. */
  chained?: number;
}

/** What the local tier knows about the tenant for reading times and services (all optional). */
export interface BookingContext {
  timezone?: string;
  locale?: string;
  currency?: string;
  now?: Date;
  /** The tenant's services; without them the tools' `need_service` options are used. */
  services?: ServiceDef[];
}
