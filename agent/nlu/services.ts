// Fuzzy matching of the tenant's service names (and aliases) in a message, robust to typos
// ("balayge"), phonetic spellings ("highlites"), abbreviations ("mani pedi") and plurals.
// Words are reduced to a light phonetic key, compared with Damerau–Levenshtein similarity
// (or as a ≥4-letter prefix), and a service scores the weighted mean over its content words
// found within a short window of the message. No match above the threshold → nothing.
import { isKnownWord } from "../../knowledge/memory/tokens.js";
import type { NluContext, ServiceDef, ServiceEntity } from "./types.js";

const STOP = new Set(["and", "the", "a", "an", "of", "with", "for", "or", "to", "in", "on", "my", "&", "+", "plus"]);
export const SERVICE_THRESHOLD = 0.8;

interface Word {
  key: string;
  start: number;
  end: number;
}

/** Light phonetic key: lowercase, no apostrophes/accents, ght→t, ph→f, doubled letters once, colour→color, plural s dropped. */
export function phoneticKey(word: string): string {
  let w = word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/['’]/g, "");
  w = w.replace(/ght/g, "t").replace(/ph/g, "f").replace(/ck/g, "k").replace(/our/g, "or").replace(/(.)\1+/g, "$1");
  if (w.length > 4) w = w.replace(/(?:es|s)$/, "");
  if (w.length > 4) w = w.replace(/e$/, "");
  return w;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'’]+/gu)) {
    const key = phoneticKey(m[0]);
    if (key && !STOP.has(m[0].toLowerCase())) out.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Similarity of a message word to a service word, 0..1. */
export function wordSimilarity(text: string, service: string): number {
  if (text === service) return 1;
  // "mani" → manicure; a real word of its own ("hair" → haircut) is not an abbreviation (compromise's lexicon decides).
  if (text.length >= 4 && service.startsWith(text) && !isKnownWord(text)) return 0.85;
  if (service.length >= 3 && text.startsWith(service) && text.length - service.length <= 3) return 0.9; // "haircuts" vs "haircut"
  if (Math.min(text.length, service.length) < 4) return 0;
  if (text[0] !== service[0]) return 0; // typos rarely hit the first letter; keeps "fade"/"made" apart
  return Math.max(0, 1 - osa(text, service) / Math.max(text.length, service.length));
}

interface Match {
  score: number;
  start: number;
  end: number;
}

const phraseCache = new Map<string, Word[]>();
function phraseWords(phrase: string): Word[] {
  let w = phraseCache.get(phrase);
  if (!w) {
    w = words(phrase);
    if (phraseCache.size > 5000) phraseCache.clear();
    phraseCache.set(phrase, w);
  }
  return w;
}

function matchPhrase(msg: Word[], phrase: string, sim: (a: string, b: string) => number, initials: Set<string>): Match | null {
  const target = phraseWords(phrase);
  if (!target.length) return null;
  // Every similarity needs a shared first letter: skip phrases none of whose words could match.
  if (!target.some((t) => initials.has(t.key[0]!))) return null;
  let best: Match | null = null;
  // Anchor on each message word that matches the phrase's first-found word, look within a window.
  for (let i = 0; i < msg.length; i++) {
    // The window's first word must match one of the phrase's words: prune before aligning.
    if (!target.some((t) => sim(msg[i]!.key, t.key) >= 0.7)) continue;
    const window = msg.slice(i, i + target.length + 1);
    let total = 0, weight = 0, lo = Infinity, hi = -Infinity;
    const used = new Set<number>();
    for (const t of target) {
      let s = 0, at = -1;
      window.forEach((w, k) => {
        if (used.has(k)) return;
        const v = sim(w.key, t.key);
        if (v > s) { s = v; at = k; }
      });
      const wt = t.key.length;
      total += s * wt;
      weight += wt;
      if (at >= 0 && s >= 0.7) {
        used.add(at);
        lo = Math.min(lo, window[at]!.start);
        hi = Math.max(hi, window[at]!.end);
      }
    }
    // The first message word of the window must take part, so each match is found once.
    if (!window.length || !used.has(0)) continue;
    const score = total / weight;
    if (!best || score > best.score) best = { score, start: lo, end: hi };
  }
  return best;
}

export function extractServices(text: string, ctx: NluContext): ServiceEntity[] {
  const services: ServiceDef[] = ctx.services ?? [];
  if (!services.length) return [];
  const msg = words(text.slice(0, 500));
  const initials = new Set(msg.map((w) => w.key[0]!));
  const memo = new Map<string, number>();
  const sim = (a: string, b: string): number => {
    const k = a + "\u0000" + b;
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = wordSimilarity(a, b)));
    return v;
  };
  const found: ServiceEntity[] = [];
  for (const s of services) {
    let best: Match | null = null;
    for (const phrase of [s.name, ...(s.aliases ?? [])]) {
      const m = matchPhrase(msg, phrase, sim, initials);
      if (m && (!best || m.score > best.score)) best = m;
    }
    if (best && best.score >= SERVICE_THRESHOLD) {
      const score = Math.round(best.score * 1000) / 1000;
      found.push({ type: "service", service: s.name, score, confidence: score, span: { start: best.start, end: best.end, text: text.slice(best.start, best.end) } });
    }
  }
  // Best first; a service whose span overlaps a better one is dropped ("men's cut" inside "men's cut and finish").
  found.sort((a, b) => b.score - a.score || (b.span.end - b.span.start) - (a.span.end - a.span.start));
  const kept: ServiceEntity[] = [];
  for (const f of found) if (!kept.some((k) => f.span.start < k.span.end && f.span.end > k.span.start)) kept.push(f);
  return kept.sort((a, b) => a.span.start - b.span.start);
}
