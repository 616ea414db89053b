// What a customer's message means for the booking dialogue: which booking request it is
// (book, cancel, reschedule, "when is my appointment"), the time words to pass on, which
// offered slot or listed booking it picks, and whether it is a clear yes / no.
import type { BookingView, SlotView } from "../../../tools/calendar/contract.js";
import { understandEntities } from "../../nlu/index.js";
import type { DateTimeEntity, ServiceDef, Understanding } from "../../nlu/types.js";
import { dateOf, timeOf } from "./reply.js";
import type { BookingContext } from "./types.js";

export type BookingIntent = "book" | "cancel" | "reschedule" | "my_bookings" | null;

export function understand(text: string, ctx: BookingContext | undefined, serviceNames: string[]): Understanding {
  const services: ServiceDef[] = [...(ctx?.services ?? [])];
  for (const n of serviceNames) if (!services.some((s) => s.name === n)) services.push({ name: n });
  return understandEntities(text, {
    timezone: ctx?.timezone ?? "UTC", now: ctx?.now ?? new Date(), locale: ctx?.locale ?? "en-GB", currency: ctx?.currency ?? "GBP", services,
  });
}

const lower = (t: string) => t.toLowerCase().replace(/[’]/g, "'");

const BOOKING_NOUN = String.raw`(?:booking|appointment|appt|reservation|slot|session)`;
/** Asking about booking rather than booking ("do I need to book?", "how far ahead should I book?"). */
const ABOUT_BOOKING = /\b(?:do|should|must|can) (?:i|we|you) (?:need to |have to )?book\b.*\b(?:in advance|ahead|first)\b|\bneed to book\b|\bin advance\b|\bbooking (?:fee|policy|policies|terms)\b|\bhow (?:far|long) (?:ahead|in advance)\b/;
const BOOK_VERB = /\b(?:book|reserve|schedule|fit (?:me|us) in|squeeze (?:me|us) in|get (?:me |us )?(?:booked|in)|sign (?:me|us) up|make an? (?:appointment|booking|reservation))\b/;
const AVAILABILITY = new RegExp(String.raw`\b(?:any(?:thing)?|something|slots?|space|spots?|availability|available|free|openings?|gaps?|an? ${BOOKING_NOUN})\b`);
const ASKING = /\b(?:do you have|have you got|got any|(?:you|u) (?:had|have) (?:any|anything|something)|is there|are there|any chance|can (?:i|we) (?:get|have|come|do)|could (?:i|we) (?:get|have|come|do)|can (?:you|u) (?:see|fit|squeeze|take) (?:me|us)|i'?d like|i would like|i want|i need|we'?d like|looking for)\b/;
/** "earliest appt", "soonest i can get…", "next available": the first free slots. */
const SOONEST = new RegExp(String.raw`\b(?:earliest|soonest|next available|next free|first available)\b`);
const CANCEL = /\bcancel\b/;
/** Asking about cancelling, not cancelling: "cancellation policy", "if I cancel", "can I cancel for free?". */
const ABOUT_CANCEL = /\bcancel(?:lation)? (?:policy|policies|fee|charge|terms)\b|\bif (?:i|we) (?:cancel|need to cancel)\b|\bcancel for free\b|\bhow (?:do|can) (?:i|we) cancel\b/;
const RESCHEDULE = new RegExp(String.raw`\b(?:reschedule|re-schedule|rebook)\b|\b(?:move|change|push|shift|bring forward|postpone)\b.{0,30}\b(?:my |the |our )?(?:${BOOKING_NOUN}|it)\b|\b(?:move|change|push|shift|postpone)\s+(?:my|our)\b`);
const MY_BOOKINGS = new RegExp(String.raw`\b(?:when|what time|what day)\b.{0,25}\b(?:my|our) ${BOOKING_NOUN}s?\b|\bmy ${BOOKING_NOUN}s\b|\bdo i have (?:an? |any )?${BOOKING_NOUN}s?\b|\bam i (?:booked|still booked)\b|\bcheck my ${BOOKING_NOUN}\b`);
/** Booking words of the other languages customers write: the local tier answers in English only, so it says it is unsure. */
const FOREIGN_BOOKING = /(?<![\p{L}])(?:cita|citas|reservar|reserva|turno|agendar|marcar|horário|horario|hora marcada|rendez-vous|réserver|réservation|termin|buchen|vereinbaren|prenotare|appuntamento)(?![\p{L}])/u;

export function isForeignBooking(text: string): boolean {
  return FOREIGN_BOOKING.test(lower(text));
}

