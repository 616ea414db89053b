// Availability as pure functions: which starts are free for a service, given the weekly
// hours (split shifts = several rows a weekday), closures (whole day or special hours;
// business-wide or per resource), busy blocks (live bookings with their buffers, Google
// free/busy) and the search window. No I/O; the zone arithmetic is injected (ZoneOps).
//
// Rules:
//  - a resource's own weekly rows replace the business's; a resource's closure on a date
//    replaces a business closure, which replaces the weekly hours of that date;
//  - starts lie on a grid of local minutes from midnight; a wall time that does not exist
//    (the spring-forward gap) is skipped, never moved;
//  - the service must end by closing time; the buffer may run past it;
//  - [start, start + duration + buffer) must not overlap any busy block of the resource
//    (the same range the database's exclusion constraint guards).
import type { BusyBlock, ClosureRow, HoursRow, ZoneOps } from "./types.js";

export interface SlotQuery {
  timezone: string;
  zone: ZoneOps;
  /** Starts in [from, to). */
  from: Date;
  to: Date;
  durationMin: number;
  bufferMin: number;
  gridMin: number;
  /** Capable, active resources. */
  resourceIds: string[];
  hours: HoursRow[];
  closures: ClosureRow[];
  busy: BusyBlock[];
}

export interface FreeSlot {
  start: Date;
  end: Date;
  /** Resources free for the whole [start, end + buffer). */
  resourceIds: string[];
}

const MIN = 60_000;
const pad = (n: number) => String(n).padStart(2, "0");

interface LocalDay {
  year: number;
  month: number;
  day: number;
  weekday: number;
  iso: string;
}

function localDays(from: Date, to: Date, tz: string, zone: ZoneOps): LocalDay[] {
  const a = zone.toWall(from, tz);
  const b = zone.toWall(new Date(Math.max(from.getTime(), to.getTime() - 1)), tz);
  const out: LocalDay[] = [];
  let d = new Date(Date.UTC(a.year, a.month - 1, a.day));
  const last = Date.UTC(b.year, b.month - 1, b.day);
  while (d.getTime() <= last && out.length < 400) {
    out.push({
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(),
      iso: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    });
    d = new Date(d.getTime() + 864e5);
  }
  return out;
}

/** The open minute ranges of one resource on one local date. */
export function openMinutes(resourceId: string, day: { weekday: number; iso: string }, hours: HoursRow[], closures: ClosureRow[]): Array<[number, number]> {
  const own = closures.find((c) => c.resourceId === resourceId && c.date === day.iso);
  const business = closures.find((c) => c.resourceId === null && c.date === day.iso);
  const special = own ?? business;
  if (special) {
    if (special.opensMin === null || special.closesMin === null) return [];
    return [[special.opensMin, special.closesMin]];
  }
  const hasOwn = hours.some((h) => h.resourceId === resourceId);
  const rows = hours.filter((h) => (hasOwn ? h.resourceId === resourceId : h.resourceId === null) && h.weekday === day.weekday);
  return rows.map((h) => [h.opensMin, h.closesMin] as [number, number]).sort((x, y) => x[0] - y[0]);
}

function overlaps(busy: BusyBlock[], resourceId: string, start: number, end: number): boolean {
  for (const b of busy) if (b.resourceId === resourceId && b.start < end && start < b.end) return true;
  return false;
}

/** Every free start in the window, earliest first, with the resources free for it. */
export function freeSlots(q: SlotQuery): FreeSlot[] {
  if (q.from.getTime() >= q.to.getTime() || q.durationMin <= 0 || q.gridMin <= 0) return [];
  const byStart = new Map<number, FreeSlot>();
  const dur = q.durationMin * MIN;
  const blocked = (q.durationMin + q.bufferMin) * MIN;
  for (const day of localDays(q.from, q.to, q.timezone, q.zone)) {
    for (const resourceId of q.resourceIds) {
      for (const [opens, closes] of openMinutes(resourceId, day, q.hours, q.closures)) {
        const closeAt = q.zone.fromWall({ year: day.year, month: day.month, day: day.day, hour: Math.floor(closes / 60), minute: closes % 60 }, q.timezone).getTime();
        for (let m = Math.ceil(opens / q.gridMin) * q.gridMin; m < closes; m += q.gridMin) {
          const wall = { year: day.year, month: day.month, day: day.day, hour: Math.floor(m / 60), minute: m % 60 };
          const start = q.zone.fromWall(wall, q.timezone);
          const back = q.zone.toWall(start, q.timezone);
          if (back.hour !== wall.hour || back.minute !== wall.minute || back.day !== wall.day) continue; // in a DST gap
          const s = start.getTime();
          if (s < q.from.getTime() || s >= q.to.getTime()) continue;
          if (s + dur > closeAt) break;
          if (overlaps(q.busy, resourceId, s, s + blocked)) continue;
          const slot = byStart.get(s) ?? { start, end: new Date(s + dur), resourceIds: [] };
          if (!slot.resourceIds.includes(resourceId)) slot.resourceIds.push(resourceId);
          byStart.set(s, slot);
        }
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The slots to offer: the first free one, then others at least `gapMin` apart (a spread
 * instead of three consecutive quarter-hours); if that leaves too few, half the gap, then
 * the earliest remaining ones.
 */
export function spreadSlots<T extends { start: Date }>(slots: T[], limit: number, gapMin = 60): T[] {
  const picked: T[] = [];
  for (const gap of [gapMin, gapMin / 2, 0]) {
    for (const s of slots) {
      if (picked.length >= limit) break;
      if (picked.includes(s)) continue;
      if (picked.every((p) => Math.abs(s.start.getTime() - p.start.getTime()) >= gap * MIN)) picked.push(s);
    }
  }
  return picked.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The bookable window: [max(from, now + notice), min(to, now + horizon)). */
export function bookableWindow(from: Date, to: Date, now: Date, minNoticeMin: number, horizonDays: number): { from: Date; to: Date } {
  const earliest = now.getTime() + minNoticeMin * MIN;
  const latest = now.getTime() + horizonDays * 864e5;
  return { from: new Date(Math.max(from.getTime(), earliest)), to: new Date(Math.min(to.getTime(), latest)) };
}
