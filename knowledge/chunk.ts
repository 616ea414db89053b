// Splitting an entry's content into retrieval chunks. Short entries are one chunk. Long
// content is split on paragraphs, then sentences, then words, and packed greedily into
// chunks of about `target` characters; each chunk after the first starts with the tail
// (up to `overlap` characters, whole sentences where possible) of the previous one so a
// fact straddling a boundary is still found.
export interface ChunkOptions {
  /** Aim for chunks of about this many characters (default 500). */
  target?: number;
  /** Carry up to this many characters of the previous chunk into the next (default 80). */
  overlap?: number;
}

export function chunkText(content: string, opts: ChunkOptions = {}): string[] {
  const target = opts.target ?? 500;
  const overlap = Math.min(opts.overlap ?? 80, Math.floor(target / 3));
  const text = content.replace(/\r\n?/g, "\n").trim();
  if (!text) return [];
  // a little slack so an entry just over the target is not cut into a sliver
  if (text.length <= target * 1.2) return [collapse(text)];

  const units = splitUnits(text, target);
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const unit of units) {
    if (length > 0 && length + 1 + unit.length > target) {
      chunks.push(current.join(" "));
      current = tail(current, overlap);
      length = current.reduce((n, u) => n + u.length + 1, 0);
    }
    current.push(unit);
    length += unit.length + 1;
  }
  if (current.length) chunks.push(current.join(" "));
  return chunks;
}

/** Paragraphs, sentences within long paragraphs, word runs within long sentences. */
function splitUnits(text: string, target: number): string[] {
  const units: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    const p = collapse(para);
    if (!p) continue;
    if (p.length <= target) {
      units.push(p);
      continue;
    }
    for (const sentence of p.split(/(?<=[.!?;:])\s+(?=\S)/)) {
      if (sentence.length <= target) units.push(sentence);
      else units.push(...splitWords(sentence, target));
    }
  }
  return units;
}

function splitWords(sentence: string, target: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of sentence.split(" ")) {
    if (line && line.length + 1 + word.length > target) {
      out.push(line);
      line = "";
    }
    // a single "word" longer than the target (a URL, a token dump) is cut hard
    for (let w = word; w.length; w = w.slice(target)) {
      const piece = w.slice(0, target);
      line = line ? `${line} ${piece}` : piece;
      if (line.length >= target) {
        out.push(line);
        line = "";
      }
    }
  }
  if (line) out.push(line);
  return out;
}

/** The last units of a chunk that fit in `overlap` characters (never the whole chunk). */
function tail(units: string[], overlap: number): string[] {
  const out: string[] = [];
  let length = 0;
  for (let i = units.length - 1; i > 0; i--) {
    const u = units[i]!;
    if (length + u.length + 1 > overlap) break;
    out.unshift(u);
    length += u.length + 1;
  }
  if (out.length === 0 && overlap > 0) {
    // no whole sentence fits: carry the last words of the last unit instead
    const words = (units[units.length - 1] ?? "").split(" ");
    const kept: string[] = [];
    for (let i = words.length - 1, n = 0; i > 0 && n + words[i]!.length + 1 <= overlap; i--) {
      kept.unshift(words[i]!);
      n += words[i]!.length + 1;
    }
    if (kept.length) out.push(kept.join(" "));
  }
  return out;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
