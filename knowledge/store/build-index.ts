// Loading a tenant's chunks from PostgreSQL into a TenantIndex. Vectors made by another
// embedder (different id or dim) are never mixed in: they are re-embedded with the
// current embedder, written back, and only then indexed. Each stored float32 vector is
// decoded into one reused buffer and quantized to int8 columns (quantize.ts): no full
// float32 matrix is ever built.
import type { Embedder } from "../types.js";
import type { KnowledgeRepo, StoredChunk } from "./repo.js";
import { Int8Columns } from "./quantize.js";
import { TenantIndex } from "./tenant-index.js";
import { decodeInto, encodeVector } from "./vector.js";
import { chunkTerms } from "./qdrant/sparse.js";
import { embeddedText } from "./validate.js";

export async function buildTenantIndex(repo: KnowledgeRepo, embedder: Embedder, tenantId: string): Promise<TenantIndex> {
  const chunks = await repo.loadChunks(tenantId);
  await reembedForeign(repo, embedder, tenantId, chunks);
  const n = chunks.length;
  const dim = embedder.dim;
  const vectors = new Int8Columns(n, dim);
  const row = new Float32Array(dim);
  chunks.forEach((c, i) => {
    decodeInto(c.embedding, dim, row, 0, 1);
    vectors.set(i, row);
  });
  const indexed = chunks.map((c) => ({
    chunkId: c.id,
    entryId: c.entryId,
    title: c.title,
    text: c.text,
    source: c.source,
    updatedAt: c.updatedAt,
    // tags are how an owner says what an entry is about: they count as keywords of every chunk
    terms: chunkTerms(c.title, c.text, c.tags),
  }));
  return new TenantIndex(indexed, vectors);
}

async function reembedForeign(repo: KnowledgeRepo, embedder: Embedder, tenantId: string, chunks: StoredChunk[]): Promise<void> {
  const foreign = chunks.filter((c) => c.embedder !== embedder.id || c.dim !== embedder.dim);
  if (!foreign.length) return;
  const vectors = await embedder.embed(foreign.map((c) => embeddedText(c.title, c.text)));
  const updates = foreign.map((c, i) => {
    const v = vectors[i];
    if (!v || v.length !== embedder.dim) throw new Error(`embedder ${embedder.id} returned a bad vector`);
    const embedding = encodeVector(v);
    c.embedding = embedding;
    c.embedder = embedder.id;
    c.dim = embedder.dim;
    return { id: c.id, embedding, embedder: embedder.id, dim: embedder.dim };
  });
  await repo.replaceEmbeddings(tenantId, updates);
}
