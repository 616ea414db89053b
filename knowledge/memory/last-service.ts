// The service a contact last had: "I had a balayage last time", "last time I got
// highlights", "my last cut was a bob", "I came in for a facial last week". A time marker
// ("last time", "before", "last week") is required: "I had a question" is not a service.
import { isNounPhrase, phraseFrom, phraseText } from "./phrase.js";
import { findAll, matchAt, words, type Token } from "./tokens.js";

const HAD = words(["i had", "i got", "i did", "i came in for", "i came for", "i booked", "i went for", "i have had"]);
const WHEN_AFTER = words([
  "last time", "last week", "last month", "last year", "last visit", "the other day", "before", "previously",
  "last monday", "last tuesday", "last wednesday", "last thursday", "last friday", "last saturday", "last sunday",
  "a few weeks ago", "a month ago", "a week ago",
]);
const WHEN_BEFORE = words(["last time", "last visit", "last week", "last month", "the last time", "previously"]);
const LAST_X = words(["my last", "my previous", "the last"]);
const GENERIC = new Set(["appointment", "visit", "booking", "service", "treatment", "session", "time"]);
/** Heads that are not services: "I had a question", "I had a problem". */
const NOT_SERVICES = new Set([
  "question", "problem", "issue", "chat", "call", "experience", "look", "word", "time", "day", "week", "month", "year",
  "message", "reply", "answer", "baby", "cold", "headache", "meeting", "lunch", "coffee", "go", "idea", "feeling",
  "visit", "appointment", "booking", "bit", "lot", "minute", "hour",
]);
const STOP = new Set(["last", "the", "before", "previously", "a", "and", "but", "because", "so", "which", "with", "at", "here", "there", "done", "from", "by", "on", "in"]);

function serviceAt(tokens: Token[], start: number): { text: string; end: number } | null {
  const p = phraseFrom(tokens, start, 4, new Set([...STOP].filter((w) => w !== "a" && w !== "the")));
  let toks = p.tokens;
  while (toks.length && !isNounPhrase(toks, NOT_SERVICES, true)) toks = toks.slice(0, -1);
  if (!toks.length) return null;
  return { text: phraseText(toks), end: start + toks.length };
}

function timeAt(tokens: Token[], at: number): boolean {
  let i = at;
  if (tokens[i]?.word === "done" || tokens[i]?.word === "here" || tokens[i]?.word === "with") i++;
  if (tokens[i - 1]?.word === "with" && tokens[i]) i++; // "with Anna"
  return WHEN_AFTER.some((w) => matchAt(tokens, i, w) !== null);
}

export function lastServiceIn(tokens: Token[], isQuestion: boolean): string | null {
  // "I had a balayage last time"
  for (const { end } of findAll(tokens, HAD)) {
    const s = serviceAt(tokens, end);
    if (s && !isQuestion && timeAt(tokens, s.end)) return s.text;
  }
  // "last time I had a balayage"
  for (const { end } of findAll(tokens, WHEN_BEFORE)) {
    const after = findAll(tokens.slice(end, end + 3), HAD)[0];
    if (!after || after.start !== 0) continue;
    const s = serviceAt(tokens, end + after.end);
    if (s) return s.text;
  }
  // "my last cut was a bob", "my last appointment was a facial"
  for (const { end } of findAll(tokens, LAST_X)) {
    const what = tokens[end];
    if (!what || !isNounPhrase([what], NOT_SERVICES.has(what.word) && !GENERIC.has(what.word) ? NOT_SERVICES : new Set())) continue;
    const was = matchAt(tokens, end + 1, ["was"]) ?? matchAt(tokens, end + 1, ["was", "for"]);
    const detail = was !== null && !what.breakAfter ? serviceAt(tokens, tokens[was]?.word === "for" ? was + 1 : was) : null;
    if (GENERIC.has(what.word)) {
      if (detail) return detail.text;
      continue;
    }
    return detail && detail.text !== what.word ? `${what.word} (${detail.text})` : what.word;
  }
  return null;
}
