// Hybrid search against Qdrant, scored exactly like the embedded store:
//   score = w·max(0, cosine) + (1 − w)·min(1, BM25 / Σ idf(query terms))
// One `points/query/batch` request holds a dense and a sparse (BM25) query, each filtered
// by tenant and over-fetched; the union of their chunks is rescored client-side (cosine
// from Qdrant's score or the returned unit vector, BM25 from the returned sparse weights
// and the tenant's current statistics), one hit per entry (its best chunk), best first.
import type { QdrantClient, Schemas } from "@qdrant/js-client-rest";
import { qdrantCall } from "./client.js";
import { DENSE, SPARSE, fromScoredPoint, tenantFilter, type Candidate } from "./points.js";
import { rescoreKeyword, type KeywordQuery } from "./sparse.js";

export interface ScoredChunk {
  candidate: Candidate;
  score: number;
}

export interface HybridQuery {
  tenantId: string;
  /** Null when the embedder could not embed the query: the keyword query runs alone. */
  dense: Float32Array | null;
  keyword: KeywordQuery;
  /** How many chunks each of the two queries fetches. */
  limit: number;
}

/** Ask Qdrant for candidates; every candidate is the tenant's (checked, not assumed). */
export async function fetchCandidates(client: QdrantClient, collection: string, q: HybridQuery): Promise<{ dense: Candidate[]; sparse: Candidate[] }> {
  const filter = tenantFilter(q.tenantId);
  const searches: Schemas["QueryRequest"][] = [];
  if (q.dense) searches.push({ query: Array.from(q.dense), using: DENSE, filter, limit: q.limit, with_payload: true, with_vector: [SPARSE] });
  if (q.keyword.vector) {
    // the stored dense vector is only needed to rescore against a query vector
    searches.push({ query: q.keyword.vector, using: SPARSE, filter, limit: q.limit, with_payload: true, with_vector: q.dense ? [DENSE, SPARSE] : [SPARSE] });
  }
  if (!searches.length) return { dense: [], sparse: [] };
  const results = await qdrantCall("query", () => client.queryBatch(collection, { searches }));
  const parse = (r: Schemas["QueryResponse"] | undefined) =>
    (r?.points ?? []).map(fromScoredPoint).filter((c): c is Candidate => c !== null && c.tenantId === q.tenantId);
  return q.dense ? { dense: parse(results[0]), sparse: parse(results[1]) } : { dense: [], sparse: parse(results[0]) };
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  return n > 0 ? v.map((x) => x / n) : v;
}

function dot(a: Float32Array, b: readonly number[]): number {
  let s = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) s += a[i]! * b[i]!;
  return s;
}

/** Fuse both candidate lists into at most `k` entries' best chunks, best first (score > 0 only). */
export function fuse(
  q: HybridQuery,
  found: { dense: Candidate[]; sparse: Candidate[] },
  opts: { denseWeight: number; currentAvgdl: number; k: number; keep?: (entryId: string) => boolean },
): ScoredChunk[] {
  const w = opts.denseWeight;
  const cosine = new Map<string, number>();
  for (const c of found.dense) cosine.set(c.chunkId, c.score);
  const all = new Map<string, Candidate>();
  for (const c of [...found.dense, ...found.sparse]) if (!all.has(c.chunkId)) all.set(c.chunkId, c);
  const queryUnit = q.dense ? unit(q.dense) : null;
  const norm = q.keyword.norm;
  const best = new Map<string, ScoredChunk>();
  for (const c of all.values()) {
    if (opts.keep && !opts.keep(c.entryId)) continue;
    const cos = queryUnit ? (cosine.get(c.chunkId) ?? (c.dense ? dot(queryUnit, c.dense) : 0)) : 0;
    const bm25 = norm > 0 ? rescoreKeyword(q.keyword, c.sparse, c.dl, c.avgdl, opts.currentAvgdl) : 0;
    const score = w * Math.max(0, cos) + (norm > 0 ? (1 - w) * Math.min(1, bm25 / norm) : 0);
    const prev = best.get(c.entryId);
    if (score > 0 && (!prev || score > prev.score)) best.set(c.entryId, { candidate: c, score });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || (a.candidate.entryId < b.candidate.entryId ? -1 : 1))
    .slice(0, opts.k);
}
