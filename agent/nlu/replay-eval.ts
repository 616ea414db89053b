// Scores understandEntities() against the router replay set's entity labels (date, time,
// service, money, yes/no): per-type precision/recall over every case, plus extraction latency.
// Services are scored on Glow Studio only: it is the one business whose service list exists.
import { REPLAY } from "../router/replay/index.js";
import type { Business, ReplayCase } from "../router/replay/index.js";
import { GLOW_CTX, SALON_SERVICES } from "./fixtures.js";
import { understandEntities } from "./index.js";
import { extractDateTimes } from "./datetime.js";
import { normalise } from "./normalise.js";
import { phoneticKey } from "./services.js";
import type { NluContext, Understanding } from "./types.js";
import { toWall } from "./zone.js";

export const ENTITY_TYPES = ["date", "time", "service", "money", "yesno"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const TENANTS: Record<Business, [timezone: string, locale: string, currency: string]> = {
  "glow-studio": ["Europe/London", "en-GB", "GBP"],
  "smile-dental": ["Europe/London", "en-GB", "GBP"],
  "flow-yoga": ["America/Chicago", "en-US", "USD"],
  "brightpath-tutoring": ["America/Toronto", "en-CA", "CAD"],
  "fixit-phones": ["Europe/London", "en-GB", "GBP"],
  "spice-route": ["Europe/London", "en-GB", "GBP"],
  "kinetic-physio": ["Europe/Dublin", "en-IE", "EUR"],
  "sharma-salon": ["Asia/Kolkata", "en-IN", "INR"],
  "clinica-sonrisa": ["Europe/Madrid", "es-ES", "EUR"],
  "studio-bela": ["America/Sao_Paulo", "pt-BR", "BRL"],
  "salon-lumiere": ["Europe/Paris", "fr-FR", "EUR"],
  "noor-beauty": ["Asia/Dubai", "en-AE", "AED"],
  "pawfect-grooming": ["Europe/Berlin", "de-DE", "EUR"],
};

export function contextFor(c: ReplayCase): NluContext {
  const [timezone, locale, currency] = TENANTS[c.business];
  return { timezone, locale, currency, now: GLOW_CTX.now, ...(c.business === "glow-studio" ? { services: SALON_SERVICES } : {}) };
}

const contentWords = (s: string): Set<string> =>
  new Set((s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !["the", "and", "for", "with"].includes(w)).map(phoneticKey));
const overlaps = (a: string, b: string): boolean => {
  const bw = contentWords(b);
  return [...contentWords(a)].some((w) => bw.has(w));
};

/** What was predicted for a type (undefined: nothing) and whether it agrees with the label. */
function judge(type: EntityType, u: Understanding, c: ReplayCase, ctx: NluContext): { predicted: boolean; correct: boolean } {
  const label = c.entities?.[type];
  switch (type) {
    case "date": {
      const d = u.datetimes.find((e) => e.hasDate);
      if (!d || typeof label !== "string") return { predicted: !!d, correct: false };
      // Same words (chat spellings normalised), or the label itself resolves to the same day.
      const gloss = label.match(/\(([^)]+)\)/)?.[1] ?? label;
      const resolved = extractDateTimes(gloss, ctx)[0];
      const sameDay = !!resolved?.localDate && resolved.localDate === d.localDate;
      return { predicted: true, correct: sameDay || overlaps(normalise(d.span.text).text, label) || overlaps(d.span.text, label) };
    }
    case "time": {
      const d = u.datetimes.find((e) => e.hasTime);
      if (!d || typeof label !== "string") return { predicted: !!d, correct: false };
      const hhmm = label.match(/\d{1,2}:\d{2}/)?.[0];
      const hm = (t: Date) => { const w = toWall(t, ctx.timezone); return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`; };
      // A window's start ("after 17:00") or end ("before 10:00") must be the labelled clock time.
      const want = hhmm?.padStart(5, "0");
      return { predicted: true, correct: want ? hm(d.start) === want || hm(d.end) === want : overlaps(d.span.text, label) };
    }
    case "service": {
      if (c.business !== "glow-studio") return { predicted: false, correct: false };
      const s = [...u.services].sort((a, b) => b.score - a.score)[0];
      return { predicted: !!s, correct: !!s && typeof label === "string" && (overlaps(s.service, label) || overlaps(s.span.text, label)) };
    }
    case "money": {
      const m = u.money[0];
      return { predicted: !!m, correct: !!m && !!label && typeof label === "object" && m.minor === Math.round(label.amount * 100) && m.currency === label.currency };
    }
    case "yesno": {
      const y = u.yesno && u.yesno.value !== "unsure" ? u.yesno.value : undefined;
      return { predicted: !!y, correct: !!y && y === label };
    }
  }
}

/** Yes/no is read only where the turn answers something: the bot spoke last or an approval/booking is pending. */
export function expectsAnswer(c: ReplayCase): boolean {
  const prev = c.context?.previous;
  return c.context?.state === "awaiting_approval" || c.context?.state === "mid_booking" || (!!prev?.length && prev[prev.length - 1]!.from === "assistant");
}

export interface Score { tp: number; fp: number; fn: number; precision: number; recall: number; misses: string[]; falseAlarms: string[] }

export interface ReplayReport { scores: Record<EntityType, Score>; latencyMs: { p50: number; p99: number; max: number }; cases: number }

export function evaluateReplay(): ReplayReport {
  const scores = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, misses: [], falseAlarms: [] }])) as unknown as Record<EntityType, Score>;
  const times: number[] = [];
  // A running server is warm: each locale's chrono parser builds its patterns on first use.
  for (const locale of new Set(Object.values(TENANTS).map((t) => t[1]))) understandEntities("warm up tomorrow at 5 for £30 balayage yes", { ...GLOW_CTX, locale });
  // Timing: each message 5 times, its median kept (the machine is shared; one pass is noisy).
  for (const c of REPLAY) {
    const ctx = contextFor(c);
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      understandEntities(c.text, ctx);
      runs.push(performance.now() - t0);
    }
    times.push(runs.sort((a, b) => a - b)[2]!);
  }
  for (const c of REPLAY) {
    const ctx = contextFor(c);
    const u = understandEntities(c.text, ctx);
    for (const type of ENTITY_TYPES) {
      if (type === "service" && c.business !== "glow-studio") continue;
      if (type === "yesno" && !expectsAnswer(c)) continue;
      const labelled = c.entities?.[type] !== undefined;
      const { predicted, correct } = judge(type, u, c, ctx);
      const s = scores[type];
      if (predicted && correct) s.tp++;
      else {
        if (predicted) { s.fp++; s.falseAlarms.push(`${c.id}: ${c.text}`); }
        if (labelled) { s.fn++; s.misses.push(`${c.id}: ${c.text} → ${JSON.stringify(c.entities?.[type])}`); }
      }
    }
  }
  for (const s of Object.values(scores)) {
    s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { scores, latencyMs: { p50: q(0.5), p99: q(0.99), max: times[times.length - 1]! }, cases: REPLAY.length };
}
