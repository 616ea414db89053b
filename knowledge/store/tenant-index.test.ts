// TenantIndex against an exact one-pass scan on random text (local embedder + BM25): the
// two-pass search must return the same top-k as scanning every chunk on every query dim
// (over the same int8 vectors), whichever path it takes; the capped path is checked for
// agreement within a stated tolerance; and the float32 scores differ by at most the
// quantization bound.
import { describe, expect, it } from "vitest";
import { LocalHashEmbedder } from "../embedder/local.js";
import { terms } from "../text/analyze.js";
import { Bm25Index } from "./bm25.js";
import { Int8Columns } from "./quantize.js";
import { TenantIndex, type IndexedChunk, type SearchLimits } from "./tenant-index.js";

const embedder = new LocalHashEmbedder();
let seed = 7;
const r = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const VOCAB = Array.from({ length: 400 }, (_, i) => {
  const syl = ["ba", "lo", "mi", "ra", "ten", "su", "kor", "vel", "dan", "pri", "cut", "col", "wax", "nail", "book", "pay"];
  return `${syl[i % 16]}${syl[(i * 7 + 3) % 16]}${i % 5 ? syl[(i * 3) % 16] : ""}`;
});
// Zipf-like: low indexes are common words
const word = () => VOCAB[Math.floor(VOCAB.length * r() ** 2.5)]!;
const text = (n: number) => Array.from({ length: n }, word).join(" ");

function corpus(chunks: number): { items: IndexedChunk[]; vectors: Float32Array[] } {
  const items: IndexedChunk[] = [];
  const vectors: Float32Array[] = [];
  for (let e = 0; items.length < chunks; e++) {
    const title = text(2);
    for (let j = 0, m = 1 + Math.floor(r() * 3); j < m && items.length < chunks; j++) {
      const body = text(15 + Math.floor(r() * 50));
      items.push({ chunkId: `c${items.length}`, entryId: `e${e}`, title, text: body, source: "admin", updatedAt: new Date(0), terms: terms(`${title}\n${body}`) });
      vectors.push(embedder.embedOne(`${title}\n${body}`));
    }
  }
  return { items, vectors };
}

/** The exact one-pass reference: every chunk, every dim, best chunk per entry, sorted. */
function reference(items: IndexedChunk[], vectors: Float32Array[], q: string, k: number, w: number) {
  const bm25 = new Bm25Index(items.map((c) => c.terms));
  const kw = new Float32Array(items.length);
  const norm = bm25.scoreInto(terms(q), kw);
  const qv = embedder.embedOne(q);
  const best = new Map<string, { score: number; order: number }>();
  items.forEach((c, i) => {
    let cos = 0;
    for (let d = 0; d < qv.length; d++) cos += qv[d]! * vectors[i]![d]!;
    const s = w * Math.min(1, Math.max(0, cos)) + (norm > 0 ? Math.min(1 - w, (kw[i]! * (1 - w)) / norm) : 0);
    const cur = best.get(c.entryId);
    if (!cur) best.set(c.entryId, { score: s, order: best.size });
    else cur.score = Math.max(cur.score, s);
  });
  return [...best].filter(([, v]) => v.score > 0).sort((a, b) => b[1].score - a[1].score || a[1].order - b[1].order)
    .slice(0, k).map(([entryId, v]) => ({ entryId, score: v.score }));
}

const { items, vectors } = corpus(1000);
const cols = Int8Columns.fromVectors(vectors, embedder.dim);
const dequantized = vectors.map((_, i) => cols.get(i));
const queries = Array.from({ length: 36 }, (_, i) => (i % 3 === 0 ? `${word()}s ${word().slice(1)}` : text(2 + (i % 7))));

/** Same entries in the same order, except where neighbours' scores tie within `eps`. */
function expectSameTopK(got: Array<{ entryId: string; score: number }>, want: Array<{ entryId: string; score: number }>, eps: number): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(Math.abs(g.score - want[i]!.score)).toBeLessThanOrEqual(eps);
    if (g.entryId !== want[i]!.entryId) expect(want.some((x) => x.entryId === g.entryId && Math.abs(x.score - g.score) <= eps)).toBe(true);
  });
}

