// BM25 as Qdrant sparse vectors, with the same numbers as the embedded store (bm25.ts):
// a chunk's sparse vector holds, per term id, the tf-saturated, length-normalized weight
// tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)); the query's values are the query terms' idf
// from the tenant's own document frequencies (KnowledgeTerm), never Qdrant's
// collection-wide `modifier: "idf"`. So Qdrant's sparse dot product is BM25 for candidate
// selection, and `rescoreKeyword` recomputes the exact score with the tenant's current
// avgdl (inverting the stored weight back to tf), so drift of avgdl since a chunk was
// written never changes a score.
//
// Term ids are FNV-1a 32-bit hashes of the stem (text/hash.ts). Two stems colliding in
// one chunk share an id (their tf add up); a query stem colliding with an unrelated chunk
// stem matches it. The chance for a given pair is 2^-32; see knowledge/README.md.
import { terms } from "../../text/analyze.js";
import { fnv1a } from "../../text/hash.js";
import { embeddedText } from "../validate.js";

/** Okapi BM25 parameters: the defaults of the embedded store's Bm25Index (bm25.ts). */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

export interface SparseVector {
  indices: number[];
  values: number[];
}

/**
 * The stems keyword-indexed for one chunk: the title twice (a question naming an entry's
 * subject — "opening hours?" — should find that entry before one that mentions it in
 * passing), the chunk text, and the entry's tags.
 */
export function chunkTerms(title: string, text: string, tags: readonly string[]): string[] {
  return terms(`${title}\n${embeddedText(title, text)}\n${tags.join(" ")}`);
}

export function termId(term: string): number {
  return fnv1a(term);
}

/** Term frequencies by term id (colliding stems merge). */
export function termFrequencies(chunkStems: readonly string[]): Map<number, number> {
  const tf = new Map<number, number>();
  for (const t of chunkStems) {
    const id = termId(t);
    tf.set(id, (tf.get(id) ?? 0) + 1);
  }
  return tf;
}

function lengthNorm(dl: number, avgdl: number): number {
  return 1 - BM25_B + (BM25_B * dl) / (avgdl > 0 ? avgdl : 1);
}

/** The saturated term weight a chunk's sparse vector stores. */
export function termWeight(tf: number, dl: number, avgdl: number): number {
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * lengthNorm(dl, avgdl));
}

/** Back from a stored weight to the integer tf it was made from (exact for any realistic tf). */
export function tfFromWeight(weight: number, dl: number, avgdl: number): number {
  const denom = BM25_K1 + 1 - weight;
  if (!(weight > 0) || denom <= 0) return weight > 0 ? Number.MAX_SAFE_INTEGER : 0;
  return Math.max(1, Math.round((weight * BM25_K1 * lengthNorm(dl, avgdl)) / denom));
}

/** A chunk's sparse document vector, indices ascending (Qdrant does not require it; it keeps requests stable). */
export function documentVector(chunkStems: readonly string[], avgdl: number): SparseVector {
  const dl = chunkStems.length;
  const entries = [...termFrequencies(chunkStems)].sort((a, b) => a[0] - b[0]);
  return { indices: entries.map(([id]) => id), values: entries.map(([, tf]) => termWeight(tf, dl, avgdl)) };
}

/** The tenant's corpus statistics over its searchable (non-superseded) chunks. */
export interface CorpusStats {
  /** Number of searchable chunks (N). */
  chunks: number;
  /** Sum of their lengths in stems; avgdl = length / chunks. */
  length: number;
  /** Document frequency of each term asked for (missing = 0). */
  df: ReadonlyMap<string, number>;
}

export function avgdlOf(stats: Pick<CorpusStats, "chunks" | "length">): number {
  return stats.chunks > 0 && stats.length > 0 ? stats.length / stats.chunks : 1;
}

/** The embedded store's idf: ln(1 + (N − df + 0.5) / (df + 0.5)). */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export interface KeywordQuery {
  /** Distinct query stems with their idf. */
  terms: Array<{ term: string; id: number; idf: number }>;
  /** Σ idf of the distinct query stems: a BM25 score divided by it is in [0, ~1]. */
  norm: number;
  /** The sparse query (idf per term id, colliding ids summed); null when there are no terms. */
  vector: SparseVector | null;
}

export function keywordQuery(queryStems: readonly string[], stats: CorpusStats): KeywordQuery {
  const distinct = [...new Set(queryStems)];
  const list = distinct.map((term) => ({ term, id: termId(term), idf: idf(stats.chunks, stats.df.get(term) ?? 0) }));
  const byId = new Map<number, number>();
  for (const t of list) byId.set(t.id, (byId.get(t.id) ?? 0) + t.idf);
  const sorted = [...byId].sort((a, b) => a[0] - b[0]);
  return {
    terms: list,
    norm: list.reduce((s, t) => s + t.idf, 0),
    vector: sorted.length ? { indices: sorted.map(([id]) => id), values: sorted.map(([, v]) => v) } : null,
  };
}

/**
 * The exact BM25 score of one chunk for the query, with the tenant's current avgdl, from
 * the chunk's stored sparse vector and the dl/avgdl it was written with.
 */
export function rescoreKeyword(query: KeywordQuery, doc: SparseVector, dl: number, writtenAvgdl: number, currentAvgdl: number): number {
  if (!query.terms.length) return 0;
  const weights = new Map<number, number>();
  doc.indices.forEach((id, i) => weights.set(id, doc.values[i] ?? 0));
  let score = 0;
  for (const t of query.terms) {
    const w = weights.get(t.id);
    if (!w) continue;
    const tf = tfFromWeight(w, dl, writtenAvgdl);
    score += t.idf * termWeight(tf, dl, currentAvgdl);
  }
  return score;
}
