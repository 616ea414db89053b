// How the booking dialogue words its replies. Every time and price it states is copied from
// a tool result (a slot's label/start, a booking's label, the result's own message), never
// computed from the customer's words.
import type { BookingView, SlotView } from "../../../tools/calendar/contract.js";

/** "17:30" from a slot's start (an ISO instant written with the tenant's offset: its wall clock). */
export const timeOf = (iso: string): string => iso.slice(11, 16);
/** "2026-11-25": the tenant's calendar day of a start. */
export const dateOf = (iso: string): string => iso.slice(0, 10);

/** "Wed 25 Nov, 17:30" → "Wed 25 Nov at 17:30". */
export function at(label: string): string {
  return label.replace(/,\s*(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)$/i, " at $1");
}

/** The day part of a label when it ends with the slot's time ("Wed 25 Nov, 17:00" → "Wed 25 Nov"). */
function dayPart(s: SlotView): string | null {
  const t = timeOf(s.start);
  if (!s.label.endsWith(t)) return null;
  const day = s.label.slice(0, -t.length).replace(/[,\s]+$/, "");
  return day || null;
}

export function withArticle(name: string): string {
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Integer minor units → "£30" / "£30.50" (string arithmetic, no floats). */
export function money(minor: number, currency: string, locale = "en-GB"): string {
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const neg = minor < 0;
    const abs = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
    const whole = digits ? abs.slice(0, -digits) : abs;
    const frac = digits ? abs.slice(-digits) : "";
    const dec = `${neg ? "-" : ""}${whole}${frac && /[^0]/.test(frac) ? `.${frac}` : ""}`;
    const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: dec.includes(".") ? digits : 0 });
    return fmt.format(dec as unknown as number); // Intl formats decimal strings exactly
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

export function slotDetails(s: SlotView, locale?: string): string {
  const mins = Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60000);
  const parts = [Number.isFinite(mins) && mins > 0 ? `${mins} min` : "", s.priceMinor !== undefined && s.currency ? money(s.priceMinor, s.currency, locale) : ""].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** The slots, as "17:00, 17:30 or 18:15 on Wed 25 Nov" when they share a day, else numbered labels. */
function slotList(slots: SlotView[]): { text: string; numbered: boolean } {
  const days = new Set(slots.map((s) => dateOf(s.start)));
  const day = dayPart(slots[0]!);
  if (days.size === 1 && day && slots.every((s) => dayPart(s) === day)) {
    return { text: `${list(slots.map((s) => timeOf(s.start)))} on ${day}`, numbered: false };
  }
  return { text: slots.map((s, i) => `${i + 1}) ${at(s.label)}`).join(", "), numbered: true };
}

export function offerText(slots: SlotView[], opts: { mode: "book" | "reschedule"; intro?: string; locale?: string }): string {
  const s0 = slots[0]!;
  const { text, numbered } = slotList(slots);
  const intro = opts.intro ? `${opts.intro} ` : "";
  const ask = slots.length === 1 ? "Would that suit you?" : "Which suits you?";
  if (opts.mode === "reschedule") {
    return numbered
      ? `${intro}I can move your ${s0.service} to one of these: ${text}. ${ask}`
      : `${intro}I can move your ${s0.service} to ${text}. ${ask}`;
  }
  return numbered
    ? `${intro}I have these times for ${withArticle(s0.service)}${slotDetails(s0, opts.locale)}: ${text}. ${ask}`
    : `${intro}I have ${text} for ${withArticle(s0.service)}${slotDetails(s0, opts.locale)}. ${ask}`;
}

export function whichSlotText(slots: SlotView[]): string {
  return `Which one would you like — ${list(slots.map((s) => timeOf(s.start)))}?`;
}

export function confirmBookText(service: string, slot: SlotView): string {
  return `Shall I book ${withArticle(service)} on ${at(slot.label)}?`;
}

/** The exact time asked for is free: "17:00 on Wed 25 Nov is free for a Haircut (45 min, £30). Shall I book it?" */
export function confirmFreeText(slot: SlotView, locale?: string): string {
  const day = dayPart(slot);
  const when = day ? `${timeOf(slot.start)} on ${day}` : at(slot.label);
  return `${when} is free for ${withArticle(slot.service)}${slotDetails(slot, locale)}. Shall I book it?`;
}

export function confirmMoveText(service: string, fromLabel: string | undefined, slot: SlotView): string {
  return fromLabel
    ? `Shall I move your ${service} from ${at(fromLabel)} to ${at(slot.label)}?`
    : `Shall I move your ${service} to ${at(slot.label)}?`;
}

export function confirmCancelText(b: BookingView): string {
  return `Shall I cancel your ${b.service} on ${at(b.label)}?`;
}

export function askServiceText(options: string[] | undefined): string {
  const names = (options ?? []).slice(0, 5);
  if (!names.length) return "Which service would you like to book?";
  const more = (options?.length ?? 0) > names.length ? ", or something else" : "";
  return `Which service would you like? We do ${list(names)}${more}.`;
}

export function askTimeText(service: string | undefined, mode: "book" | "reschedule" | "cancel" | "list"): string {
  if (mode === "reschedule") return service ? `When would you like to move your ${service} to?` : "When would you like to move it to?";
  return service ? `What day and time would suit you for ${withArticle(service)}?` : "What day and time would suit you?";
}

export const ANOTHER_TIME = "No problem — what other day or time would suit you?";
export const KEEP_BOOKING = "No problem — I've left your booking as it is.";
export const NO_BOOKINGS = "I can't see any upcoming bookings for you.";
export const CALENDAR_DOWN = "Sorry, I couldn't check the diary just now. Would you like me to connect you with a person?";

export function pickBookingText(bookings: BookingView[], mode: "cancel" | "reschedule"): string {
  const verb = mode === "cancel" ? "cancel" : "move";
  return `Which booking would you like to ${verb}? ${bookings.map((b, i) => `${i + 1}) ${b.service} on ${at(b.label)}`).join(", ")}.`;
}

export function noSlotsText(service: string | undefined, message: string | undefined, alternatives: SlotView[]): string {
  const lead = message?.trim() || (service ? `Sorry, there's nothing free for ${withArticle(service)} then.` : "Sorry, there's nothing free then.");
  if (!alternatives.length) return `${lead} Would another day or time suit you?`;
  const { text } = slotList(alternatives);
  return alternatives.length === 1
    ? `${lead} The nearest free time is ${text}. Would that suit you?`
    : `${lead} The nearest free times are ${text}. Would one of those suit you?`;
}

export function paymentNote(): string {
  return "I'll send you a payment link to secure it.";
}
