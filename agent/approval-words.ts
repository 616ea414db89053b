// An owner answering a pending approval in words ("yes delete it", "no keep it") instead of
// the button: a short, plain yes or no (agent/nlu's yes/no reader, confident) with nothing
// else asked or changed. Anything longer, a question, or a "yes but…" is a new message and
// goes through the turn as before (which cancels the pending approval and re-plans).
import { extractYesNo } from "./nlu/yesno.js";

/** At most this many words: "yes go ahead and delete it" is a decision; a paragraph is not. */
export const APPROVAL_WORDS_MAX = 6;
const CONDITIONS = /\b(?:but|instead|change|except|only|unless|wait|which|if|first|later|tomorrow|tuesday|monday|wednesday|thursday|friday|saturday|sunday)\b|\d/i;

export function approvalDecision(text: string): "approve" | "reject" | null {
  const t = text.trim();
  const words = t.split(/\s+/).filter(Boolean).length;
  if (!t || words > APPROVAL_WORDS_MAX || t.includes("?") || CONDITIONS.test(t)) return null;
  const yn = extractYesNo(t);
  if (!yn || yn.confidence < 0.7) return null;
  return yn.value === "yes" ? "approve" : yn.value === "no" ? "reject" : null;
}
