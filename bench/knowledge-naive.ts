// The benchmark's baseline: a naive exact scan with the store's score semantics. For every
// chunk: the full float32 cosine over all dims, and BM25 from plain Maps (term → tf per
// chunk, term → df); then the best chunk per entry, sorted. No quantization, no pruning:
// it is also the reference the optimized index's top-k is checked against.
import type { IndexedChunk } from "../knowledge/store/tenant-index.js";

export interface NaiveHit {
  entryId: string;
  chunkId: string;
  score: number;
}

export class NaiveIndex {
  private readonly tf: Array<Map<string, number>>;
  private readonly len: number[];
  private readonly df = new Map<string, number>();
  private readonly avgLen: number;

  constructor(
    private readonly chunks: readonly IndexedChunk[],
    private readonly vectors: readonly Float32Array[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.tf = chunks.map((c) => {
      const m = new Map<string, number>();
      for (const t of c.terms) m.set(t, (m.get(t) ?? 0) + 1);
      for (const t of m.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return m;
    });
    this.len = chunks.map((c) => c.terms.length);
    const total = this.len.reduce((a, x) => a + x, 0);
    this.avgLen = chunks.length ? total / chunks.length || 1 : 1;
  }

  search(query: Float32Array, queryTerms: readonly string[], k: number, denseWeight: number): NaiveHit[] {
    const n = this.chunks.length;
    const unique = [...new Set(queryTerms)];
    const idf = unique.map((t) => {
      const df = this.df.get(t) ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    const norm = idf.reduce((a, x) => a + x, 0);
    const best = new Map<string, { score: number; chunk: number; order: number }>();
    for (let i = 0; i < n; i++) {
      const v = this.vectors[i]!;
      let cos = 0;
      for (let d = 0; d < v.length; d++) cos += query[d]! * v[d]!;
      let bm25 = 0;
      const tf = this.tf[i]!;
      for (let j = 0; j < unique.length; j++) {
        const f = tf.get(unique[j]!);
        if (!f) continue;
        const lenNorm = 1 - this.b + (this.b * this.len[i]!) / this.avgLen;
        bm25 += (idf[j]! * f * (this.k1 + 1)) / (f + this.k1 * lenNorm);
      }
      const kw = norm > 0 ? Math.min(1, bm25 / norm) : 0;
      const s = denseWeight * Math.max(0, cos) + (1 - denseWeight) * kw;
      const e = this.chunks[i]!.entryId;
      const cur = best.get(e);
      if (!cur) best.set(e, { score: s, chunk: i, order: best.size });
      else if (s > cur.score) {
        cur.score = s;
        cur.chunk = i;
      }
    }
    return [...best.entries()]
      .filter(([, v]) => v.score > 0)
      .sort((x, y) => y[1].score - x[1].score || x[1].order - y[1].order)
      .slice(0, k)
      .map(([entryId, v]) => ({ entryId, chunkId: this.chunks[v.chunk]!.chunkId, score: v.score }));
  }
}
