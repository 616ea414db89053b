// Wall-clock ↔ UTC arithmetic in an IANA zone with Intl only (no Temporal, no tz database
// download): offsets are read from Intl.DateTimeFormat, so DST gaps and overlaps are exact.
// Gap (spring forward): a wall time that never happens moves forward by the gap (01:30 → 02:30).
// Overlap (fall back): a wall time that happens twice resolves to the earlier instant.

export interface Wall {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric", weekday: "short",
    });
    formatters.set(timezone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall clock in `timezone` at `instant`, with the weekday (0 = Sunday). */
export function toWall(instant: Date, timezone: string): Wall & { weekday: number; second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? "Sun"] ?? 0,
  };
}

/** Offset of `timezone` from UTC at `instant`, in minutes (London summer: +60). */
export function offsetMinutes(instant: Date, timezone: string): number {
  const w = toWall(instant, timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant of wall clock `w` in `timezone` (normalises overflow: day 32, hour 24). */
export function fromWall(w: Wall, timezone: string): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = offsetMinutes(new Date(naive - 864e5 / 2), timezone);
  const after = offsetMinutes(new Date(naive + 864e5 / 2), timezone);
  // Earlier instant first: in an overlap both candidates are valid and the first one wins.
  const candidates = [naive - Math.max(before, after) * 60000, naive - Math.min(before, after) * 60000];
  for (const t of candidates) {
    if (offsetMinutes(new Date(t), timezone) * 60000 === naive - t) return new Date(t);
  }
  // In a gap: no instant has this wall time; use the pre-transition offset (moves it forward).
  return new Date(naive - before * 60000);
}

/** Add whole days to a calendar date (no zone involved). */
export function addDays(w: Wall, days: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { ...w, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const pad2 = (n: number): string => String(n).padStart(2, "0");
export const isoDate = (w: Wall): string => `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
