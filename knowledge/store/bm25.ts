// Okapi BM25 over one tenant's chunks, with postings in typed arrays. `scoreInto` also
// returns the normalizer that maps a score into [0, 1]: the sum of the query terms' idf,
// which is what a chunk of average length containing every query term once scores.
// Query terms the tenant has never used carry the largest idf, so a question about
// something the business never mentions ("do you sell cars?") normalizes low.
export interface Bm25Params {
  k1: number;
  b: number;
}

interface Postings {
  docs: Int32Array;
  tfs: Float32Array;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly docLen: Float32Array;
  private readonly avgLen: number;
  readonly size: number;

  constructor(docs: string[][], private readonly params: Bm25Params = { k1: 1.2, b: 0.75 }) {
    this.size = docs.length;
    this.docLen = new Float32Array(docs.length);
    const build = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    docs.forEach((terms, doc) => {
      this.docLen[doc] = terms.length;
      total += terms.length;
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let p = build.get(t);
        if (!p) build.set(t, (p = { docs: [], tfs: [] }));
        p.docs.push(doc);
        p.tfs.push(n);
      }
    });
    this.avgLen = docs.length ? total / docs.length || 1 : 1;
    for (const [t, p] of build) this.postings.set(t, { docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) });
  }

  idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Adds each doc's BM25 score for the (deduplicated) query terms into `out`; returns Σ idf. */
  scoreInto(queryTerms: readonly string[], out: Float32Array): number {
    const { k1, b } = this.params;
    let norm = 0;
    for (const term of new Set(queryTerms)) {
      const p = this.postings.get(term);
      const idf = this.idf(p ? p.docs.length : 0);
      norm += idf;
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const doc = p.docs[j]!;
        const tf = p.tfs[j]!;
        const lenNorm = 1 - b + (b * this.docLen[doc]!) / this.avgLen;
        out[doc]! += (idf * tf * (k1 + 1)) / (tf + k1 * lenNorm);
      }
    }
    return norm;
  }
}
