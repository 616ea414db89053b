// The one multi-tenant collection: created if missing, checked if present. Following
// Qdrant's multitenancy guidance: a `tenant_id` keyword payload index with
// `is_tenant: true` (co-locates each tenant's points), `hnsw_config {m: 0, payload_m: 16}`
// (HNSW graphs per tenant, none global), a named dense vector (Cosine) and a named sparse
// vector for BM25 with no `modifier` (idf is per tenant, ours). The embedder id and
// dimension are recorded in the collection's `metadata` (Qdrant ≥ 1.16); a collection
// made for another embedder is refused with what to do about it.
import type { QdrantClient } from "@qdrant/js-client-rest";
import { AppError } from "../../../core/errors.js";
import type { Embedder } from "../../types.js";
import { httpStatusOf, qdrantCall, qdrantError } from "./client.js";
import { DENSE, SPARSE, TENANT_FIELD, ENTRY_FIELD } from "./points.js";

/** Bumped when the point layout or keyword analysis changes incompatibly. */
export const LAYOUT_VERSION = 1;

export interface CollectionMetadata {
  embedder: string;
  dim: number;
  layout: number;
}

export function expectedMetadata(embedder: Embedder): CollectionMetadata {
  return { embedder: embedder.id, dim: embedder.dim, layout: LAYOUT_VERSION };
}

/**
 * Ensure the collection exists and fits; true when it was created now. `beforeCreate` runs
 * first when it is missing (the store marks every entry unindexed there, so a failure
 * between the two can only leave extra work, never an empty collection believed full).
 */
export async function ensureCollection(client: QdrantClient, name: string, embedder: Embedder, beforeCreate: () => Promise<unknown>): Promise<{ created: boolean }> {
  const info = await getCollectionOrNull(client, name);
  let created = false;
  if (!info) {
    await beforeCreate();
    created = await createCollection(client, name, embedder);
  } else {
    checkCollection(name, info, embedder);
  }
  const schema = (info?.payload_schema ?? {}) as Record<string, { data_type?: string }>;
  for (const [field, params] of [
    [TENANT_FIELD, { type: "keyword", is_tenant: true }],
    [ENTRY_FIELD, { type: "keyword" }],
  ] as const) {
    const existing = schema[field];
    if (existing && existing.data_type !== "keyword") {
      throw new AppError("internal", `Qdrant collection "${name}" indexes payload field "${field}" as ${existing.data_type}, not keyword; use another QDRANT_COLLECTION`);
    }
    if (!existing) {
      await qdrantCall(`create payload index ${field}`, () =>
        client.createPayloadIndex(name, { field_name: field, field_schema: params, wait: true }),
      );
    }
  }
  return { created };
}

type CollectionInfo = Awaited<ReturnType<QdrantClient["getCollection"]>>;

async function getCollectionOrNull(client: QdrantClient, name: string): Promise<CollectionInfo | null> {
  try {
    return await client.getCollection(name);
  } catch (err) {
    if (httpStatusOf(err) === 404) return null;
    throw qdrantError(`get collection "${name}"`, err);
  }
}

async function createCollection(client: QdrantClient, name: string, embedder: Embedder): Promise<boolean> {
  try {
    // the low-level API: QdrantClient.createCollection (1.18) drops `metadata`
    await client.api().createCollection({
      collection_name: name,
      vectors: { [DENSE]: { size: embedder.dim, distance: "Cosine" } },
      sparse_vectors: { [SPARSE]: {} },
      hnsw_config: { m: 0, payload_m: 16 },
      metadata: { growai: expectedMetadata(embedder) },
    });
    return true;
  } catch (err) {
    // another process created it first: check theirs like any existing collection
    if (httpStatusOf(err) === 409) {
      const info = await qdrantCall(`get collection "${name}"`, () => client.getCollection(name));
      checkCollection(name, info, embedder);
      return false;
    }
    throw qdrantError(`create collection "${name}"`, err);
  }
}

function checkCollection(name: string, info: CollectionInfo, embedder: Embedder): void {
  const want = expectedMetadata(embedder);
  const meta = (info.config as { metadata?: { growai?: Partial<CollectionMetadata> } | null }).metadata?.growai;
  const vectors = info.config.params.vectors as Record<string, { size?: number; distance?: string }> | undefined;
  const dense = vectors?.[DENSE];
  const sparse = (info.config.params.sparse_vectors ?? {}) as Record<string, { modifier?: string | null }>;
  const fix = `use another QDRANT_COLLECTION, or delete collection "${name}" and restart: it is re-created and re-indexed from PostgreSQL`;
  if (!meta) {
    throw new AppError("internal", `Qdrant collection "${name}" exists but was not created by the GrowAI knowledge store (no metadata.growai); ${fix}`);
  }
  if (meta.embedder !== want.embedder || meta.dim !== want.dim || dense?.size !== want.dim) {
    throw new AppError(
      "internal",
      `Qdrant collection "${name}" holds vectors of embedder ${meta.embedder} (dim ${dense?.size ?? meta.dim}), but this store embeds with ${want.embedder} (dim ${want.dim}); ${fix}`,
    );
  }
  if (meta.layout !== want.layout || dense.distance !== "Cosine" || !sparse[SPARSE] || (sparse[SPARSE].modifier ?? "none") !== "none") {
    throw new AppError("internal", `Qdrant collection "${name}" has layout ${meta.layout ?? "?"}, this store needs layout ${want.layout} (Cosine "${DENSE}", sparse "${SPARSE}" without idf modifier); ${fix}`);
  }
}
