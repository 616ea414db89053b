// Text analysis shared by the local embedder and the keyword (BM25) index, so both see
// the same words: lowercase, accents stripped, punctuation dropped, stopwords removed,
// Porter-stemmed.
import { stemmer } from "stemmer";
import { STOPWORDS } from "./stopwords.js";

export interface Token {
  /** The normalized surface word (lowercase, no accents), e.g. "opening". */
  word: string;
  /** Its stem, e.g. "open". */
  stem: string;
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lowercase, strip accents, fold apostrophes so "don't" is one word. */
export function normalize(text: string): string {
  return text.normalize("NFKD").replace(COMBINING_MARKS, "").toLowerCase().replace(/['’]/g, "");
}

/** Content tokens of a text, in order. Stopwords are dropped; numbers are kept. */
export function analyze(text: string): Token[] {
  const out: Token[] = [];
  for (const match of normalize(text).matchAll(WORD_RE)) {
    const word = match[0];
    if (STOPWORDS.has(word)) continue;
    out.push({ word, stem: /^\d/.test(word) ? word : stemmer(word) });
  }
  return out;
}

/** Stems only: the terms the keyword index works on. */
export function terms(text: string): string[] {
  return analyze(text).map((t) => t.stem);
}
