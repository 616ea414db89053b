// Messages about the memory itself ("forget me", "what do you remember about me?", "delete
// my data", "forget my name"): never mined for facts, so "forget that I'm Priya" does not
// teach the name it asks to forget.
const CONTROL = [
  /\b(forget|delete|erase|remove|wipe|clear|drop)\b[^.!?]{0,40}\b(me|my|mine|about me|everything|data|details|info|information|memory|name|preferences?)\b/i,
  /\b(what|anything|everything)\b[^.!?]{0,30}\b(remember|know|stored|saved|keep|have)\b[^.!?]{0,20}\babout me\b/i,
  /\bdo you (remember|know) (me|my)\b/i,
  /\b(forget|delete|erase) (that|what|the fact that) i\b/i,
  /\b(don'?t|do not|stop) (remember|remembering|storing|saving|keeping)\b/i,
];

export function isMemoryControl(text: string): boolean {
  return CONTROL.some((re) => re.test(text));
}
