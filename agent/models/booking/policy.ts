// The booking dialogue of the local tier: on a customer's message, either a calendar tool
// call, a question (which service? when? which slot? shall I book?) or nothing (not about
// booking: the rest of the local tier answers); on calendar tool results, the reply (or the
// next call: a matched service, the slots for a booking being moved, a payment link).
// State comes only from the messages (state.ts). Nothing is booked, moved or cancelled
// without a plain "yes" to a question that named the exact slot or booking.
import { randomUUID } from "node:crypto";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import {
  BOOK_APPOINTMENT, CANCEL_BOOKING, CHECK_AVAILABILITY, MY_BOOKINGS, RESCHEDULE_BOOKING,
  type BookingView, type CalendarResult, type SlotView,
} from "../../../tools/calendar/contract.js";
import { pendingHumanText } from "../../history.js";
import type { Understanding } from "../../nlu/types.js";
import {
  ANOTHER_TIME, CALENDAR_DOWN, KEEP_BOOKING, NO_BOOKINGS, askServiceText, askTimeText, confirmBookText, confirmCancelText,
  confirmFreeText, confirmMoveText, dateOf, noSlotsText, timeOf, offerText, paymentNote, pickBookingText, whichSlotText,
} from "./reply.js";
import { bookingState, pendingResults, servicesSeen } from "./state.js";
import type { BookingContext, BookingMeta, BookingMode, CallMeta } from "./types.js";
import {
  abandons, anyTime, answerOf, bookingIntent, choiceOf, foreignWhen, isForeignBooking, otherAsk, pickBooking, pickSlot, understand, whenFor,
} from "./understand.js";

/** The payment engineer's tool; called after a booking that needs payment, when bound. */
export const PAYMENT_LINK = "payment_link";
/** Calendar calls the dialogue may chain inside one turn (the graph allows 3 tool rounds). */
const MAX_CHAIN = 2;

export interface BookingTurnInput {
  messages: BaseMessage[];
  /** Names of the tools bound to the model. */
  tools: ReadonlySet<string>;
  ctx?: BookingContext;
}

/** A lead's calendar tools are bound (check_availability and book_appointment; owners have no book_appointment). */
export function bookingEnabled(tools: ReadonlySet<string>): boolean {
  return tools.has(CHECK_AVAILABILITY) && tools.has(BOOK_APPOINTMENT);
}

// ── messages ────────────────────────────────────────────────────────────────────────

function reply(content: string, booking: BookingMeta, unsure?: string): AIMessage {
  return new AIMessage({
    content,
    response_metadata: { booking, ...(unsure ? { unsure: true, unsureReason: unsure } : {}) },
  });
}

