// The local tier's booking dialogue (see README.md). local.ts calls bookingTurn on a
// customer's message and bookingAfterTools on tool results when the calendar tools are bound.
export { bookingAfterTools, bookingEnabled, bookingTurn, PAYMENT_LINK, type BookingTurnInput } from "./policy.js";
export { bookingStage, bookingState } from "./state.js";
export type { BookingContext, BookingMeta, BookingMode, BookingStage, CallMeta } from "./types.js";
