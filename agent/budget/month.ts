// Budget months are the tenant's calendar months, in the tenant's timezone: "this month"
// means what the owner means by it. `monthOf` names the month an instant falls in;
// `monthRange` gives its [from, to) as UTC instants (how ModelUsage rows are stored).

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parts(at: Date, timeZone: string): Record<string, number> {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** "YYYY-MM" of the instant in the timezone. */
export function monthOf(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${String(p.year).padStart(4, "0")}-${String(p.month).padStart(2, "0")}`;
}

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** The timezone's offset from UTC at an instant, in ms (east positive). */
function offsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The UTC instant of local midnight on the first of (year, month) in the timezone. */
function startOf(year: number, month: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, 1);
  let t = guess - offsetMs(new Date(guess), timeZone);
  // once more at the corrected instant (a DST change near midnight shifts the offset)
  t = guess - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

/** [from, to) of a "YYYY-MM" month in the timezone, as UTC instants. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const next = mon === 12 ? { y: year + 1, m: 1 } : { y: year, m: mon + 1 };
  return { from: startOf(year, mon, timeZone), to: startOf(next.y, next.m, timeZone) };
}
