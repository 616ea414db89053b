// Reading times in the tenant's timezone with agent/nlu (chrono-node + DST-correct zone
// arithmetic) — the one parser of the product. `when` is a window to search; `start` is an
// exact instant (an ISO string from check_availability, a local "YYYY-MM-DD HH:MM", or words
// that name one exact time).
import { extractDateTimes, extractServices, fromWall } from "../../agent/nlu/index.js";
import type { CalendarTenant, ServiceRow } from "../../core/calendar/types.js";

export interface WhenWindow {
  from: Date;
  to: Date;
  hasDate: boolean;
  hasTime: boolean;
  /** An exact time was said ("at 5pm"): offer that start first. */
  exact?: Date;
  /** The local clock time said ("16:00"), for "Priya's 4 pm" without a day. */
  localTime?: string;
  span: string;
}

const ctxOf = (t: CalendarTenant, now: Date) => ({ timezone: t.timezone, locale: t.locale, currency: t.currency, now });

export function parseWhen(text: string, t: CalendarTenant, now: Date): WhenWindow | null {
  const found = extractDateTimes(text, ctxOf(t, now));
  if (!found.length) return null;
  // several readings ("next Friday morning" can come as a day and a part of day): the first with a date, joined
  const d = found.find((x) => x.hasDate) ?? found[0]!;
  const exact = d.start.getTime() === d.end.getTime();
  return {
    from: d.start, to: exact ? new Date(d.start.getTime() + 60_000) : d.end, hasDate: d.hasDate, hasTime: d.hasTime,
    ...(exact ? { exact: d.start } : {}), ...(d.localTime ? { localTime: d.localTime } : {}), span: d.span.text,
  };
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;

/** An exact start instant, or null when the text names none. */
export function parseStart(text: string, t: CalendarTenant, now: Date): Date | null {
  const s = text.trim();
  if (ISO_WITH_OFFSET.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = LOCAL.exec(s);
  if (m) {
    const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
    return fromWall({ year, month, day, hour, minute }, t.timezone);
  }
  const w = parseWhen(s, t, now);
  return w?.exact ?? null;
}

/** The tenant's service the words name: exact name/alias first, then agent/nlu's fuzzy matcher. */
export function matchService(words: string, services: ServiceRow[], t: CalendarTenant, now: Date): { match: ServiceRow } | { options: ServiceRow[] } | null {
  const q = words.trim().toLowerCase();
  if (!q) return null;
  const exact = services.filter((s) => s.name.toLowerCase() === q || s.aliases.some((a) => a.toLowerCase() === q));
  if (exact.length === 1) return { match: exact[0]! };
  const found = extractServices(words, { ...ctxOf(t, now), services: services.map((s) => ({ name: s.name, aliases: s.aliases })) });
  if (!found.length) {
    const contains = services.filter((s) => s.name.toLowerCase().includes(q) || q.includes(s.name.toLowerCase()));
    if (contains.length === 1) return { match: contains[0]! };
    return contains.length > 1 ? { options: contains } : null;
  }
  const best = Math.max(...found.map((f) => f.score));
  const top = found.filter((f) => f.score >= best - 0.02).map((f) => services.find((s) => s.name === f.service)!).filter(Boolean);
  return top.length === 1 ? { match: top[0]! } : { options: top };
}
