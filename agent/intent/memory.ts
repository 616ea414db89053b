// The slot of a lead's "forget …" request for forget_my_memory: one kind of fact when the
// message names one ("forget my name"), otherwise everything ("forget me", "delete my data").
import type { ForgetMyMemoryArgs } from "../../tools/memory/schema.js";

const KINDS: Array<[RegExp, NonNullable<ForgetMyMemoryArgs["kind"]>]> = [
  [/\bmy name\b/i, "name"],
  [/\bmy (preferences?|likes|allerg(y|ies))\b/i, "preference"],
  [/\bmy (last|previous) (service|visit|appointment|treatment)\b/i, "last_service"],
  [/\bmy language\b/i, "language"],
];

export function forgetKind(text: string): NonNullable<ForgetMyMemoryArgs["kind"]> {
  const found = KINDS.filter(([re]) => re.test(text)).map(([, k]) => k);
  return found.length === 1 ? found[0]! : "all";
}
