// One tenant's in-memory search index: chunk vectors as int8 dim-major columns with a
// per-chunk scale (quantize.ts) plus BM25 postings with precomputed impacts (bm25.ts).
// Search fuses both into a relevance in [0, 1] and returns the best chunk of each of the
// top-k entries. Built once per tenant version; read-only after.
//
// Two passes keep a query's cost near (few dims × all chunks) instead of (all its dims ×
// all chunks). The first pass scores every chunk on the query's heavy dims (unigrams and
// bigrams: |q_d| ≥ FIRST_PASS_SHARE × max) plus BM25. The rest of the query's dims (the
// many light character-gram dims) can move a chunk's fused score by at most
// δ = w·‖q_rest‖·max‖x̂‖ (Cauchy–Schwarz), so only chunks whose first-pass score is within
// 2δ of the k-th best entry can be a top-k entry's best chunk; those are re-scored on all
// dims, and the result is exactly the one-pass top-k. When more than MAX_CANDIDATES chunks
// are that close: a small tenant finishes the scan on every chunk (at most FULL_SCAN_BUDGET
// multiply-adds: exact); a large one re-scores the ~MAX_CANDIDATES best by first-pass
// score, an approximation whose agreement with the exact scan `npm run
// bench:knowledge-store` measures. Returned scores are always full re-scores.
import { Bm25Index } from "./bm25.js";
import { addColumns, addColumnsAt } from "./dense-scan.js";
import type { Int8Columns } from "./quantize.js";
import { sharedScratch } from "./scratch.js";
import { TopK } from "./topk.js";

/** What a hit returns for a chunk. */
export interface ChunkRef {
  chunkId: string;
  entryId: string;
  title: string;
  text: string;
  /** The entry's source and last change (newer taught facts win; see knowledge/README.md). */
  source: string;
  updatedAt: Date;
}

export interface IndexedChunk extends ChunkRef {
  /** Stems of title + text (+ tags), for BM25. Used at build; not kept by the index. */
  terms: string[];
}

export interface Fusion {
  /** Weight of dense cosine; keyword gets 1 − denseWeight. 1 = dense only, 0 = keyword only. */
  denseWeight: number;
}

export interface IndexHit {
  chunk: ChunkRef;
  score: number;
}

export interface SearchLimits {
  /** Most chunks re-scored on all dims after the first pass (default 4096). */
  maxCandidates?: number;
  /** Finish the scan on all chunks when (rest dims × chunks) is at most this (default 1M multiply-adds). */
  fullScanBudget?: number;
}

export const FIRST_PASS_SHARE = 0.2;
const MAX_CANDIDATES = 4096;
const FULL_SCAN_BUDGET = 1_000_000;
const HISTOGRAM_BUCKETS = 4096;
/** Chunks per block of the first pass: its sums, scores and columns stay in L2. */
const BLOCK = 8192;

// Two plain loops (Math.min/max compile branch-free) run about twice as fast as one loop
// doing both with data-dependent branches.
function fuseScores(dense: Float32Array, scale: Float32Array, keyword: Float32Array, w: number, kwScale: number, lo: number, hi: number, out: Float32Array): void {
  const cap = 1 - w;
  for (let i = lo; i < hi; i++) out[i] = w * Math.min(1, Math.max(0, dense[i]! * scale[i]!)) + Math.min(cap, keyword[i]! * kwScale);
}

/** Raises best[e] / chunk[e] with the chunks lo ≤ i < hi (best must start at -1). */
function bestPerEntry(scores: Float32Array, entryOf: Int32Array, lo: number, hi: number, best: Float32Array, chunk: Int32Array): void {
  for (let i = lo; i < hi; i++) {
    const v = scores[i]!, e = entryOf[i]!;
    if (v > best[e]!) {
      best[e] = v;
      chunk[e] = i;
    }
  }
}

export class TenantIndex {
  readonly size: number;
  readonly dim: number;
  readonly chunks: readonly ChunkRef[];
  private readonly bm25: Bm25Index;
  private readonly entryOf: Int32Array;
  private readonly entryCount: number;
  private readonly maxCandidates: number;
  private readonly fullScanBudget: number;

