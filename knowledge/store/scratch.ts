// Per-search working buffers shared by every TenantIndex of the process. Search is
// synchronous, so two searches never use them at once; sharing them (instead of one set
// per tenant) saves ~16 B per indexed chunk, and reusing them keeps the hot path free of
// allocations that would feed the garbage collector (and the p99).
export class SearchScratch {
  /** Per chunk: partial dense dot (int8 units), BM25, fused score. */
  dense = new Float32Array(0);
  keyword = new Float32Array(0);
  fused = new Float32Array(0);
  /** Per entry: best fused score and its chunk. */
  entryBest = new Float32Array(0);
  entryChunk = new Int32Array(0);
  /** Query dims split into the first pass and the rest, with their weights. */
  firstDims = new Int32Array(0);
  firstW = new Float64Array(0);
  restDims = new Int32Array(0);
  restW = new Float64Array(0);
  /** Chunks re-scored exactly, and their rest-of-dims sums. */
  candidates = new Int32Array(0);
  candidateSums = new Float32Array(0);
  /** Score histogram for capping the candidates (4096 buckets over [0, 1]). */
  readonly histogram = new Int32Array(4096);

  ensure(chunks: number, entries: number, dim: number, maxCandidates: number): this {
    if (this.dense.length < chunks) {
      this.dense = new Float32Array(chunks);
      this.keyword = new Float32Array(chunks);
      this.fused = new Float32Array(chunks);
    }
    if (this.entryBest.length < entries) {
      this.entryBest = new Float32Array(entries);
      this.entryChunk = new Int32Array(entries);
    }
    if (this.firstDims.length < dim) {
      this.firstDims = new Int32Array(dim);
      this.firstW = new Float64Array(dim);
      this.restDims = new Int32Array(dim);
      this.restW = new Float64Array(dim);
    }
    if (this.candidates.length < maxCandidates) {
      this.candidates = new Int32Array(maxCandidates);
      this.candidateSums = new Float32Array(maxCandidates);
    }
    return this;
  }
}

export const sharedScratch = new SearchScratch();
