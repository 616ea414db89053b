// Okapi BM25 over one tenant's chunks, with postings in typed arrays. Each posting stores
// its impact, tf·(k1 + 1) / (tf + k1·(1 − b + b·len/avgLen)), computed once at build, so a
// query adds idf × impact per posting. `scoreInto` also returns the normalizer that maps a
// score into [0, 1]: the sum of the query terms' idf, which is what a chunk of average
// length containing every query term once scores. Query terms the tenant has never used
// carry the largest idf, so a question about something the business never mentions
// ("do you sell cars?") normalizes low.
export interface Bm25Params {
  k1: number;
  b: number;
}

interface Postings {
  docs: Int32Array;
  impacts: Float32Array;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  readonly size: number;

  constructor(docs: readonly (readonly string[])[], params: Bm25Params = { k1: 1.2, b: 0.75 }) {
    const { k1, b } = params;
    this.size = docs.length;
    const build = new Map<string, { docs: number[]; tfs: number[] }>();
    let total = 0;
    docs.forEach((terms, doc) => {
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
    const avgLen = docs.length ? total / docs.length || 1 : 1;
    for (const [t, p] of build) {
      const impacts = new Float32Array(p.docs.length);
      for (let j = 0; j < impacts.length; j++) {
        const tf = p.tfs[j]!;
        const lenNorm = 1 - b + (b * docs[p.docs[j]!]!.length) / avgLen;
        impacts[j] = (tf * (k1 + 1)) / (tf + k1 * lenNorm);
      }
      this.postings.set(t, { docs: Int32Array.from(p.docs), impacts });
    }
  }

  idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Adds each doc's BM25 score for the (deduplicated) query terms into `out`; returns Σ idf. */
  scoreInto(queryTerms: readonly string[], out: Float32Array): number {
    let norm = 0;
    for (const term of new Set(queryTerms)) {
      const p = this.postings.get(term);
      const idf = this.idf(p ? p.docs.length : 0);
      norm += idf;
      if (!p) continue;
      const { docs, impacts } = p;
      for (let j = 0; j < docs.length; j++) out[docs[j]!] = out[docs[j]!]! + idf * impacts[j]!;
    }
    return norm;
  }
}