function call(name: string, args: Record<string, unknown>, meta: CallMeta): AIMessage {
  const id = `local_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  return new AIMessage({ content: "", tool_calls: [{ id, name, args, type: "tool_call" }], response_metadata: { bookingCall: meta } });
}

type Booked = { ok: true; booking: BookingView; message: string; paymentRequired?: boolean };
type Listed = { ok: true; bookings: BookingView[]; message: string };

const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function check(service: string | undefined, when: string | undefined, meta: Omit<CallMeta, "service" | "when">): AIMessage {
  return call(CHECK_AVAILABILITY, clean({ service, when }), clean({ ...meta, service, when }));
}

// ── on a customer's message ─────────────────────────────────────────────────────────

/** The dialogue's answer to the pending customer message, or null when it is not about booking. */
export function bookingTurn(input: BookingTurnInput): AIMessage | null {
  const { messages, tools, ctx } = input;
  if (!bookingEnabled(tools)) return null;
  const text = pendingHumanText(messages);
  if (!text) return null;
  const state = bookingState(messages);
  const known = [...new Set([...servicesSeen(messages), ...(state.options ?? []), ...(state.slots ?? []).map((s) => s.service)])];
  const u = understand(text, ctx, known);
  const mid = state.stage !== "none" ? midDialogue(text, u, state, input) : null;
  if (mid) return mid;
  return fresh(text, u, input);
}

function midDialogue(text: string, u: Understanding, s: BookingMeta, input: BookingTurnInput): AIMessage | null {
  const answer = answerOf(text, u);
  const tools = input.tools;
  const carry = clean({ mode: s.mode, bookingId: s.bookingId, bookingLabel: s.bookingLabel, text });
  const day = s.slots?.[0] ? dateOf(s.slots[0].start) : undefined;
  const newService = u.services.find((x) => x.service !== s.service)?.service;

  if (s.mode !== "cancel" && s.mode !== "list" && abandons(text) && u.datetimes.length === 0) {
    return reply("No problem — I won't book anything. Is there anything else I can help with?", { stage: "none", mode: s.mode });
  }
  // a state carried over an unrelated reply is only resumed by an explicit slot, service or time
  if (s.carried && (answer !== null && choiceOf(text, u) === null && !u.datetimes.length)) return null;

  switch (s.stage) {
    case "confirm": {
      if (answer === "yes" && u.datetimes.length === 0) {
        if (s.mode === "cancel" && s.bookingId && tools.has(CANCEL_BOOKING)) return call(CANCEL_BOOKING, { booking_id: s.bookingId }, carry);
        if (s.mode === "reschedule" && s.start && tools.has(RESCHEDULE_BOOKING)) {
          return call(RESCHEDULE_BOOKING, clean({ booking_id: s.bookingId, new_start: s.start }), carry);
        }
        if (s.mode === "book" && s.start && s.service && tools.has(BOOK_APPOINTMENT)) {
          return call(BOOK_APPOINTMENT, { service: s.service, start: s.start }, carry);
        }
        return null;
      }
      if (answer === "no" && u.datetimes.length === 0) {
        if (s.mode === "cancel") return reply(KEEP_BOOKING, { stage: "none", mode: "cancel" });
        return reply(ANOTHER_TIME, clean({ stage: "need_time" as const, mode: s.mode, service: s.service, bookingId: s.bookingId, bookingLabel: s.bookingLabel }));
      }
      if (s.mode !== "cancel" && s.slots?.length) {
        const p = pickSlot(text, u, s.slots, null);
        if ("item" in p) return confirmSlot(s, p.item); // another offered slot, or the same one named again: ask again
      }
      if (s.mode !== "cancel" && u.datetimes.length) return check(newService ?? s.service, whenFor(u, text, day), { ...carry, ...timeMeta(u) });
      if (answer === "unclear" || answer === "yes") {
        // a qualified or hedged yes: ask again, and let a stronger tier take it if there is one
        const again = s.mode === "cancel" ? `Just to check — shall I cancel your ${s.service ?? "booking"}${s.label ? ` on ${s.label}` : ""}? Please reply yes or no.`
          : "Just to check — shall I go ahead with that time? Please reply yes or no, or tell me what you'd like to change.";
        return reply(again, s, "qualified or unclear answer to a confirmation");
      }
      return null;
    }
    case "offer": {
      const slots = s.slots ?? [];
      const p = pickSlot(text, u, slots, answer);
      if ("item" in p && !newService) return confirmSlot(s, p.item);
      if ("several" in p && !u.datetimes.length) return reply(whichSlotText(p.several), s);
      if (answer === "no" && !u.datetimes.length) {
        return reply(ANOTHER_TIME, clean({ stage: "need_time" as const, mode: s.mode, service: s.service, bookingId: s.bookingId, bookingLabel: s.bookingLabel }));
      }
      if (u.datetimes.length || newService) {
        return check(newService ?? s.service, u.datetimes.length ? whenFor(u, text, day) : s.when, { ...carry, ...timeMeta(u) });
      }
      if (anyTime(text) && slots[0]) return confirmSlot(s, slots[0]);
      return null;
    }
    case "need_service": {
      const named = u.services[0]?.service;
      if (named) return check(named, s.when, carry);
      const words = text.trim().split(/\s+/).length;
      if (words <= 4 && !/\?/.test(text) && !u.yesno && !bookingIntent(text, u)) return check(text.trim(), s.when, carry);
      return null;
    }
    case "need_time": {
      if (u.datetimes.length > 1 && u.datetimes.some((d) => d.localDate !== u.datetimes[0]!.localDate)) {
        return reply("Which one day would suit you best?", s, "several dates in one answer");
      }
      if (u.datetimes.length) return check(s.service, whenFor(u, text), { ...carry, ...timeMeta(u) });
      if (anyTime(text)) return check(s.service, undefined, carry);
      if (answer === "no") return reply("No problem. Is there anything else I can help with?", { stage: "none", mode: s.mode });
      return null;
    }
    case "pick_booking": {
      const list = s.bookings ?? [];
      const b = pickBooking(text, u, list);
      if (!b) return null;
      if (s.mode === "cancel") return reply(confirmCancelText(b), { stage: "confirm", mode: "cancel", service: b.service, bookingId: b.id, bookingLabel: b.label, label: b.label });
      if (s.when) return check(b.service, s.when, { mode: "reschedule", bookingId: b.id, bookingLabel: b.label, text });
      return reply(askTimeText(b.service, "reschedule"), { stage: "need_time", mode: "reschedule", service: b.service, bookingId: b.id, bookingLabel: b.label });
    }
    default:
      return null;
  }
}

function confirmSlot(s: BookingMeta, slot: SlotView): AIMessage {
  const service = slot.service || s.service || "";
  const text = s.mode === "reschedule" ? confirmMoveText(service, s.bookingLabel, slot) : confirmBookText(service, slot);
  return reply(text, clean({
    stage: "confirm" as const, mode: s.mode === "reschedule" ? "reschedule" as const : "book" as const, service, slots: s.slots,
    start: slot.start, label: slot.label, bookingId: s.bookingId, bookingLabel: s.bookingLabel,
  }));
}

function fresh(text: string, u: Understanding, input: BookingTurnInput): AIMessage | null {
  const { tools, ctx } = input;
  const intent = bookingIntent(text, u);
  if (!intent) {
    if (isForeignBooking(text)) {
      return reply("Sorry, I can only arrange bookings in English here. Which service would you like, and what day and time?", { stage: "none", mode: "book" }, "booking request not in English");
    }
    return null;
  }
  const mixed = otherAsk(text) ? "the message also asks something else" : undefined;
  const when = whenFor(u, text);
  if (intent === "my_bookings" || intent === "cancel" || intent === "reschedule") {
    if (!tools.has(MY_BOOKINGS)) return null;
    const mode: BookingMode = intent === "my_bookings" ? "list" : intent;
    return call(MY_BOOKINGS, {}, clean({ mode, when: intent === "reschedule" ? when : undefined, text, unsure: mixed }));
  }
  // book
  const dates = new Set(u.datetimes.map((d) => d.localDate ?? d.span.text));
  if (dates.size > 1) {
    return reply("Happy to help — which one day would suit you best?", clean({ stage: "need_time" as const, mode: "book" as const, service: u.services[0]?.service }), "several dates in one message");
  }
  const service = u.services[0]?.service;
  const listed = ctx?.services ?? [];
  if (!service && listed.length > 1) {
    const options = listed.map((x) => x.name);
    return reply(askServiceText(options), clean({ stage: "need_service" as const, mode: "book" as const, when, options }), mixed);
  }
  return check(service ?? (listed.length === 1 ? listed[0]!.name : undefined), when, clean({
    mode: "book" as const, text, unsure: mixed ?? foreignWhen(text, u), ...timeMeta(u),
  }));
}

// ── on calendar tool results ────────────────────────────────────────────────────────

/** The reply (or next call) after calendar results; null when the results are not the calendar's. */
export function bookingAfterTools(input: BookingTurnInput): AIMessage | null {
  const { messages, tools, ctx } = input;
  const { results, meta: callMeta } = pendingResults(messages);
  const cal = results.filter((r) => r.result !== null || isCalendarName(r.tool.name));
  const payment = results.find((r) => r.tool.name === PAYMENT_LINK);
  if (!cal.length && !payment) return null;
  const meta: CallMeta = callMeta ?? { mode: "book" };
  const unsure = meta.unsure;
  if (payment) return afterPayment(messages, payment.tool.text, payment.tool.status === "error", unsure);
  const first = cal[0]!;
  if (!first.result) return reply(CALENDAR_DOWN, { stage: "none", mode: meta.mode }, "the calendar tool failed");
  const r = first.result;
  const chained = meta.chained ?? 0;
  const mode = meta.mode === "reschedule" ? "reschedule" : "book";
  const keep = clean({ bookingId: meta.bookingId, bookingLabel: meta.bookingLabel });

  if (r.ok) {
    switch (r.tool) {
      case CHECK_AVAILABILITY: {
        const res = r as Extract<CalendarResult, { tool: typeof CHECK_AVAILABILITY }>;
        if (!res.slots.length) {
          return reply(noSlotsText(res.service, res.note, []), clean({ stage: "need_time" as const, mode: meta.mode, service: res.service, ...keep }), ambiguousUnsure(meta, unsure));
        }
        const asked = meta.exactTime ? res.slots.find((x) => timeOf(x.start) === meta.exactTime) : undefined;
        if (asked && asked === res.slots[0]) {
          // the exact time asked for is free: straight to the confirmation (the other slots stay for "no, later")
          return reply(confirmSlotText(asked, mode, meta.bookingLabel, ctx?.locale), clean({
            stage: "confirm" as const, mode, service: res.service, slots: res.slots, start: asked.start, label: asked.label, when: meta.when, ...keep,
          }), unsure);
        }
        return reply(offerText(res.slots, { mode, ...(ctx?.locale ? { locale: ctx.locale } : {}) }), clean({ stage: "offer" as const, mode: meta.mode, service: res.service, slots: res.slots, when: meta.when, ...keep }), unsure);
      }
      case BOOK_APPOINTMENT: {
        const res = r as unknown as Booked;
        if (res.paymentRequired && tools.has(PAYMENT_LINK)) {
          return call(PAYMENT_LINK, { booking_id: res.booking.id }, { ...meta, chained: chained + 1 });
        }
        const text = res.paymentRequired ? `${res.message} ${paymentNote()}` : res.message;
        return reply(text, { stage: "none", mode: "book", service: res.booking.service, bookingId: res.booking.id, label: res.booking.label }, unsure);
      }
      case RESCHEDULE_BOOKING:
      case CANCEL_BOOKING: {
        const res = r as unknown as Booked;
        return reply(res.message, { stage: "none", mode: meta.mode, service: res.booking.service, bookingId: res.booking.id, label: res.booking.label }, unsure);
      }
      case MY_BOOKINGS: {
        const res = r as unknown as Listed;
        return afterMyBookings(res.bookings, res.message, meta, tools);
      }
      default:
        return reply(r.message, { stage: "none", mode: meta.mode }, unsure);
    }
  }

  // failures
  const options = r.options ?? [];
  switch (r.reason) {
    case "need_service":
    case "unknown_service":
    case "ambiguous": {
      if (r.tool !== CHECK_AVAILABILITY && r.tool !== BOOK_APPOINTMENT) break;
      if (r.reason === "need_service" && meta.text && chained < MAX_CHAIN) {
        const u = understand(meta.text, ctx, options);
        const named = u.services.find((x) => options.includes(x.service))?.service;
        if (named && tools.has(CHECK_AVAILABILITY)) return check(named, meta.when, { ...meta, chained: chained + 1 });
      }
      const lead = r.reason === "need_service" ? "" : `${r.message.trim()} `;
      return reply(`${lead}${askServiceText(options)}`.trim(), clean({ stage: "need_service" as const, mode: meta.mode, when: meta.when, options, ...keep }), unsure);
    }
    case "need_time":
      return reply(askTimeText(meta.service, meta.mode), clean({ stage: "need_time" as const, mode: meta.mode, service: meta.service, ...keep }), unsure);
    case "slot_taken":
    case "no_slots":
    case "closed": {
      const alternatives = r.alternatives ?? [];
      const service = alternatives[0]?.service ?? meta.service;
      const text = noSlotsText(service, r.message, alternatives);
      const why = r.reason !== "slot_taken" ? ambiguousUnsure(meta, unsure) : unsure;
      if (!alternatives.length) return reply(text, clean({ stage: "need_time" as const, mode: meta.mode, service, ...keep }), why);
      return reply(text, clean({ stage: "offer" as const, mode: meta.mode === "reschedule" ? "reschedule" as const : "book" as const, service, slots: alternatives, ...keep }), why);
    }
    case "in_past":
      return reply(`${r.message.trim()} ${askTimeText(meta.service, meta.mode)}`, clean({ stage: "need_time" as const, mode: meta.mode, service: meta.service, ...keep }), unsure);
    case "invalid":
      return reply(`${r.message.trim()} ${askTimeText(meta.service, meta.mode)}`, clean({ stage: "need_time" as const, mode: meta.mode, service: meta.service, ...keep }), "the calendar could not read the request");
    case "not_found":
      if (r.tool === MY_BOOKINGS || r.tool === CANCEL_BOOKING || r.tool === RESCHEDULE_BOOKING) return reply(r.message, { stage: "none", mode: meta.mode }, unsure);
      break;
    default:
      break;
  }
  // not_configured, not_allowed and anything else: the tool's own sentence
  return reply(r.message, { stage: "none", mode: meta.mode }, unsure);
}

/** What the check should remember about the time said: no am/pm, or an exact clock time. */
function timeMeta(u: Understanding): Pick<CallMeta, "ambiguousTime" | "exactTime"> {
  const d = u.datetimes[0];
  if (!d) return {};
  return clean({ ambiguousTime: d.ambiguous, exactTime: d.localTime });
}

function confirmSlotText(slot: SlotView, mode: "book" | "reschedule", fromLabel: string | undefined, locale?: string): string {
  return mode === "reschedule" ? confirmMoveText(slot.service, fromLabel, slot) : confirmFreeText(slot, locale);
}

function isCalendarName(name: string | undefined): boolean {
  return !!name && [CHECK_AVAILABILITY, BOOK_APPOINTMENT, MY_BOOKINGS, RESCHEDULE_BOOKING, CANCEL_BOOKING].includes(name);
}

function ambiguousUnsure(meta: CallMeta, unsure: string | undefined): string | undefined {
  return unsure ?? (meta.ambiguousTime ? "nothing free at the time read without am/pm" : undefined);
}

function afterMyBookings(all: BookingView[], message: string, meta: CallMeta, tools: ReadonlySet<string>): AIMessage {
  const upcoming = all.filter((b) => b.status === "confirmed" || b.status === "held");
  if (meta.mode === "list" || (meta.mode !== "cancel" && meta.mode !== "reschedule")) {
    return reply(message, { stage: "none", mode: "list" }, meta.unsure);
  }
  if (!upcoming.length) return reply(NO_BOOKINGS, { stage: "none", mode: meta.mode }, meta.unsure);
  if (upcoming.length > 1) {
    return reply(pickBookingText(upcoming, meta.mode), clean({ stage: "pick_booking" as const, mode: meta.mode, bookings: upcoming, when: meta.when }), meta.unsure);
  }
  const b = upcoming[0]!;
  if (meta.mode === "cancel") {
    return reply(confirmCancelText(b), { stage: "confirm", mode: "cancel", service: b.service, bookingId: b.id, bookingLabel: b.label, label: b.label }, meta.unsure);
  }
  if (meta.when && tools.has(CHECK_AVAILABILITY) && (meta.chained ?? 0) < MAX_CHAIN) {
    return check(b.service, meta.when, { ...meta, bookingId: b.id, bookingLabel: b.label, chained: (meta.chained ?? 0) + 1 });
  }
  return reply(askTimeText(b.service, "reschedule"), { stage: "need_time", mode: "reschedule", service: b.service, bookingId: b.id, bookingLabel: b.label }, meta.unsure);
}

/** After the payment link: the booking's own message, then the payment tool's sentence (or a note that it follows). */
function afterPayment(messages: BaseMessage[], paymentText: string, failed: boolean, unsure?: string): AIMessage {
  // the booking result sits in the previous tool round of this turn
  let booked: Booked | undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.getType() === "human") break;
    if (m.getType() === "tool") {
      const { results } = pendingResults(messages.slice(0, i + 1));
      const hit = results.map((x) => x.result).find((x) => x?.ok && x.tool === BOOK_APPOINTMENT);
      if (hit) { booked = hit as unknown as Booked; break; }
    }
  }
  const payment = failed ? "" : paymentSentence(paymentText);
  const text = [booked?.message, payment || paymentNote()].filter(Boolean).join(" ");
  return reply(text, clean({ stage: "none" as const, mode: "book" as const, service: booked?.booking.service, bookingId: booked?.booking.id, label: booked?.booking.label }), unsure ?? (failed ? "the payment link could not be made" : undefined));
}

/** The payment tool's reply: a sentence as is, or the `message` (and `url`) of a JSON result. */
function paymentSentence(text: string): string {
  const t = text.trim();
  try {
    const v = JSON.parse(t) as { message?: unknown; url?: unknown };
    const parts = [typeof v.message === "string" ? v.message : "", typeof v.url === "string" && !(typeof v.message === "string" && v.message.includes(v.url)) ? v.url : ""];
    return parts.filter(Boolean).join(" ");
  } catch {
    return t.length <= 500 ? t : "";
  }
}
