// Messages about the memory itself ("forget me", "what do you remember about me?", "delete
// my data", "forget my name"): never mined for facts, so "forget that I'm Priya" does not
// teach the name it asks to forget.
const FORGET = [
  /\b(forget|delete|erase|remove|wipe|clear|drop)\b[^.!?]{0,40}\b(me|my|mine|about me|everything|data|details|info|information|memory|name|preferences?)\b/i,
  /\b(forget|delete|erase) (that|what|the fact that) i\b/i,
  /\b(don'?t|do not|stop) (remember|remembering|storing|saving|keeping)\b/i,
];
const RECALL = [
  /\b(what|anything|everything)\b[^.!?]{0,30}\b(remember|know|stored|saved|keep|have)\b[^.!?]{0,20}\babout me\b/i,
  /\bdo you (remember|know) (me|my)\b/i,
];

export function isMemoryControl(text: string): boolean {
  return isForgetRequest(text) || RECALL.some((re) => re.test(text));
}

/**
 * A request to forget or not to keep ("forget my name", "delete my data", "stop saving"). A
 * turn with one learns nothing at all, from any of its messages: the forget tool runs during
 * the turn and learning after it, so "I'm Ana" + "forget my name" in one burst would
 * otherwise teach back the name just forgotten.
 */
export function isForgetRequest(text: string): boolean {
  return FORGET.some((re) => re.test(text));
}