/** Day and time words of other languages the date reader does not know ("kal 5 baje"). */
const FOREIGN_WHEN = /(?<![\p{L}])(?:kal|aaj|parso|baje|subah|shaam|sham|raat|dopahar|mañana|manana|tarde|noche|demain|soir|matin|morgen|abend|amanhã|amanha|hoje|noite|bukra|بكره|कल|आज)(?![\p{L}])/u;
/** Why a booking request should be flagged unsure: time words the dialogue could not read. */
export function foreignWhen(text: string, u: Understanding): string | undefined {
  return !u.datetimes.length && FOREIGN_WHEN.test(lower(text)) ? "time words the local tier could not read" : undefined;
}

export function bookingIntent(text: string, u: Understanding): BookingIntent {
  const t = lower(text);
  if (MY_BOOKINGS.test(t)) return "my_bookings";
  if (RESCHEDULE.test(t) && !ABOUT_BOOKING.test(t)) return "reschedule";
  if (CANCEL.test(t)) {
    if (ABOUT_CANCEL.test(t)) return null;
    return new RegExp(String.raw`\b(?:my|the|our|it|this|that|${BOOKING_NOUN})\b`).test(t) || u.datetimes.length ? "cancel" : null;
  }
  if (ABOUT_BOOKING.test(t)) return null;
  if (BOOK_VERB.test(t)) return "book";
  const when = u.datetimes.length > 0;
  if (AVAILABILITY.test(t) && (when || /\b(?:slots?|availability|appointments?)\b/.test(t)) && (ASKING.test(t) || /\?\s*$/.test(t) || /\bavailab/.test(t))) return "book";
  if (ASKING.test(t) && when && (u.services.length > 0 || /\b(?:come in|get in|appointment|booking|see (?:me|us)|fit (?:me|us))\b/.test(t))) return "book";
  if (SOONEST.test(t) && (u.services.length > 0 || new RegExp(String.raw`\b${BOOKING_NOUN}s?\b`).test(t))) return "book";
  if (/\btable for\b/.test(t) && when) return "book";
  // a service and a day, nothing else asked ("sometime next week for highlights")
  if (u.services.length > 0 && when && !OTHER_ASK.test(t) && !QUESTION_START.test(t) && !PAST.test(t)) return "book";
  // "I'd like a haircut": a wish for one of the business's services, no question about it
  if (WANT.test(t) && u.services.length > 0 && !OTHER_ASK.test(t) && !QUESTION_START.test(t)) return "book";
  return null;
}

/** Talk about a visit that happened (a complaint, a question about it), not a new booking. */
const PAST = /\b(?:had|did|done|was|were|paid|came|went|ago|last|yesterday|chipped|broke|broken|came off|fell off)\b/;
/** A question about the business rather than a request ("do I need a deposit for highlights"). */
const QUESTION_START = /^(?:\W*(?:hi|hello|hey)\W+)?(?:do|does|did|is|are|was|were|how|why|what|which|who)\b/;
const WANT = /\b(?:i'?d like|i would like|i want|i need|we'?d like|can (?:i|we) (?:get|have)|could (?:i|we) (?:get|have))\b/;

/** Dropping the booking being arranged ("never mind", "forget it"). */
const ABANDON = /\b(?:never ?mind|forget it|forget about it|don'?t worry|no thanks|no thank you|not now|leave it|cancel (?:that|it)|don'?t book)\b/;
export function abandons(text: string): boolean {
  return ABANDON.test(lower(text));
}

