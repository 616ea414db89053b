// Names a contact gives for themselves: "I'm Priya", "my name is Priya Sharma", "this is
// Priya from…", "call me P". What follows the trigger must look like a name to the tagger:
// not a verb, adjective, number, place or common word ("I'm looking for…", "I'm good",
// "I'm 5 minutes late", "I'm in Bristol" are not names).
import { findAll, hasAny, words, type Token } from "./tokens.js";

const TRIGGERS = {
  /** Self-introductions. */
  intro: words(["i am", "my name is", "name is", "i am called", "the name is", "this is", "it is"]),
  /** A name to use, which may be a nickname or an initial. */
  callMe: words(["call me", "you can call me", "please call me"]),
};
/** Tags a name word never has. */
const NOT_NAME = [
  "Verb", "Adjective", "Adverb", "Value", "Date", "Determiner", "Preposition", "Conjunction", "Pronoun",
  "QuestionWord", "Expression", "Negative", "Possessive", "Place", "Organization", "Currency", "Url",
];
const NAME_TAGS = ["Person", "FirstName", "LastName", "MaleName", "FemaleName", "Honorific"];
/** Words after "this is"/"it is" that start a sentence about something else. */
const STOP_AFTER = new Set(["here", "speaking", "from", "again", "calling", "and", "with", "at"]);
const MAX_PARTS = 3;

const isCapitalized = (t: Token) => /^\p{Lu}/u.test(t.text);
const letters = (t: Token) => t.text.replace(/[.'’-]/g, "");
const wordLike = (t: Token) => /^\p{L}[\p{L}'’.-]*$/u.test(t.text) && !/['’]s$/i.test(t.text);

/** Could `t` be (part of) a personal name? */
function namePart(t: Token, first: boolean, kind: "intro" | "callMe", lowerOk: boolean): boolean {
  if (!wordLike(t) || letters(t).length > 20) return false;
  const named = hasAny(t, NAME_TAGS) && !hasAny(t, ["Verb", "Adjective", "Adverb", "Date", "Value"]);
  if (named) return lowerOk || isCapitalized(t) || !first || kind === "callMe" || t.tags.has("Person");
  if (hasAny(t, NOT_NAME)) {
    // "call me P": a single capital letter is a fine nickname
    return kind === "callMe" && first && /^\p{Lu}\.?$/u.test(t.text);
  }
  if (kind === "callMe" && first && /^\p{Lu}{1,3}$/u.test(letters(t))) return true;
  if (t.known) return false; // a common word ("fine", "back", "here")
  return isCapitalized(t) || lowerOk;
}

/** The name introduced in one sentence, or null. */
export function nameIn(tokens: Token[]): string | null {
  for (const kind of ["callMe", "intro"] as const) {
    for (const { start, end } of findAll(tokens, TRIGGERS[kind])) {
      const trigger = tokens.slice(start, end).map((t) => t.word).join(" ");
      // "this is"/"it is" introduce a name only at the start of a sentence ("hi, this is…")
      const deictic = trigger === "this is" || trigger === "it is";
      if (deictic && tokens.slice(0, start).some((t) => !hasAny(t, ["Expression"]))) continue;
      if (tokens[end - 1]?.breakAfter) continue;
      const parts: Token[] = [];
      // lowercase names are accepted only when the name ends the clause ("im priya", "i'm priya from…")
      for (let i = end; i < tokens.length && parts.length < MAX_PARTS; i++) {
        const t = tokens[i]!;
        const next = tokens[i + 1];
        const endsClause = t.breakAfter || !next || STOP_AFTER.has(next.word) || next.tags.has("Expression");
        if (!namePart(t, parts.length === 0, kind, endsClause)) break;
        parts.push(t);
        if (t.breakAfter) break;
      }
      if (parts.length === 0) continue;
      const after = tokens[end + parts.length];
      // "I'm Priya's mum", "I'm Anna Karenina fan": the name must not run into more noun phrase
      if (after && !parts.at(-1)!.breakAfter && hasAny(after, ["Noun"]) && !STOP_AFTER.has(after.word) && !after.tags.has("Pronoun")) continue;
      return parts.map((p) => formatPart(p.text)).join(" ");
    }
  }
  return null;
}

function formatPart(text: string): string {
  const t = text.replace(/[.,!?]+$/, "");
  if (/^\p{Lu}{1,3}\.?$/u.test(t)) return t; // an initial stays as written
  return t.charAt(0).toUpperCase() + t.slice(1);
}
