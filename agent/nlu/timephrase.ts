// Time-of-day phrases chrono-node misses or reads without a window: British "half 4"
// (16:30), "after 5", "before 10am", "between 2 and 4", "from 2 to 4pm", and the bare
// ordinal day "the 3rd". Each yields wall-clock values; datetime.ts anchors them to a day.

export interface ClockTime {
  hour: number;
  minute: number;
  /** am/pm was not said and the hour could be either: business-hours reading applied. */
  ambiguous: boolean;
}

export interface TimePhrase {
  start: number;
  end: number;
  kind: "at" | "after" | "before" | "range";
  from: ClockTime;
  to?: ClockTime;
}

/** Spoken hours ("half two", "at eight", "three o'clock") as callers' transcripts write them. */
const HOUR_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const H = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const T = String.raw`${H}(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?`;
const HALF = new RegExp(String.raw`\bhalf\s+(?:past\s+)?${H}\b(?!\s*(?:hours?|hrs?|mins?|minutes?|days?|price|off|an|%))`, "gi");
const OCLOCK = new RegExp(String.raw`\b${H}\s*o'?\s?clock\b`, "gi");
const RANGE = new RegExp(String.raw`\b(?:between|from)\s+${T}\s*(?:and|to|till|until|-|–)\s*${T}`, "gi");
const BOUND = new RegExp(String.raw`\b(after|before|from|past|by|around|about|approx|at)\s+${T}(?![\d%£$€])(?!\s*(?:hours?|hrs?|h\b|mins?|minutes?|days?|weeks?|months?|years?|people|of|st|nd|rd|th|${MONTHS}))`, "gi");
const ORDINAL = /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|time|one|person|floor|birthday|anniversary))/gi;

/** Business-hours reading of a clock time with no am/pm: 1–7 → afternoon, 8–11 → morning. */
export function clock(hourText: string, minuteText: string | undefined, meridiem: string | undefined): ClockTime | null {
  let hour = HOUR_WORDS[hourText.toLowerCase()] ?? Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (hour > 23 || minute > 59) return null;
  if (hour > 12 && !minuteText) return null; // "at 22 Oldham St": a bare 13–23 is not how people say a time
  const m = meridiem?.toLowerCase().replace(/\./g, "");
  if (m === "pm" && hour < 12) hour += 12;
  else if (m === "am" && hour === 12) hour = 0;
  else if (m === "am" && hour > 12) return null;
  const ambiguous = !m && hour >= 1 && hour <= 11;
  if (ambiguous && hour <= 7) hour += 12;
  return { hour, minute, ambiguous };
}

export function timePhrases(text: string): TimePhrase[] {
  const out: TimePhrase[] = [];
  const taken = (s: number, e: number) => out.some((p) => s < p.end && e > p.start);
  for (const m of text.matchAll(RANGE)) {
    // "2-4pm": the meridiem of the end applies to the start when the start has none.
    const to = clock(m[4]!, m[5], m[6]);
    const from = clock(m[1]!, m[2], m[3] ?? (m[6] && Number(m[1]) <= Number(m[4]) ? m[6] : undefined));
    if (from && to) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, kind: "range", from, to });
  }
  for (const m of text.matchAll(HALF)) {
    const c = clock(m[1]!, "30", undefined);
    if (c && !taken(m.index, m.index + m[0].trimEnd().length)) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, kind: "at", from: c });
  }
  for (const m of text.matchAll(OCLOCK)) {
    const c = clock(m[1]!, undefined, undefined);
    if (c && !taken(m.index, m.index + m[0].length)) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, kind: "at", from: c });
  }
  for (const m of text.matchAll(BOUND)) {
    const word = m[1]!.toLowerCase();
    // "from 5" alone is a start time, "by 5" a deadline; "past 5" is after.
    const kind = word === "before" || word === "by" ? "before" : ["around", "about", "approx", "at"].includes(word) ? "at" : "after";
    const c = clock(m[2]!, m[3], m[4]);
    if (c && !taken(m.index, m.index + m[0].trimEnd().length)) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, kind, from: c });
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface OrdinalDay {
  start: number;
  end: number;
  day: number;
}

export function ordinalDays(text: string): OrdinalDay[] {
  const out: OrdinalDay[] = [];
  for (const m of text.matchAll(ORDINAL)) {
    const day = Number(m[1]);
    if (day >= 1 && day <= 31) out.push({ start: m.index, end: m.index + m[0].trimEnd().length, day });
  }
  return out;
}
