// How a knowledge chunk maps to a Qdrant point and back. One point per chunk, id = the
// chunk's UUID (so re-indexing is an idempotent upsert), vectors {dense, bm25}, payload:
// tenant_id (the tenant index), entry_id (deletes by entry), the chunk text, and dl/avgdl,
// the chunk's length and the tenant's avgdl when its BM25 weights were written (see
// sparse.ts). Titles, sources and dates are read from PostgreSQL at search time.
import type { Schemas } from "@qdrant/js-client-rest";
import type { SparseVector } from "./sparse.js";

export const DENSE = "dense";
export const SPARSE = "bm25";
export const TENANT_FIELD = "tenant_id";
export const ENTRY_FIELD = "entry_id";

type Filter = Schemas["Filter"];
type Condition = Schemas["Condition"];

/** Every read and delete is scoped by this `must` condition first. */
export function tenantFilter(tenantId: string, ...more: Condition[]): Filter {
  return { must: [{ key: TENANT_FIELD, match: { value: tenantId } }, ...more] };
}

export function entryFilter(tenantId: string, entryId: string): Filter {
  return tenantFilter(tenantId, { key: ENTRY_FIELD, match: { value: entryId } });
}

export interface ChunkPointInput {
  tenantId: string;
  entryId: string;
  chunkId: string;
  text: string;
  dense: Float32Array;
  sparse: SparseVector;
  dl: number;
  avgdl: number;
}

export function toPoint(c: ChunkPointInput): Schemas["PointStruct"] {
  return {
    id: c.chunkId,
    vector: { [DENSE]: Array.from(c.dense), [SPARSE]: c.sparse },
    payload: { [TENANT_FIELD]: c.tenantId, [ENTRY_FIELD]: c.entryId, text: c.text, dl: c.dl, avgdl: c.avgdl },
  };
}

/** A chunk Qdrant returned for a query, with what rescoring needs. */
export interface Candidate {
  chunkId: string;
  entryId: string;
  tenantId: string;
  text: string;
  dl: number;
  avgdl: number;
  sparse: SparseVector;
  /** The stored (unit-length) dense vector, when it was asked for. */
  dense: number[] | null;
  /** Qdrant's score for the query that found it. */
  score: number;
}

function isSparse(v: unknown): v is SparseVector {
  return !!v && typeof v === "object" && Array.isArray((v as SparseVector).indices) && Array.isArray((v as SparseVector).values);
}

/** Parse a scored point; null for one without our payload (never ours to return). */
export function fromScoredPoint(p: Schemas["ScoredPoint"]): Candidate | null {
  const payload = (p.payload ?? {}) as Record<string, unknown>;
  const vectors = (p.vector ?? {}) as Record<string, unknown>;
  const { [TENANT_FIELD]: tenantId, [ENTRY_FIELD]: entryId, text, dl, avgdl } = payload;
  if (typeof tenantId !== "string" || typeof entryId !== "string" || typeof text !== "string") return null;
  if (typeof dl !== "number" || typeof avgdl !== "number") return null;
  const sparse = vectors[SPARSE];
  const dense = vectors[DENSE];
  return {
    chunkId: String(p.id),
    entryId,
    tenantId,
    text,
    dl,
    avgdl,
    sparse: isSparse(sparse) ? sparse : { indices: [], values: [] },
    dense: Array.isArray(dense) && dense.every((x) => typeof x === "number") ? (dense as number[]) : null,
    score: p.score,
  };
}
