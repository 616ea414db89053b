// compromise (in-process English NLP, lexicon bundled, nothing downloaded) turned into
// the small token stream the extractors read: contractions expanded ("I'm" → i, am),
// part-of-speech tags, whether the word is in compromise's lexicon, and clause breaks.
import nlp from "compromise";

export interface Token {
  /** Lowercase word, contractions expanded. */
  word: string;
  /** The word as written (case kept; "" for the implicit half of a contraction). */
  text: string;
  tags: ReadonlySet<string>;
  /** The word is in the lexicon (a common English word or a known first name). */
  known: boolean;
  /** Punctuation after it ends a clause (, . ! ? ; : — and line breaks). */
  breakAfter: boolean;
}

interface TermJson {
  text: string;
  normal: string;
  implicit?: string;
  post: string;
  tags: string[];
}

const lexicon = (nlp.model() as { one: { lexicon: Record<string, unknown> } }).one.lexicon;

export function isKnownWord(word: string): boolean {
  return lexicon[word.toLowerCase()] !== undefined;
}

/** Sentences of `text` as token lists. */
export function sentences(text: string): Token[][] {
  const doc = nlp(text.slice(0, 2000));
  return (doc.sentences().json() as Array<{ terms: TermJson[] }>).map((s) =>
    s.terms.map((t) => {
      const word = (t.implicit ?? t.normal).toLowerCase();
      const bare = t.normal.replace(/['’]s$/, "");
      return {
        word,
        text: t.implicit && !t.text ? "" : t.text,
        tags: new Set(t.tags),
        known: isKnownWord(t.implicit ?? bare),
        breakAfter: /[,.!?;:\n—–]|\s-\s/.test(t.post),
      };
    }),
  );
}

/** Index right after `phrase` when the tokens at `at` spell it without a clause break inside. */
export function matchAt(tokens: Token[], at: number, phrase: readonly string[]): number | null {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[at + k];
    if (!t || t.word !== phrase[k]) return null;
    if (k < phrase.length - 1 && t.breakAfter) return null;
  }
  return at + phrase.length;
}

/** Every (start, end) where one of `phrases` occurs; the longest phrase wins at a start. */
export function findAll(tokens: Token[], phrases: ReadonlyArray<readonly string[]>): Array<{ start: number; end: number }> {
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  const out: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const p of sorted) {
      const end = matchAt(tokens, i, p);
      if (end !== null) {
        out.push({ start: i, end });
        break;
      }
    }
  }
  return out;
}

export const words = (phrases: string[]): string[][] => phrases.map((p) => p.split(" "));

export function hasAny(t: Token, tags: readonly string[]): boolean {
  return tags.some((g) => t.tags.has(g));
}
