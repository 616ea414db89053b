// One tenant's in-memory search index: a dim-major Float32Array matrix of chunk vectors
// (so a query touches only the columns of its non-zero dimensions, each a contiguous
// run) plus BM25 postings. Search fuses both into a relevance in [0, 1] and returns the
// best chunk of each of the top-k entries. Built once per tenant version; read-only after.
import { Bm25Index } from "./bm25.js";
import { TopK } from "./topk.js";

export interface IndexedChunk {
  chunkId: string;
  entryId: string;
  title: string;
  text: string;
  /** The entry's source and last change (newer taught facts win; see knowledge/README.md). */
  source: string;
  updatedAt: Date;
  /** Stems of title + text, for BM25. */
  terms: string[];
}

export interface Fusion {
  /** Weight of dense cosine; keyword gets 1 − denseWeight. 1 = dense only, 0 = keyword only. */
  denseWeight: number;
}

export interface IndexHit {
  chunk: IndexedChunk;
  score: number;
}

export class TenantIndex {
  readonly size: number;
  private readonly bm25: Bm25Index;
  private readonly entryOf: Int32Array;
  private readonly entryCount: number;
  // scratch buffers, reused: search is synchronous, so no two searches interleave
  private readonly dense: Float32Array;
  private readonly keyword: Float32Array;
  private readonly entryBest: Float32Array;
  private readonly entryChunk: Int32Array;

  /** `matrix[d * size + i]` is dimension d of chunk i. */
  constructor(
    readonly chunks: readonly IndexedChunk[],
    private readonly matrix: Float32Array,
    readonly dim: number,
  ) {
    this.size = chunks.length;
    if (matrix.length !== dim * this.size) throw new RangeError("matrix size does not match chunks × dim");
    this.bm25 = new Bm25Index(chunks.map((c) => c.terms));
    const entryIds = new Map<string, number>();
    this.entryOf = new Int32Array(this.size);
    chunks.forEach((c, i) => {
      let e = entryIds.get(c.entryId);
      if (e === undefined) entryIds.set(c.entryId, (e = entryIds.size));
      this.entryOf[i] = e;
    });
    this.entryCount = entryIds.size;
    this.dense = new Float32Array(this.size);
    this.keyword = new Float32Array(this.size);
    this.entryBest = new Float32Array(this.entryCount);
    this.entryChunk = new Int32Array(this.entryCount);
  }

  search(query: Float32Array, queryTerms: readonly string[], k: number, fusion: Fusion): IndexHit[] {
    if (query.length !== this.dim) throw new RangeError(`query has dim ${query.length}, index has ${this.dim}`);
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    const w = fusion.denseWeight;
    const { dense, keyword, matrix, entryBest, entryChunk, entryOf } = this;

    dense.fill(0);
    if (w > 0) {
      for (let d = 0; d < this.dim; d++) {
        const q = query[d]!;
        if (q === 0) continue;
        const base = d * n;
        for (let i = 0; i < n; i++) dense[i]! += q * matrix[base + i]!;
      }
    }
    keyword.fill(0);
    const norm = w < 1 ? this.bm25.scoreInto(queryTerms, keyword) : 0;
    const kwScale = norm > 0 ? (1 - w) / norm : 0;

    entryBest.fill(-1);
    for (let i = 0; i < n; i++) {
      const cos = dense[i]! > 0 ? dense[i]! : 0;
      const kw = keyword[i]! * kwScale;
      const s = w * cos + (kw < 1 - w ? kw : 1 - w);
      const e = entryOf[i]!;
      if (s > entryBest[e]!) {
        entryBest[e] = s;
        entryChunk[e] = i;
      }
    }
    const top = new TopK(Math.min(k, this.entryCount));
    for (let e = 0; e < this.entryCount; e++) if (entryBest[e]! > 0) top.push(entryBest[e]!, e);
    return top.sorted().map(({ id, score }) => ({ chunk: this.chunks[entryChunk[id]!]!, score }));
  }
}