  constructor(chunks: readonly IndexedChunk[], private readonly vectors: Int8Columns, limits: SearchLimits = {}) {
    this.size = chunks.length;
    this.maxCandidates = Math.max(1, limits.maxCandidates ?? MAX_CANDIDATES);
    this.fullScanBudget = limits.fullScanBudget ?? FULL_SCAN_BUDGET;
    this.dim = vectors.dim;
    if (vectors.n !== this.size) throw new RangeError("vectors do not match chunks");
    this.bm25 = new Bm25Index(chunks.map((c) => c.terms));
    const entries = new Map<string, ChunkRef>();
    this.entryOf = new Int32Array(this.size);
    const ids = new Map<string, number>();
    // the index keeps no terms; entry-level fields are shared by the entry's chunks
    this.chunks = chunks.map((c, i) => {
      let e = ids.get(c.entryId);
      if (e === undefined) ids.set(c.entryId, (e = ids.size));
      this.entryOf[i] = e;
      let first = entries.get(c.entryId);
      if (!first) entries.set(c.entryId, (first = c));
      return { chunkId: c.chunkId, entryId: first.entryId, title: first.title, text: c.text, source: first.source, updatedAt: first.updatedAt };
    });
    this.entryCount = ids.size;
  }

  search(query: Float32Array, queryTerms: readonly string[], k: number, fusion: Fusion): IndexHit[] {
    if (query.length !== this.dim) throw new RangeError(`query has dim ${query.length}, index has ${this.dim}`);
    const n = this.size;
    if (n === 0 || k <= 0) return [];
    const w = fusion.denseWeight;
    const s = sharedScratch.ensure(n, this.entryCount, this.dim, this.maxCandidates);

    // split the query's non-zero dims: heavy ones now, light ones only where they can matter
    let maxQ = 0;
    for (let d = 0; d < this.dim; d++) maxQ = Math.max(maxQ, Math.abs(query[d]!));
    let first = 0, rest = 0, restSq = 0;
    if (w > 0) {
      for (let d = 0; d < this.dim; d++) {
        const q = query[d]!;
        if (q === 0) continue;
        if (Math.abs(q) >= FIRST_PASS_SHARE * maxQ) {
          s.firstDims[first] = d;
          s.firstW[first++] = q;
        } else {
          s.restDims[rest] = d;
          s.restW[rest++] = q;
          restSq += q * q;
        }
      }
    }
    const keyword = s.keyword.fill(0, 0, n);
    const norm = w < 1 ? this.bm25.scoreInto(queryTerms, keyword) : 0;
    const kwScale = norm > 0 ? (1 - w) / norm : 0;
    s.dense.fill(0, 0, n);
    this.scanAndFuse(s.firstDims, s.firstW, first, w, kwScale);

    if (rest > 0) {
      const delta = w * Math.sqrt(restSq) * this.vectors.maxRowNorm;
      const cut = this.kthEntryScore(k) - 2 * delta - 1e-6;
      const fused = s.fused;
      let close = 0;
      for (let i = 0; i < n; i++) if (fused[i]! >= cut) close++;
      if (close <= this.maxCandidates || rest * n > this.fullScanBudget) {
        const m = this.rescore(close <= this.maxCandidates ? cut : Number.NEGATIVE_INFINITY, rest, w, kwScale);
        return this.topEntries(k, s.candidates, m);
      }
      this.scanAndFuse(s.restDims, s.restW, rest, w, kwScale);
    }
    return this.topEntries(k, null, 0);
  }

  /**
   * fused[i] = w·max(0, min(1, cos̃ᵢ)) + min(kwᵢ·kwScale, 1 − w) and the best chunk per
   * entry; first adds the given dims to the dense sums. Block by block, so each block's
   * sums are still in cache when they are fused.
   */
  private scanAndFuse(dims: Int32Array, dimW: Float64Array, count: number, w: number, kwScale: number): void {
    const { dense, keyword, fused, entryBest, entryChunk } = sharedScratch;
    const n = this.size;
    entryBest.fill(-1, 0, this.entryCount);
    for (let lo = 0; lo < n; lo += BLOCK) {
      const hi = Math.min(n, lo + BLOCK);
      addColumns(this.vectors.data, n, dims, dimW, count, dense, lo, hi);
      fuseScores(dense, this.vectors.scale, keyword, w, kwScale, lo, hi, fused);
      bestPerEntry(fused, this.entryOf, lo, hi, entryBest, entryChunk);
    }
  }

