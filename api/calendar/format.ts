// How calendar times cross the tool boundary: ISO instants with the tenant's offset and
// labels already written in the tenant's zone and locale (tools/calendar/contract.ts).
import { offsetMinutes, toWall } from "../../agent/nlu/index.js";
import type { BookingRow, CalendarTenant } from "../../core/calendar/types.js";
import type { BookingView, SlotView } from "../../tools/calendar/contract.js";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-25T17:00:00+00:00": the instant written in the tenant's wall clock. */
export function isoInZone(instant: Date, timezone: string): string {
  const w = toWall(instant, timezone);
  const off = offsetMinutes(instant, timezone);
  const sign = off < 0 ? "-" : "+";
  const a = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const labelFormats = new Map<string, Intl.DateTimeFormat>();

/** "Wed 25 Nov, 17:00" in the tenant's zone and locale. */
export function labelOf(instant: Date, t: Pick<CalendarTenant, "timezone" | "locale">): string {
  const key = `${t.locale}|${t.timezone}`;
  let f = labelFormats.get(key);
  if (!f) {
    let locale = t.locale;
    try {
      new Intl.DateTimeFormat(locale);
    } catch {
      locale = "en";
    }
    f = new Intl.DateTimeFormat(locale, { timeZone: t.timezone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    labelFormats.set(key, f);
  }
  return f.format(instant);
}

/** "£45.00" in the tenant's locale. */
export function moneyOf(minor: number, currency: string, locale: string): string {
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

export function bookingView(b: BookingRow, t: CalendarTenant, opts: { owner?: boolean; showResource?: boolean } = {}): BookingView {
  return {
    id: b.id, service: b.serviceName, start: isoInZone(b.startsAt, t.timezone), label: labelOf(b.startsAt, t), status: b.status,
    ...(opts.showResource ? { resource: b.resourceName } : {}),
    ...(opts.owner ? { contactName: b.contactName ?? "(no name)" } : {}),
    ...(b.priceMinor !== null && b.currency ? { priceMinor: b.priceMinor, currency: b.currency } : {}),
    ...(b.status === "held" && b.holdExpiresAt ? { holdExpiresAt: isoInZone(b.holdExpiresAt, t.timezone) } : {}),
  };
}

export function slotView(
  s: { start: Date; end: Date; resourceName?: string; unconfirmed?: boolean },
  service: { name: string; priceMinor: number | null; currency: string | null },
  t: CalendarTenant,
): SlotView {
  return {
    start: isoInZone(s.start, t.timezone), end: isoInZone(s.end, t.timezone), label: labelOf(s.start, t), service: service.name,
    ...(s.resourceName ? { resource: s.resourceName } : {}),
    ...(service.priceMinor !== null ? { priceMinor: service.priceMinor, currency: service.currency ?? t.currency } : {}),
    ...(s.unconfirmed ? { unconfirmed: true } : {}),
  };
}
