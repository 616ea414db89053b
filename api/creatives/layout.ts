// Text that never overflows: wrap at spaces (and inside a word only when the word alone is
// wider than the box, between grapheme clusters), shrinking the size step by step until
// the block fits the box; at the smallest size, lines past the box are dropped and the
// last one ends in "…". Pure: the caller supplies `measure` (the renderer's shaped width).

export type Measure = (text: string, size: number) => number;

export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
  maxSize: number;
  minSize: number;
  /** Line advance as a multiple of the size. */
  lineHeight: number;
  maxLines?: number;
}

export interface FittedText {
  size: number;
  lines: string[];
  /** Line advance in pixels. */
  lineAdvance: number;
  /** Some of the text did not fit even at `minSize` and was cut. */
  truncated: boolean;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Collapse whitespace (newlines included: a card line is the layout's business). */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Greedy wrap of `text` at `size` into lines no wider than `maxWidth`. */
export function wrap(text: string, size: number, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of cleanText(text).split(" ")) {
    if (!word) continue;
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    if (measure(word, size) <= maxWidth) {
      line = word;
      continue;
    }
    // a word wider than the box: break it between grapheme clusters
    line = "";
    for (const { segment } of graphemes.segment(word)) {
      if (line && measure(line + segment, size) > maxWidth) {
        lines.push(line);
        line = segment;
      } else line += segment;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The largest size (from maxSize down to minSize) at which `text` fits the box. */
export function fitText(text: string, measure: Measure, o: FitOptions): FittedText {
  const step = Math.max(1, Math.round((o.maxSize - o.minSize) / 24));
  const sizes: number[] = [];
  for (let s = o.maxSize; s > o.minSize; s -= step) sizes.push(s);
  sizes.push(o.minSize);
  for (const size of sizes) {
    const lines = wrap(text, size, o.maxWidth, measure);
    const advance = size * o.lineHeight;
    if (lines.length * advance <= o.maxHeight && (!o.maxLines || lines.length <= o.maxLines)) {
      return { size, lines, lineAdvance: advance, truncated: false };
    }
  }
  // even the smallest size overflows: keep what fits, end the last line with an ellipsis
  const size = o.minSize;
  const advance = size * o.lineHeight;
  const all = wrap(text, size, o.maxWidth, measure);
  const room = Math.max(1, Math.min(o.maxLines ?? Infinity, Math.floor(o.maxHeight / advance)));
  const lines = all.slice(0, room);
  let last = lines[room - 1] ?? "";
  while (last && measure(`${last}…`, size) > o.maxWidth) last = dropLastGrapheme(last).trimEnd();
  lines[room - 1] = `${last}…`;
  return { size, lines, lineAdvance: advance, truncated: true };
}

function dropLastGrapheme(s: string): string {
  const parts = [...graphemes.segment(s)];
  parts.pop();
  return parts.map((p) => p.segment).join("");
}
