// Chat spellings chrono-node does not know, rewritten before it parses ("tmrw" → tomorrow,
// "thurs" → thursday, "saturdays" → saturday), with a map from each rewritten index back
// to the original text so spans still point into what the person wrote.

const REWRITES: Array<[RegExp, string]> = [
  [/^(?:tmrw|tmrow|tmoz|tmr|2moro|2mrw|tomoz|tomorow|tommorow|tommorrow)$/i, "tomorrow"],
  [/^tonights$/i, "tonight"],
  [/^(?:mon|mondays)$/i, "monday"],
  [/^(?:tue|tues|tuesdays)$/i, "tuesday"],
  [/^(?:wed|weds|wednesdays)$/i, "wednesday"],
  [/^(?:thu|thur|thurs|thursdays)$/i, "thursday"],
  [/^(?:fri|fridays)$/i, "friday"],
  [/^(?:sat|saturdays)$/i, "saturday"],
  [/^(?:sun|sundays)$/i, "sunday"],
];

export interface Normalised {
  text: string;
  /** map[i]: index in the original of index i of `text` (length text.length + 1). */
  map: number[];
}

export function normalise(original: string): Normalised {
  let text = "";
  const map: number[] = [];
  let last = 0;
  for (const m of original.matchAll(/[A-Za-z0-9]+/g)) {
    const rule = REWRITES.find(([re]) => re.test(m[0]));
    if (!rule) continue;
    for (let i = last; i < m.index; i++) { text += original[i]; map.push(i); }
    for (let k = 0; k < rule[1].length; k++) { text += rule[1][k]; map.push(m.index + Math.min(k, m[0].length - 1)); }
    last = m.index + m[0].length;
  }
  for (let i = last; i < original.length; i++) { text += original[i]; map.push(i); }
  map.push(original.length);
  return { text, map };
}

/** The original span of [start, end) in the normalised text. */
export function backToOriginal(n: Normalised, start: number, end: number): [number, number] {
  return [n.map[start]!, end > start ? n.map[end - 1]! + 1 : n.map[start]!];
}
