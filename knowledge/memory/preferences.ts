// Preferences a contact states about themselves: "I prefer Anna", "I'd rather have
// mornings", "no fragrances please", "I'm allergic to lavender". Stored as short phrases
// ("prefers Anna", "no fragrances", "allergic to lavender"). Questions are not preferences.
import { isNounPhrase, phraseFrom, phraseText } from "./phrase.js";
import { findAll, hasAny, matchAt, words, type Token } from "./tokens.js";

const PREFER = words([
  "i prefer", "i would prefer", "i would rather have", "i would rather", "i always prefer", "i really prefer",
  "i much prefer", "i always ask for", "i always book with", "i always go with", "i always see", "i usually see",
  "i usually book with", "i usually go with", "my favourite is", "my favorite is", "my favourite stylist is",
  "my favorite stylist is", "my preference is", "i would like it to be with", "i only want",
]);
const ALLERGIC = words(["i am allergic to", "i am sensitive to", "i have an allergy to", "i am intolerant to"]);
const DONT_WANT = words(["i do not want any", "i do not want", "please do not use", "do not use any", "do not use", "please no", "no", "without"]);
/** "no thanks", "no problem": not preferences. */
const NOT_PREFERENCES = new Set([
  "thanks", "thank", "problem", "worries", "worry", "idea", "way", "one", "time", "need", "rush", "clue", "stress",
  "pressure", "longer", "matter", "doubt", "chance", "reply", "answer", "response", "appointment", "booking", "slot",
]);
const MAX_WORDS = 5;
/** Where the thing not wanted ends: "no perfume [on me]", "no fragrances [please]". */
const OBJECT_STOPS: ReadonlySet<string> = new Set(["on", "in", "for", "at", "to", "with", "during", "please", "because", "but", "and", "as", "since", "so", "thanks", "thank", "if"]);

function objectAfter(tokens: Token[], end: number): string | null {
  const first = tokens[end];
  if (!first || hasAny(first, ["Negative", "Pronoun"]) || first.word === "not") return null;
  // "I'd prefer to come in the morning"
  if (first.word === "to" && tokens[end + 1] && hasAny(tokens[end + 1]!, ["Verb"])) {
    const p = phraseFrom(tokens, end, MAX_WORDS + 1);
    return p.tokens.length >= 2 ? phraseText(p.tokens) : null;
  }
  const p = phraseFrom(tokens, end, MAX_WORDS);
  const nounish = p.tokens.filter((t) => !(t.word === "in" || t.word === "on" || t.word === "at" || t.word === "with"));
  return isNounPhrase(nounish) ? phraseText(p.tokens) : null;
}

export function preferencesIn(tokens: Token[], isQuestion: boolean): string[] {
  if (isQuestion) return [];
  const out: string[] = [];
  for (const { end } of findAll(tokens, PREFER)) {
    const obj = objectAfter(tokens, end);
    if (obj) out.push(`prefers ${obj}`);
  }
  for (const { end } of findAll(tokens, ALLERGIC)) {
    const p = phraseFrom(tokens, end, 4);
    if (isNounPhrase(p.tokens)) out.push(`${tokens[end - 2]?.word === "sensitive" ? "sensitive" : "allergic"} to ${phraseText(p.tokens)}`);
  }
  // "I have a nut allergy"
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.word !== "allergy" && tokens[i]!.word !== "allergies") continue;
    let start: number | null = null;
    for (let j = Math.max(0, i - 5); j < i && start === null; j++) {
      start = matchAt(tokens, j, ["i", "have", "a"]) ?? matchAt(tokens, j, ["i", "have", "an"]) ?? matchAt(tokens, j, ["i", "have"]);
    }
    if (start === null || start >= i) continue;
    const what = tokens.slice(start, i);
    if (what.length && what.every((t) => hasAny(t, ["Noun", "Adjective"]) && !t.tags.has("Pronoun"))) out.push(`allergic to ${phraseText(what)}`);
  }
  for (const { start, end } of findAll(tokens, DONT_WANT)) {
    const lead = tokens.slice(start, end).map((t) => t.word).join(" ");
    // a bare "no" / "without" counts only at the start of a sentence and with "please" in it
    if ((lead === "no" || lead === "without") && (start > 1 || (start === 1 && !hasAny(tokens[0]!, ["Expression"])))) continue;
    if ((lead === "no" || lead === "without") && !tokens.some((t) => t.word === "please")) continue;
    if (lead === "no" && tokens[start]!.breakAfter) continue; // "no, thanks"
    const p = phraseFrom(tokens, end, 3, OBJECT_STOPS);
    const head = p.tokens.at(-1);
    if (!head || NOT_PREFERENCES.has(head.word) || !isNounPhrase(p.tokens, NOT_PREFERENCES)) continue;
    if (!hasAny(head, ["Plural", "Uncountable"]) && !p.tokens.some((t) => t.word === "any") && lead !== "please do not use" && lead !== "do not use") {
      // "no fragrances", "no perfume": mass or plural things, not "no appointment"
      if (!/(s|ance|ence|ing|oil|wax|gel|dye|bleach|perfume|scent|polish|spray|talk|chat|music)$/.test(head.word)) continue;
    }
    out.push(`no ${phraseText(p.tokens)}`);
  }
  return [...new Set(out)];
}