  /** The k-th best entry score of the first pass (0 when fewer than k entries score > 0). */
  private kthEntryScore(k: number): number {
    const { entryBest } = sharedScratch;
    const top = new TopK(Math.min(k, this.entryCount));
    for (let e = 0; e < this.entryCount; e++) if (entryBest[e]! > 0) top.push(entryBest[e]!, e);
    return top.count === top.k ? top.min() : 0;
  }

  /**
   * Re-scores on every query dim the chunks whose first-pass score is ≥ cut, or (cut =
   * -Infinity) the best ≤ maxCandidates; recomputes their entries' bests. Returns how many
   * chunks were re-scored (listed in sharedScratch.candidates).
   */
  private rescore(cut: number, rest: number, w: number, kwScale: number): number {
    const s = sharedScratch;
    const { fused, dense, keyword, candidates, candidateSums, entryBest, entryChunk } = s;
    const n = this.size;
    let m = 0;
    if (cut > Number.NEGATIVE_INFINITY) {
      for (let i = 0; i < n; i++) if (fused[i]! >= cut) candidates[m++] = i;
    } else {
      // over the cap: every chunk above the bucket where the cap is crossed, then that bucket's first ones
      const b = this.capBucket(fused, n);
      const hi = (b + 1) / HISTOGRAM_BUCKETS, lo = b / HISTOGRAM_BUCKETS;
      for (let i = 0; i < n; i++) if (fused[i]! >= hi) candidates[m++] = i;
      for (let i = 0; i < n && m < this.maxCandidates; i++) if (fused[i]! >= lo && fused[i]! < hi) candidates[m++] = i;
    }
    candidateSums.fill(0, 0, m);
    addColumnsAt(this.vectors.data, n, s.restDims, s.restW, rest, candidates, m, candidateSums);
    const { scale } = this.vectors;
    const cap = 1 - w;
    for (let c = 0; c < m; c++) entryBest[this.entryOf[candidates[c]!]!] = -1;
    for (let c = 0; c < m; c++) {
      const i = candidates[c]!;
      const v = w * Math.min(1, Math.max(0, (dense[i]! + candidateSums[c]!) * scale[i]!)) + Math.min(cap, keyword[i]! * kwScale);
      const e = this.entryOf[i]!;
      if (v > entryBest[e]!) {
        entryBest[e] = v;
        entryChunk[e] = i;
      }
    }
    return m;
  }

  /** The histogram bucket (HISTOGRAM_BUCKETS over [0, 1]) where the count from the top passes maxCandidates. */
  private capBucket(fused: Float32Array, n: number): number {
    const counts = sharedScratch.histogram.fill(0);
    const top = HISTOGRAM_BUCKETS - 1;
    for (let i = 0; i < n; i++) counts[Math.max(0, Math.min(top, Math.floor(fused[i]! * HISTOGRAM_BUCKETS)))]!++;
    let above = 0;
    for (let b = top; b > 0; b--) {
      if (above + counts[b]! > this.maxCandidates) return b;
      above += counts[b]!;
    }
    return 0;
  }

  /** The k best entries (score > 0), best first; over the candidates' entries when given. */
  private topEntries(k: number, candidates: Int32Array | null, m: number): IndexHit[] {
    const { entryBest, entryChunk } = sharedScratch;
    const top = new TopK(Math.min(k, this.entryCount));
    if (candidates) {
      for (let c = 0; c < m; c++) {
        const i = candidates[c]!;
        const e = this.entryOf[i]!;
        if (entryChunk[e] === i && entryBest[e]! > 0) top.push(entryBest[e]!, e);
      }
    } else {
      for (let e = 0; e < this.entryCount; e++) if (entryBest[e]! > 0) top.push(entryBest[e]!, e);
    }
    return top.sorted().map(({ id, score }) => ({ chunk: this.chunks[entryChunk[id]!]!, score }));
  }
}
