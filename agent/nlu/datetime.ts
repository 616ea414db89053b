// Dates and times in the tenant's timezone. chrono-node reads the language ("tomorrow",
// "next Friday morning", "in 2 hours", "12 December", "mañana a las 5"); timephrase.ts adds
// what chrono misses ("half 4", "after 5", "between 2 and 4", "the 3rd"). chrono is handed the
// tenant's current offset only to compute calendar days; every wall time is then turned into
// UTC by zone.ts with the offset of *that* day, so DST nights come out right.
import * as chrono from "chrono-node";
import type { DateTimeEntity, NluContext } from "./types.js";
import { addDays, fromWall, isoDate, offsetMinutes, pad2, toWall, type Wall } from "./zone.js";
import { ordinalDays, timePhrases, type ClockTime, type TimePhrase } from "./timephrase.js";
import { backToOriginal, normalise } from "./normalise.js";

/** Cheap gate: chrono only runs when the text has a digit or a date/time word (any supported language). */
const CUE = /\d|\b(?:today|tonight|tomorrow|tmrw|tmr|yesterday|morning|afternoon|evening|night|noon|midday|midnight|weekend|week|month|year|half|quarter|o'?clock|mon|tue|wed|thu|fri|sat|sun|tmr|tmoz|2mo|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|o'?clock|hoy|mañana|manana|tarde|noche|semana|lunes|martes|miércoles|jueves|viernes|sábado|sabado|domingo|hoje|amanhã|amanha|manhã|segunda|terça|quarta|quinta|sexta|aujourd'hui|demain|soir|matin|semaine|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|heute|morgen|abend|woche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)/i;

const PART_OF_DAY: Array<[RegExp, number, number]> = [
  [/\b(?:tonight|ce soir|esta noche|hoje à noite|heute abend)\b/i, 17, 24],
  [/\b(?:morning|matin|manhã|vormittag)\b/i, 8, 12],
  [/\b(?:noon|midday|lunch ?time|midi|mittag)\b/i, 12, 14],
  [/(?:\bafternoon|après-midi|apres-midi|\btarde|nachmittag)\b/i, 12, 17],
  [/\b(?:evening|soir|soirée|abend)\b/i, 17, 21],
  [/\b(?:night|noche|noite|nuit|nacht)\b/i, 18, 24],
];

type Parser = { parse: typeof chrono.parse };

function parserFor(locale: string): Parser[] {
  const [lang, region] = locale.split(/[-_]/);
  const en: Parser = region && region.toUpperCase() !== "US" && region.toUpperCase() !== "CA" ? chrono.en.GB : chrono.en.casual;
  const other: Record<string, Parser> = { es: chrono.es.casual, fr: chrono.fr.casual, de: chrono.de.casual, pt: chrono.pt.casual };
  const own = lang ? other[lang.toLowerCase()] : undefined;
  return own ? [own, en] : [en];
}

interface Draft {
  start: number;
  end: number;
  day?: Wall; // calendar day said (or implied by chrono from a weekday)
  dayCertain: boolean;
  window?: [number, number, number, number]; // wall h1:m1 → h2:m2 (h2 may be 24)
  exact?: Date; // a relative instant ("in 2 hours")
  weekend?: boolean;
  week?: boolean;
  clock?: boolean; // chrono read an explicit clock time
  ambiguous: boolean;
  confidence: number;
}

const dayOf = (w: Wall): Wall => ({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 });

function fromChrono(r: chrono.ParsedResult, today: Wall): Draft {
  const s = r.start;
  const d: Draft = { start: r.index, end: r.index + r.text.length, ambiguous: false, confidence: 0.9, dayCertain: false };
  if (s.isCertain("timezoneOffset")) {
    d.exact = s.date();
    return d;
  }
  const dayKnown = s.isCertain("day") || s.isCertain("weekday") || s.isCertain("month");
  const y = s.get("year"), mo = s.get("month"), da = s.get("day");
  if (dayKnown && y !== null && mo !== null && da !== null) {
    d.day = { year: y, month: mo, day: da, hour: 0, minute: 0 };
    d.dayCertain = true;
  }
  if (/weekend|fin de semana|week-?end|wochenende|fim de semana/i.test(r.text)) d.weekend = true;
  else if (/\bweek\b|semana|semaine|woche/i.test(r.text) && !s.isCertain("weekday")) d.week = true;
  // chrono reads "from 1 May" as 1 o'clock and "at 22 Oldham St" as 22:00: no clock without a clock marker.
  const clockMarker = /\d[:.]\d{2}|\d\s*(?:am|pm|a\.m|p\.m|h\b|uhr|hrs?)|\bat\b|o'?clock|noon|midnight|\b(?:a las|às|um)\b|\bin\b|\d\s*(?:-|to)\s*\d/i;
  const bareHour = (s.isCertain("month") && !clockMarker.test(r.text)) || /^at\s+(?:1[3-9]|2[0-3])$/i.test(r.text.trim());
  if (s.isCertain("hour") && !bareHour) {
    let hour = s.get("hour") ?? 0;
    const minute = s.get("minute") ?? 0;
    if (!s.isCertain("meridiem") && !/\b(?:tonight|evening|night|afternoon|morning)\b/i.test(r.text) && hour >= 1 && hour <= 11) {
      d.ambiguous = true;
      d.confidence = 0.6;
      if (hour <= 7) hour += 12;
    }
    const endH = r.end?.isCertain("hour") ? r.end.get("hour") ?? hour : hour;
    const endM = r.end?.isCertain("hour") ? r.end.get("minute") ?? 0 : minute;
    d.window = [hour, minute, endH, endM];
    d.clock = true;
  } else {
    const part = PART_OF_DAY.find(([re]) => re.test(r.text));
    if (part) {
      d.window = [part[1], 0, part[2], 0];
      if (!d.day && /\btonight\b/i.test(r.text)) d.day = today;
    }
  }
  return d;
}

function windowOf(p: TimePhrase): [number, number, number, number] {
  const a: ClockTime = p.from;
  if (p.kind === "range" && p.to) return [a.hour, a.minute, p.to.hour, p.to.minute];
  if (p.kind === "after") return [a.hour, a.minute, 24, 0];
  if (p.kind === "before") return [0, 0, a.hour, a.minute];
  return [a.hour, a.minute, a.hour, a.minute];
}

function materialise(d: Draft, text: string, ctx: NluContext, today: Wall): DateTimeEntity {
  const span = { start: d.start, end: d.end, text: text.slice(d.start, d.end) };
  const base = { type: "datetime" as const, span, ambiguous: d.ambiguous, confidence: d.confidence };
  if (d.exact) {
    const w = toWall(d.exact, ctx.timezone);
    return { ...base, start: d.exact, end: d.exact, hasDate: true, hasTime: true, localDate: isoDate(w), localTime: `${pad2(w.hour)}:${pad2(w.minute)}` };
  }
  let day = d.day ?? today;
  if (d.weekend) {
    const wd = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    const sat = addDays(day, wd === 0 ? -1 : (6 - wd) % 7);
    return { ...base, start: fromWall(sat, ctx.timezone), end: fromWall(addDays(sat, 2), ctx.timezone), hasDate: true, hasTime: false };
  }
  if (d.week) {
    const wd = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    const mon = addDays(dayOf(day), -((wd + 6) % 7));
    return { ...base, start: fromWall(mon, ctx.timezone), end: fromWall(addDays(mon, 7), ctx.timezone), hasDate: true, hasTime: false };
  }
  if (!d.window) {
    return { ...base, start: fromWall(dayOf(day), ctx.timezone), end: fromWall(addDays(dayOf(day), 1), ctx.timezone), hasDate: true, hasTime: false, localDate: isoDate(day) };
  }
  const [h1, m1, h2, m2] = d.window;
  // A time with no day: today, or tomorrow once the window has passed.
  if (!d.day) {
    const endToday = fromWall({ ...dayOf(day), hour: h2, minute: m2 }, ctx.timezone);
    if (endToday.getTime() <= ctx.now.getTime()) day = addDays(day, 1);
  }
  const start = fromWall({ ...dayOf(day), hour: h1, minute: m1 }, ctx.timezone);
  const end = fromWall({ ...dayOf(day), hour: h2, minute: m2 }, ctx.timezone);
  const exact = h1 === h2 && m1 === m2;
  return {
    ...base, start, end, hasDate: d.day !== undefined, hasTime: true, localDate: isoDate(day),
    ...(exact ? { localTime: `${pad2(h1)}:${pad2(m1)}` } : {}),
    confidence: d.day === undefined ? Math.min(d.confidence, 0.75) : d.confidence,
  };
}

/** "good evening", "night!" on its own: a greeting or sign-off, not a time. */
const GREETING = /\b(?:good|have a (?:good|nice|great|lovely))\s+$/i;
/** A chrono relative reading that is a duration, not a point ("20 mins late", "1hr 20"). */
const DURATION = /^(?:for\s+)?(?:\d+|an?|few|couple|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty(?:[\s-]\w+)?|thirty)\s+(?:days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|d[ií]as|semanas|meses|jours|semaines|mois|tage[n]?|wochen|monate[n]?|dias)$/i;
const RELATIVE_POINT = /^(?:in|within)\b|\b(?:from now|later|ago|time)$/i;

export function extractDateTimes(original: string, ctx: NluContext): DateTimeEntity[] {
  if (!CUE.test(original)) return [];
  const n = normalise(original);
  const text = n.text;
  const todayW = toWall(ctx.now, ctx.timezone);
  const today = dayOf(todayW);
  const ref = { instant: ctx.now, timezone: offsetMinutes(ctx.now, ctx.timezone) };
  let results: chrono.ParsedResult[] = [];
  for (const p of parserFor(ctx.locale)) {
    results = p.parse(text, ref, { forwardDate: true });
    if (results.length) break;
  }
  const drafts = results
    .filter((r) => !GREETING.test(text.slice(0, r.index)) && !/^\W*(?:morning|evening|night|afternoon)\W*$/i.test(text))
    .filter((r) => !(r.start.isCertain("timezoneOffset") || DURATION.test(r.text.trim())) || RELATIVE_POINT.test(r.text.trim()))
    .map((r) => fromChrono(r, today))
    .filter((d) => d.day || d.window || d.exact || d.weekend || d.week);
  // Our time phrases take over the time of an overlapping chrono reading, or join the nearest date.
  for (const p of timePhrases(text)) {
    const over = drafts.find((d) => p.start < d.end && p.end > d.start);
    // chrono already read a plain time here ("tonight at 8"): its reading has the context.
    if (over?.clock && p.kind === "at" && !/half/i.test(text.slice(p.start, p.end))) continue;
    const near = over ?? drafts.find((d) => !d.clock && !d.exact && d.day && Math.abs(Math.max(d.start - p.end, p.start - d.end)) <= 12);
    const ambiguous = p.from.ambiguous || (p.to?.ambiguous ?? false);
    const confidence = ambiguous ? 0.65 : 0.9;
    if (near) {
      near.window = windowOf(p);
      // "tonight at eight": the day part settles am/pm.
      if (ambiguous && near.window[0] < 12 && /tonight|evening|night|afternoon/i.test(text.slice(near.start, near.end))) {
        near.window = [near.window[0] + 12, near.window[1], near.window[2] < 12 ? near.window[2] + 12 : near.window[2], near.window[3]];
      }
      near.start = Math.min(near.start, p.start);
      near.end = Math.max(near.end, p.end);
      near.ambiguous = ambiguous;
      near.confidence = confidence;
      if (near.day && !near.dayCertain) delete near.day;
      near.clock = true;
    } else {
      drafts.push({ start: p.start, end: p.end, window: windowOf(p), ambiguous, confidence, dayCertain: false });
    }
  }
  for (const o of ordinalDays(text)) {
    if (drafts.some((d) => o.start < d.end && o.end > d.start)) continue;
    // The next such day: this month if still to come, else next month.
    let w: Wall = { ...today, day: o.day };
    if (o.day < today.day) w = { ...today, month: today.month === 12 ? 1 : today.month + 1, year: today.month === 12 ? today.year + 1 : today.year, day: o.day };
    const check = new Date(Date.UTC(w.year, w.month - 1, w.day));
    if (check.getUTCDate() !== o.day) continue;
    drafts.push({ start: o.start, end: o.end, day: w, dayCertain: true, ambiguous: false, confidence: 0.8 });
  }
  return drafts.sort((a, b) => a.start - b.start).map((d) => {
    [d.start, d.end] = backToOriginal(n, d.start, d.end);
    return materialise(d, original, ctx, today);
  });
}
