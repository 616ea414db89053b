// How the local tier words its replies. Knowledge answers are built ONLY from the text of
// the returned entries: the best entry's most relevant sentences, plus a close second entry.
import type { SearchResult, SearchResultHit } from "../../tools/registry.js";

export interface ComposeOptions {
  /** Hits scoring below this are not relevant enough to answer from. */
  minScore: number;
  /** A second hit is mentioned when its score is within this margin of the best one. */
  closeMargin: number;
  businessName?: string;
}

export interface Composed {
  text: string;
  /** Nothing relevant enough was found. */
  unknown: boolean;
  entryIds: string[];
}

const STOP = new Set(
  ("a an and are at be by can could do does for from have how i in is it me my of on or our " +
    "please tell the there this to was what when where which who why will with you your yours")
    .split(" "),
);
const MAX_ANSWER_CHARS = 320;

function terms(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => !STOP.has(w)).map((w) => (w.length > 3 ? w.replace(/(es|s)$/, "") : w)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const t of a) if (b.has(t)) n++;
  return n;
}

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Short entries are quoted whole; longer ones are cut to the sentences about the query. */
const QUOTE_WHOLE_CHARS = 160;

/** The entry's sentences most related to the query, in their original order. */
export function condense(hit: SearchResultHit, query: string, maxChars = MAX_ANSWER_CHARS): string {
  const all = sentences(hit.text);
  const whole = all.join(" ");
  if (whole.length <= QUOTE_WHOLE_CHARS) return whole;
  const q = terms(query);
  const scored = all.map((s, i) => ({ s, i, o: overlap(q, terms(s)) }));
  const related = scored.filter((r) => r.o > 0).sort((a, b) => b.o - a.o || a.i - b.i);
  const pool = related.length > 0 ? related : scored;
  const chosen: typeof scored = [];
  let len = 0;
  for (const r of pool) {
    if (chosen.length > 0 && len + r.s.length + 1 > maxChars) continue;
    chosen.push(r);
    len += r.s.length + 1;
  }
  const text = chosen.sort((a, b) => a.i - b.i).map((r) => r.s).join(" ");
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1).trimEnd()}…`;
}

function withTitle(hit: SearchResultHit, body: string): string {
  const titleTerms = terms(hit.title);
  return overlap(titleTerms, terms(body)) >= Math.min(1, titleTerms.size) ? body : `${hit.title}: ${body}`;
}

export function dontKnow(businessName?: string): string {
  const who = businessName ? `someone from ${businessName}` : "a person from the team";
  return `I'm sorry, I don't have that information. Would you like me to connect you with ${who}?`;
}

/**
 * Newer facts win: an owner's note (taught in chat) that is nearly as relevant as the best
 * hit (within this margin) and newer than it answers first. Chosen on examples like "gel
 * nails price" → the seeded price list 0.85 vs the note "Gel manicure is now £35." 0.60.
 */
export const NEWER_NOTE_MARGIN = 0.3;
/** Content words an older entry shares with the winning note for it to count as the same subject. */
const SAME_SUBJECT_TERMS = 2;

const time = (h: SearchResultHit): number => (h.updated ? Date.parse(h.updated) || 0 : 0);

/** A hit nearly as relevant as the best whose title names everything the question asks about wins over it. */
const TITLE_MARGIN = 0.05;

/**
 * The hit to answer from first: the best, unless a newer owner note is nearly as relevant,
 * or a nearly-as-relevant entry's title is the question's subject ("what are your opening
 * hours?" → *Opening hours*, not *Contact us*, which mentions opening hours in passing).
 */
function pickFirst(relevant: SearchResultHit[], query: string): SearchResultHit {
  const best = relevant[0]!;
  const newerNotes = relevant.filter(
    (h) => h.kind === "owner-note" && best.score - h.score <= NEWER_NOTE_MARGIN && time(h) > time(best),
  );
  const newest = newerNotes.sort((a, b) => time(b) - time(a))[0];
  if (newest) return newest;
  const asked = terms(query);
  const names = (h: SearchResultHit) => {
    const title = terms(h.title);
    return asked.size > 0 && title.size > 0 && [...title].every((t) => asked.has(t));
  };
  if (names(best)) return best;
  return relevant.find((h) => best.score - h.score <= TITLE_MARGIN && names(h)) ?? best;
}

export function composeAnswer(result: SearchResult, opts: ComposeOptions): Composed {
  const relevant = result.hits.filter((h) => h.score >= opts.minScore).sort((a, b) => b.score - a.score);
  if (!relevant[0]) return { text: dontKnow(opts.businessName), unknown: true, entryIds: [] };
  const best = pickFirst(relevant, result.query);
  let text = withTitle(best, condense(best, result.query));
  const ids = [best.entryId];
  const bestTerms = terms(`${best.title} ${best.text}`);
  // an entry older than the owner's note it answers from, on the same subject, is outdated: never quoted beside it
  const outdated = (h: SearchResultHit) =>
    best.kind === "owner-note" && time(h) < time(best) && overlap(bestTerms, terms(h.text)) >= SAME_SUBJECT_TERMS;
  const second = relevant.find((h) => h.entryId !== best.entryId && !outdated(h));
  const topScore = relevant[0].score;
  if (
    second &&
    topScore - second.score <= opts.closeMargin &&
    overlap(terms(result.query), terms(`${second.title} ${second.text}`)) > 0
  ) {
    text += `\n\nAlso — ${withTitle(second, condense(second, result.query, 200))}`;
    ids.push(second.entryId);
  }
  return { text, unknown: false, entryIds: ids };
}

/** `contactName`: the name the contact gave us (memory), used where natural. */
export function smallTalk(intent: "greeting" | "thanks" | "goodbye", businessName?: string, contactName?: string): string {
  const hi = contactName ? `Hi ${contactName}!` : "Hi!";
  switch (intent) {
    case "greeting":
      return businessName ? `${hi} Welcome to ${businessName}. How can I help you today?` : `${hi} How can I help you today?`;
    case "thanks":
      return `You're welcome${contactName ? `, ${contactName}` : ""}! Is there anything else I can help you with?`;
    case "goodbye":
      return businessName ? `Thanks for contacting ${businessName}. Have a great day!` : "Thanks for reaching out. Have a great day!";
  }
}

export function handoffAck(businessName?: string): string {
  const team = businessName ? `the ${businessName} team` : "the team";
  return `Sure — I've passed your request to ${team}. Someone will reply here as soon as they can.`;
}