/** Other questions in the same message ("…and how much is parking?"): the booking part alone would not answer it. */
const OTHER_ASK = /\b(?:how much|how long|price|prices|cost|costs|where|parking|address|directions|do you (?:do|offer|sell|take|accept)|what (?:is|are|'s)|is there|can you tell|opening hours|refund)\b/;
export function otherAsk(text: string): boolean {
  const clauses = lower(text).split(/[?.!\n;]+|\s+(?:and|also|plus|but)\s+/);
  return clauses.some((c) => OTHER_ASK.test(c) && !BOOK_VERB.test(c) && !AVAILABILITY.test(c) && !/\b(?:tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)\b/.test(c));
}

const GOODBYE = /\b(?:bye|goodbye|see (?:you|ya)|cya|ttyl|good ?night)\b/;
/** A conditional or changed yes must not book ("yes but with Amy", "yes, actually make it 6"). */
const QUALIFIED = /\b(?:but|except|instead|actually|though|unless|only if|not|rather|change|different|another|other|wait|hold on|hang on)\b/;
const NO_MORE = /\b(?:none of (?:those|them|these)|another (?:day|time)|other (?:days|times)|different (?:day|time)|not (?:those|them|then)|can'?t (?:do|make) (?:those|any|that|it)|doesn'?t (?:work|suit))\b/;

export type Answer = "yes" | "no" | "unclear" | null;

/** A yes/no to a proposal: "yes" only when plain, short and unqualified. */
export function answerOf(text: string, u: Understanding): Answer {
  const t = lower(text);
  if (NO_MORE.test(t)) return "no";
  const yn = u.yesno;
  if (!yn) return null;
  if (yn.value === "unsure") return "unclear";
  if (yn.value === "no") return yn.confidence >= 0.7 ? "no" : "unclear";
  const words = t.split(/\s+/).filter(Boolean).length;
  if (GOODBYE.test(t) || QUALIFIED.test(t) || words > 8 || yn.confidence < 0.75) return "unclear";
  return "yes";
}

const ORDINAL: Array<[RegExp, number]> = [
  [/\b(?:first|1st|earliest|soonest|first available)\b/, 1], [/\b(?:second|2nd)\b/, 2], [/\b(?:third|3rd)\b/, 3],
  [/\b(?:fourth|4th)\b/, 4], [/\b(?:fifth|5th)\b/, 5], [/\b(?:last|latest|final)(?: one)?\b/, -1],
];

/** A 1-based choice ("the second one", "2", "option 3", "yes the first"), -1 for the last; null if none. */
export function choiceOf(text: string, u: Understanding): number | null {
  if (u.choice) return u.choice.index;
  const t = lower(text).trim();
  const bare = /^(?:#|no\.?\s*|number\s*|option\s*)?([1-9])\s*[.!)]?$/.exec(t);
  if (bare) return Number(bare[1]);
  for (const [re, n] of ORDINAL) if (re.test(t)) return n;
  return null;
}

function byIndex<T>(items: T[], n: number): T | undefined {
  return n === -1 ? items[items.length - 1] : items[n - 1];
}

const pad = (n: number) => String(n).padStart(2, "0");
/** Clock times a time entity may mean: its reading, and for a time said without am/pm the other half of the day. */
function clockReadings(d: DateTimeEntity): string[] {
  if (!d.localTime) return [];
  const [h, m] = d.localTime.split(":").map(Number) as [number, number];
  const out = [d.localTime];
  if (d.ambiguous) out.push(`${pad((h + 12) % 24)}:${pad(m)}`);
  return out;
}

export type Pick<T> = { item: T } | { none: true } | { several: T[] };

/** The offered slot the message picks: by choice, by clock time (and day, when said), or a plain yes to a single slot. */
export function pickSlot(text: string, u: Understanding, slots: SlotView[], answer: Answer): Pick<SlotView> {
  const n = choiceOf(text, u);
  if (n !== null) {
    const s = byIndex(slots, n);
    return s ? { item: s } : { none: true };
  }
  const d = u.datetimes[0];
  if (d && d.hasTime) {
    const times = clockReadings(d);
    const hits = slots.filter((s) => times.includes(timeOf(s.start)) && (!d.hasDate || !d.localDate || d.localDate === dateOf(s.start)));
    if (hits.length === 1) return { item: hits[0]! };
    if (hits.length > 1) return { several: hits };
    return { none: true };
  }
  if (d && d.hasDate && d.localDate) {
    const hits = slots.filter((s) => dateOf(s.start) === d.localDate);
    if (hits.length === 1) return { item: hits[0]! };
    if (hits.length > 1) return { several: hits };
    return { none: true };
  }
  if (answer === "yes") return slots.length === 1 ? { item: slots[0]! } : { several: slots };
  return { none: true };
}

/** The listed booking the message picks: by choice, by day, or by service. */
export function pickBooking(text: string, u: Understanding, bookings: BookingView[]): BookingView | null {
  const n = choiceOf(text, u);
  if (n !== null) return byIndex(bookings, n) ?? null;
  const d = u.datetimes[0];
  if (d?.localDate) {
    const hits = bookings.filter((b) => dateOf(b.start) === d.localDate);
    if (hits.length === 1) return hits[0]!;
  }
  const s = u.services[0]?.service;
  if (s) {
    const hits = bookings.filter((b) => b.service === s);
    if (hits.length === 1) return hits[0]!;
  }
  return null;
}

/**
 * The `when` to pass to check_availability: the customer's own words when they name a day
 * (the tool reads them in the tenant's zone); a time alone is put on the day already being
 * discussed ("2026-11-25 17:30", the contract's local form) when there is one.
 */
export function whenFor(u: Understanding, text: string, dayInFocus?: string): string | undefined {
  const d = u.datetimes[0];
  if (!d) return undefined;
  if (d.hasDate || !dayInFocus) return d.span.text;
  if (d.localTime) return `${dayInFocus} ${d.localTime}`;
  return `${dayInFocus} ${d.span.text}`;
}

/** "any time", "whenever", "asap": the earliest free slots. */
export function anyTime(text: string): boolean {
  return /\b(?:any ?time|whenever|asap|as soon as possible|earliest|soonest|next (?:available|free)|don'?t mind|doesn'?t matter)\b/.test(lower(text));
}
