// Which language a contact writes in, only when the evidence is clear: enough words and
// letters, the detector's own reliability check, and a margin over the runner-up. Uses
// eld (n-gram model bundled in the package, nothing downloaded; the 2 MB "medium" table is
// imported on first use, ~0.3 s, so `warmLanguageDetector()` at start-up keeps it off a turn).
import type { eld as EldInstance } from "eld";

export type Eld = typeof EldInstance;

export interface LanguageGuess {
  /** ISO 639-1 code ("en", "es", "hi"). */
  code: string;
  score: number;
  /** (best − second) / best */
  margin: number;
}

export const LANGUAGE_RULES = {
  /** Words of two or more letters. */
  minWords: 4,
  minLetters: 20,
  /** Relative lead over the second language (Spanish/Portuguese, Hindi/Marathi are close). */
  minMargin: 0.08,
};

let loading: Promise<Eld> | undefined;

/** Imports the detector's tables (once). */
export function warmLanguageDetector(): Promise<Eld> {
  loading ??= import("eld/medium").then((m) => m.eld);
  return loading;
}

/** Letters-only view of the text: links, handles, digits and emoji carry no language. */
function letterText(text: string): { clean: string; words: number; letters: number } {
  const clean = text
    .replace(/https?:\/\/\S+|www\.\S+|\S+@\S+|[@#]\w+/gi, " ")
    .replace(/[^\p{L}\p{M}'’\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const words = clean.split(" ").filter((w) => (w.match(/\p{L}/gu)?.length ?? 0) >= 2).length;
  const letters = clean.match(/\p{L}/gu)?.length ?? 0;
  return { clean, words, letters };
}

/** The language of `text` with the detector given, or null when not confident. */
export function guessLanguage(eld: Eld, text: string): LanguageGuess | null {
  const { clean, words, letters } = letterText(text);
  if (words < LANGUAGE_RULES.minWords || letters < LANGUAGE_RULES.minLetters) return null;
  const result = eld.detect(clean);
  if (!result.language || !result.isReliable()) return null;
  const ranked: Array<[string, number]> = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[0] !== result.language || best[1] <= 0) return null;
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  if (margin < LANGUAGE_RULES.minMargin) return null;
  return { code: best[0], score: best[1], margin };
}

/** Same, loading the detector first. */
export async function identifyLanguage(text: string): Promise<LanguageGuess | null> {
  return guessLanguage(await warmLanguageDetector(), text);
}

/** "es" → "Spanish" (English names; the code itself when unknown). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
