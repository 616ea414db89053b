// Text → features for the intent classifiers. Words are normalised (lower case, NFKC,
// accents stripped from Latin letters only — Devanagari vowel signs are letters' marks and
// stay), then stemmed by NLP.js's Snowball-style stemmers for every language the businesses'
// customers write (en, es, pt, fr, de on Latin words; hi on Devanagari words). The stems of
// all Latin stemmers are added as a set, so "reservar" / "réserver" / "reserve" share stems
// without guessing the language of a three-word message. Hinglish and Arabic get words and
// character n-grams only (no stemmer reads them).
import langDe from "@nlpjs/lang-de";
import langEn from "@nlpjs/lang-en-min";
import langEs from "@nlpjs/lang-es";
import langFr from "@nlpjs/lang-fr";
import langHi from "@nlpjs/lang-hi";
import langPt from "@nlpjs/lang-pt";

const LATIN_STEMMERS = [new langEn.StemmerEn(), new langEs.StemmerEs(), new langPt.StemmerPt(), new langFr.StemmerFr(), new langDe.StemmerDe()];
const HINDI_STEMMER = new langHi.StemmerHi();

/** Lower case, NFKC, accents off Latin letters, curly apostrophes straightened. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFKC")
    .replace(/[’‘`]/g, "'");
}

/** Word tokens of normalised text (letters with their marks, digits, inner apostrophes). */
export function tokens(normalised: string): string[] {
  return (normalised.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}']*/gu) ?? []).map((w) => w.replace(/'+$/, ""));
}

const DEVANAGARI = /\p{Script=Devanagari}/u;
const stemCache = new Map<string, string[]>();
const STEM_CACHE_MAX = 50_000;

/** The distinct stems of a word by each stemmer that reads its script (none for short words and numbers). */
export function stems(word: string): string[] {
  const hit = stemCache.get(word);
  if (hit) return hit;
  let out: string[] = [];
  if (word.length >= 4 && !/^\p{N}+$/u.test(word)) {
    const stemmers = DEVANAGARI.test(word) ? [HINDI_STEMMER] : /^[\p{Script=Latin}']+$/u.test(word) ? LATIN_STEMMERS : [];
    const set = new Set<string>();
    for (const s of stemmers) {
      const st = s.stem([word])[0];
      if (st && st !== word && st.length >= 2) set.add(st);
    }
    out = [...set];
  }
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

const EMOJI = /\p{Extended_Pictographic}/gu;

export interface FeatureOptions {
  /** Add stems (NLP.js stemmers). Default true. */
  stems?: boolean;
  /** Character n-gram length inside words (typo tolerance); 0 for none. Default 3. */
  charGrams?: number;
}

/** Bag of features of one message: words, stems, word bigrams, character n-grams, emoji, "?" and length. */
export function textFeatures(text: string, opts: FeatureOptions = {}): string[] {
  const { stems: withStems = true, charGrams = 3 } = opts;
  const lower = normalise(text);
  const words = tokens(lower);
  const out: string[] = [];
  for (const w of words) {
    out.push(`w:${w}`);
    if (withStems) for (const s of stems(w)) out.push(`s:${s}`);
    if (charGrams > 0) {
      const padded = `^${w}$`;
      for (let i = 0; i + charGrams <= padded.length; i++) out.push(`c:${padded.slice(i, i + charGrams)}`);
    }
  }
  for (let i = 0; i + 1 < words.length; i++) out.push(`b:${words[i]}_${words[i + 1]}`);
  for (const e of text.match(EMOJI) ?? []) out.push(`e:${e}`);
  if (lower.includes("?") || lower.includes("¿")) out.push("q:mark");
  if (words.length === 0) out.push("empty");
  out.push(`len:${Math.min(words.length, 6)}`);
  return out;
}
