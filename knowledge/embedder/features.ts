// Sparse weighted features of a text for the hashing embedder: word unigrams (stems),
// adjacent-word bigrams, and character 3–5-grams of each word (so "colour" ~ "colouring",
// "manicure" ~ "mani"). Weights use sub-linear tf: (1 + ln tf) × feature-kind weight.
import { analyze } from "../text/analyze.js";

export interface FeatureWeights {
  unigram: number;
  bigram: number;
  /** Shared by all char n-grams of one word occurrence. */
  chargram: number;
}

export const DEFAULT_WEIGHTS: FeatureWeights = { unigram: 1, bigram: 0.6, chargram: 0.6 };
const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** Feature → weight, ready to hash. Keys are prefixed by kind so kinds never collide. */
export function features(text: string, w: FeatureWeights = DEFAULT_WEIGHTS): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
  const tokens = analyze(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    bump(`u:${t.stem}`, 1);
    const next = tokens[i + 1];
    if (next) bump(`b:${t.stem} ${next.stem}`, 1);
    const grams = charGrams(t.word);
    // one word contributes one unit of char-gram mass however long it is
    for (const g of grams) bump(`c:${g}`, 1 / grams.length);
  }
  const out = new Map<string, number>();
  for (const [key, tf] of counts) {
    const kind = key[0] === "u" ? w.unigram : key[0] === "b" ? w.bigram : w.chargram;
    // fractional char-gram counts: sub-linear on the scaled count, never negative
    const sub = tf >= 1 ? 1 + Math.log(tf) : tf;
    out.set(key, sub * kind);
  }
  return out;
}

function charGrams(word: string): string[] {
  const padded = `<${word}>`;
  if (padded.length <= MIN_GRAM) return [padded];
  const grams: string[] = [];
  for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}