const run = (limits: SearchLimits, q: string, k: number, w: number) =>
  new TenantIndex(items, cols, limits).search(embedder.embedOne(q), terms(q), k, { denseWeight: w }).map((h) => ({ entryId: h.chunk.entryId, score: h.score }));

describe("TenantIndex two-pass search", () => {
  for (const [name, limits] of [
    ["default limits (re-score the close chunks)", {}],
    ["few candidates, full-scan fallback", { maxCandidates: 8, fullScanBudget: Number.POSITIVE_INFINITY }],
  ] as Array<[string, SearchLimits]>) {
    it(`equals the exact one-pass top-k over the int8 vectors: ${name}`, () => {
      for (const q of queries) for (const w of [0.2, 0.5, 1]) expectSameTopK(run(limits, q, 5, w), reference(items, dequantized, q, 5, w), 1e-5);
    });
  }

  it("with the candidate cap forced, keeps most of the exact top-5 and never overstates a score", () => {
    let shared = 0, total = 0;
    for (const q of queries) {
      const want = reference(items, dequantized, q, 5, 0.2);
      const got = run({ maxCandidates: 64, fullScanBudget: 0 }, q, 5, 0.2);
      const exact = new Map(reference(items, dequantized, q, 10_000, 0.2).map((h) => [h.entryId, h.score]));
      for (const g of got) expect(g.score).toBeLessThanOrEqual(exact.get(g.entryId)! + 1e-5);
      total += want.length;
      shared += want.filter((x) => got.some((g) => g.entryId === x.entryId)).length;
    }
    expect(shared / total).toBeGreaterThanOrEqual(0.9);
  });

  it("with the cap forced on many identical chunks, still returns the best entries", () => {
    const same = Array.from({ length: 300 }, (_, i) => ({ ...items[0]!, chunkId: `s${i}`, entryId: `s${i}` }));
    const index = new TenantIndex(same, Int8Columns.fromVectors(same.map(() => vectors[0]!), embedder.dim), { maxCandidates: 8, fullScanBudget: 0 });
    const q = items[0]!.text.split(" ").slice(0, 4).join(" ");
    const hits = index.search(embedder.embedOne(q), terms(q), 5, { denseWeight: 0.2 });
    expect(hits.length).toBe(5);
    const want = reference(same, same.map((_, i) => cols.get(0)), q, 1, 0.2)[0]!.score;
    for (const h of hits) expect(h.score).toBeCloseTo(want, 5);
  });

  it("stays within the quantization bound of the float32 scores", () => {
    const bound = 0.2 * Math.max(...vectors.map((_, i) => cols.scale[i]! / 2)) * Math.sqrt(embedder.dim); // ‖q‖₁ ≤ √dim
    for (const q of queries) {
      const all = reference(items, vectors, q, 10_000, 0.2);
      const exact = new Map(all.map((h) => [h.entryId, h.score]));
      run({}, q, 5, 0.2).forEach((g, i) => {
        expect(Math.abs(g.score - all[i]!.score)).toBeLessThanOrEqual(bound);
        expect(Math.abs(g.score - exact.get(g.entryId)!)).toBeLessThanOrEqual(bound);
      });
    }
  });

  it("returns relevances in [0, 1], one hit per entry, at most k", () => {
    for (const q of queries) {
      for (const k of [1, 3, 10]) {
        const hits = run({}, q, k, 0.2);
        expect(hits.length).toBeLessThanOrEqual(k);
        expect(new Set(hits.map((h) => h.entryId)).size).toBe(hits.length);
        for (const h of hits) expect(h.score > 0 && h.score <= 1).toBe(true);
      }
    }
  });

  it("keeps no terms and shares entry fields between an entry's chunks", () => {
    const index = new TenantIndex(items, cols);
    expect("terms" in index.chunks[0]!).toBe(false);
    const [a, b] = index.chunks.filter((c) => c.entryId === items[0]!.entryId);
    if (a && b) expect(a.title).toBe(b.title);
  });
});
