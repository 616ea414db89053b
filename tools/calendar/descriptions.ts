// What the models read about each calendar tool (schemas and names live in contract.ts).
export const checkAvailabilityDescription =
  "Find free appointment times for one of the business's services. Pass the service in the customer's words and `when` as they said it " +
  '("tomorrow after 5", "next Friday morning", "the 3rd"); with no `when` it returns the next free times. Offer the returned slots; never invent times.';
export const bookAppointmentDescription =
  "Book the customer into a slot. `start` must be a slot's `start` exactly as check_availability returned it (or a local \"YYYY-MM-DD HH:MM\"). " +
  "The booking is checked again before it is made; if the slot was just taken you get alternatives. The customer gets a confirmation with a calendar invite.";
export const myBookingsDescription = "The customer's own upcoming bookings (ids, services, times).";
export const rescheduleLeadDescription =
  "Move one of the customer's own bookings to a new start (a slot from check_availability). Without booking_id, their only upcoming booking is moved.";
export const cancelLeadDescription =
  "Cancel one of the customer's own bookings. Without booking_id, their only upcoming booking is cancelled; if they have several you get the options to ask about.";
export const listBookingsDescription = 'The business\'s bookings for a day or range ("tomorrow", "this week", "next Monday"); default: the next 7 days.';
export const rescheduleOwnerDescription = "Move any booking of the business to a new start (booking_id from list_bookings).";
export const cancelOwnerDescription =
  'Cancel a booking of the business: by booking_id, or by words in `which` ("Priya\'s 4 pm", "the 10:30 tomorrow"). Several matches → the options to ask about.';
