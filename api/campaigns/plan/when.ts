// "Friday", "tomorrow at 6pm", "now" → the send time, read in the tenant's timezone with the
// local entity extractor (agent/nlu). A day without a time starts at DEFAULT_HOUR local time.
import { extractDateTimes, fromWall, toWall } from "../../../agent/nlu/index.js";

export const DEFAULT_HOUR = 10;

export type When = { ok: true; at: Date; label: string; now: boolean } | { ok: false; message: string };

const NOW = /^\s*(?:now|right now|asap|immediately|straight away|today now)\s*$/i;

export function label(at: Date, timezone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale || "en", {
    timeZone: timezone, weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit",
  }).format(at);
}

/** "Friday, November 27 at 10:00 AM" → "Friday, November 27" (the day, for copy and names). */
export function dayOnly(label: string): string {
  return label.replace(/,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}.*$/, "").trim();
}

export function parseWhen(text: string | undefined, t: { timezone: string; locale: string; currency: string }, now = new Date()): When {
  if (!text || NOW.test(text)) return { ok: true, at: now, label: "now", now: true };
  const [d] = extractDateTimes(text, { timezone: t.timezone, locale: t.locale || "en", currency: t.currency, now });
  if (!d) return { ok: false, message: `I couldn't tell when “${text}” is — say a day and time, e.g. “Friday 10am”.` };
  let at = d.start;
  if (!d.localTime) {
    // a day ("Friday") or a part of day: the day's DEFAULT_HOUR, or the window's start if later
    const w = toWall(d.start, t.timezone);
    const atDefault = fromWall({ year: w.year, month: w.month, day: w.day, hour: DEFAULT_HOUR, minute: 0 }, t.timezone);
    at = d.hasTime || atDefault < d.start ? d.start : atDefault;
  }
  if (at.getTime() < now.getTime() - 60_000) {
    return { ok: false, message: `${label(at, t.timezone, t.locale)} has already passed — when should it go out?` };
  }
  if (at.getTime() > now.getTime() + 90 * 86_400_000) return { ok: false, message: "That is more than 90 days away; pick a nearer date." };
  return { ok: true, at, label: label(at, t.timezone, t.locale), now: false };
}
