// Which turns may be cached: a lead's (callers are leads) FAQ-like question answered only by
// searching the tenant's knowledge, grounded in the entries found, with nothing about the
// contact in it, and an answer that does not depend on when it was given ("we're open until
// 6 today", "we're closed right now"). Pure; the graph calls it after a turn, before
// AnswerCache.store. The question side (self-contained, no "how much is it?") is checked by
// the cache itself (signature.ts).
import { KNOWLEDGE_SEARCH } from "../../tools/knowledge/schema.js";
import type { Role } from "../types.js";

export interface TurnFacts {
  role: Role;
  /** Names of every tool the turn called, in order, repeats included. */
  toolNames: readonly string[];
  /** The answer is grounded in knowledge entries (the search found some above the minimum score, and the reply used them). */
  grounded: boolean;
  /** Anything remembered about the contact was in the turn (memory in the prompt, greeting by name, memory tools). */
  usedMemory: boolean;
  /** The reply text. */
  answer: string;
}

/** Words that make an answer true only at the moment it was given. English only (see README). */
const NOW_RELATIVE = /\b(?:today|tonight|tomorrow|yesterday|now|right now|currently|at the moment|this (?:morning|afternoon|evening|week|weekend)|still open|already closed|just closed|in (?:an?|\d+) (?:minutes?|hours?))\b/i;

export function isTimeRelative(answer: string): boolean {
  return NOW_RELATIVE.test(answer);
}

export function isCacheableTurn(t: TurnFacts): boolean {
  return (
    t.role === "lead" &&
    t.toolNames.length > 0 &&
    t.toolNames.every((name) => name === KNOWLEDGE_SEARCH) &&
    t.grounded &&
    !t.usedMemory &&
    t.answer.trim().length > 0 &&
    !isTimeRelative(t.answer)
  );
}
