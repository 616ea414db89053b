// Reading the noun phrase after a trigger ("I prefer [Anna]", "I had [a balayage] last
// time"): it stops at a clause break or a linking word, and must be headed by a noun.
import { hasAny, type Token } from "./tokens.js";

const LINKS = new Set([
  "because", "but", "if", "as", "since", "so", "when", "please", "than", "and", "or", "though", "although", "cause",
  "thanks", "thank", "cheers", "x", "xx", "which", "that", "who", "last", "this", "next", "before", "previously",
]);
const DROP_LEADING = new Set(["a", "an", "the", "my", "some", "any", "your"]);

export interface Phrase {
  tokens: Token[];
  /** Index right after the phrase. */
  end: number;
}

/** Up to `max` tokens from `start`, stopping at a break or a linking word. */
export function phraseFrom(tokens: Token[], start: number, max = 5, stopAt: ReadonlySet<string> = LINKS): Phrase {
  const out: Token[] = [];
  let i = start;
  for (; i < tokens.length && out.length < max; i++) {
    const t = tokens[i]!;
    if (stopAt.has(t.word) && out.length > 0) break;
    if (!t.text && !t.word) continue;
    out.push(t);
    if (t.breakAfter) {
      i++;
      break;
    }
  }
  return { tokens: out, end: i };
}

/** Text of the phrase, leading determiners dropped, as written (lowercase common words). */
export function phraseText(tokens: Token[]): string {
  const kept = [...tokens];
  while (kept.length && DROP_LEADING.has(kept[0]!.word)) kept.shift();
  return kept
    .map((t) => (t.text ? t.text : t.word))
    .join(" ")
    .replace(/[,.!?;:]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A noun phrase: nouns, adjectives, numbers and determiners, ending in a noun (not a pronoun). */
export function isNounPhrase(tokens: Token[], nonHeads: ReadonlySet<string> = new Set(), jargonHeads = false): boolean {
  const kept = tokens.filter((t) => !DROP_LEADING.has(t.word));
  if (kept.length === 0) return false;
  const head = kept.at(-1)!;
  // trade words the lexicon lacks ("facial", "balayage") may be tagged by suffix as adjectives
  const jargon = jargonHeads && !head.known && !hasAny(head, ["Verb", "Adverb", "Value"]);
  if ((!hasAny(head, ["Noun", "Date"]) && !jargon) || hasAny(head, ["Pronoun", "Possessive", "QuestionWord"])) return false;
  if (nonHeads.has(head.word) || nonHeads.has(head.word.replace(/s$/, ""))) return false;
  return kept.every((t) => hasAny(t, ["Noun", "Adjective", "Value", "Date", "Determiner", "Gerund"]) && !hasAny(t, ["Pronoun", "Negative", "Copula"]));
}
