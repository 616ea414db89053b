// Scores the booking dialogue's request detection (understand.ts `bookingIntent`) on the
// router's replay set: fresh lead and caller messages (no booking in progress), labelled
// book / availability → "book", cancel, reschedule; everything else should be left alone.
// Non-English booking requests should be neither misread nor acted on in English: they count
// as handled when the dialogue says "unsure" (isForeignBooking) or does nothing.
import { REPLAY, type ReplayCase } from "../../router/replay/index.js";
import { SALON_SERVICES } from "../../nlu/fixtures.js";
import { bookingIntent, isForeignBooking, understand, type BookingIntent } from "./understand.js";

const NOW = new Date("2025-06-11T09:00:00Z");

export function expected(c: ReplayCase): BookingIntent {
  if (c.intent === "book" || c.intent === "availability") return "book";
  if (c.intent === "cancel") return "cancel";
  if (c.intent === "reschedule") return "reschedule";
  return null;
}

export function predict(c: ReplayCase): BookingIntent {
  const services = c.business === "glow-studio" ? SALON_SERVICES : [];
  const u = understand(c.text, { timezone: "Europe/London", now: NOW, locale: "en-GB", services }, []);
  return bookingIntent(c.text, u);
}

export interface ReplayScore {
  cases: number;
  tp: number;
  fp: number;
  fn: number;
  /** Detected as a booking request but the wrong kind (cancel read as book…). */
  wrongKind: number;
  precision: number;
  recall: number;
  /** Recall on the booking requests labelled minTier "local" (the ones this tier should handle). */
  localRecall: number;
  localCases: number;
  /** Non-English booking requests: flagged unsure / left alone / misread as another kind. */
  foreign: { cases: number; unsure: number; leftAlone: number; misread: number };
  errors: Array<{ id: string; text: string; expected: BookingIntent; got: BookingIntent }>;
}

export function scoreReplay(): ReplayScore {
  const fresh = REPLAY.filter((c) => (c.role === "lead" || c.role === "caller") && (!c.context?.state || c.context.state === "idle"));
  const en = fresh.filter((c) => c.lang === "en");
  let tp = 0, fp = 0, fn = 0, wrongKind = 0;
  const errors: ReplayScore["errors"] = [];
  for (const c of en) {
    const want = expected(c), got = predict(c);
    if (want && got === want) tp++;
    else {
      if (got) fp++;
      if (want) fn++;
      if (want && got) wrongKind++;
      if (want !== got) errors.push({ id: c.id, text: c.text, expected: want, got });
    }
  }
  const local = en.filter((c) => expected(c) && c.minTier === "local");
  const localHits = local.filter((c) => predict(c) === expected(c)).length;
  const foreignCases = fresh.filter((c) => c.lang !== "en" && expected(c));
  const foreign = { cases: foreignCases.length, unsure: 0, leftAlone: 0, misread: 0 };
  for (const c of foreignCases) {
    const got = predict(c);
    if (got && got !== expected(c)) foreign.misread++;
    else if (!got && isForeignBooking(c.text)) foreign.unsure++;
    else if (!got) foreign.leftAlone++;
  }
  const r2 = (x: number) => Math.round(x * 1000) / 1000;
  return { cases: en.length, tp, fp, fn, wrongKind, precision: r2(tp / Math.max(1, tp + fp)), recall: r2(tp / Math.max(1, tp + fn)), localRecall: r2(localHits / Math.max(1, local.length)), localCases: local.length, foreign, errors };
}
