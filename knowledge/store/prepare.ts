// What both stores do around the embedder: turn a validated entry into chunk rows (chunked,
// embedded, encoded, each with the embedder's id and dim), and embed a query — where a
// remote embedder's outage (or 429) returns null so search can run on keywords alone.
import { Prisma } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { chunkText, type ChunkOptions } from "../chunk.js";
import type { Embedder, KnowledgeEntry, KnowledgeEntryInput } from "../types.js";
import type { NewChunk } from "./repo.js";
import { embeddedText, entryHash, parseEntryInput, requireTenant, type ValidEntryInput } from "./validate.js";
import { encodeVector } from "./vector.js";

export async function embedEntry(embedder: Embedder, entry: ValidEntryInput, chunking?: ChunkOptions): Promise<NewChunk[]> {
  const pieces = chunkText(entry.content, chunking);
  const vectors = await embedder.embed(pieces.map((p) => embeddedText(entry.title, p)));
  return pieces.map((text, ordinal) => {
    const v = vectors[ordinal];
    if (!v || v.length !== embedder.dim) throw new Error(`embedder ${embedder.id} returned a bad vector`);
    return { ordinal, text, embedding: encodeVector(v), embedder: embedder.id, dim: embedder.dim };
  });
}

/**
 * The query's vector, or null when a remote embedder fails: the caller searches keywords
 * only and `onEmbedError` is told so the operator sees it. A local embedder cannot be
 * "down": its errors are bugs and surface.
 */
export async function embedQuery(embedder: Embedder, query: string, onEmbedError?: (err: unknown) => void): Promise<Float32Array | null> {
  try {
    const [vector] = await embedder.embed([query]);
    if (!vector || vector.length !== embedder.dim) throw new Error(`embedder ${embedder.id} returned a bad query vector`);
    return vector;
  } catch (err) {
    if (embedder.id.startsWith("local-")) throw err;
    onEmbedError?.(err);
    return null;
  }
}

/**
 * What a failed entry insert means, for both stores: a lost race with an identical add
 * (unique hash) returns the winner's entry; the (tenantId, documentId) foreign key means the
 * document is not the tenant's (a 400); anything else is rethrown.
 */
export async function entryInsertFailure<E>(err: unknown, findWinner: () => Promise<E | null>): Promise<E> {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    const winner = await findWinner();
    if (winner) return winner;
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2003") {
    throw new AppError("bad_request", "documentId is not a document of this tenant");
  }
  throw err;
}

export type PreparedEntry =
  | { existing: KnowledgeEntry }
  | { existing: null; valid: ValidEntryInput; hash: string; chunks: NewChunk[] };

/**
 * The first half of both stores' addEntry: tenant and input checked, the dedup key, the
 * entry it already is (identical content: nothing to write), else its embedded chunks.
 */
export async function prepareEntry(
  tenantId: string, input: KnowledgeEntryInput, findByHash: (hash: string) => Promise<KnowledgeEntry | null>,
  embedder: Embedder, chunking?: ChunkOptions,
): Promise<PreparedEntry> {
  requireTenant(tenantId);
  const valid = parseEntryInput(input);
  const hash = entryHash(valid.content, valid.documentId);
  const existing = await findByHash(hash);
  if (existing) return { existing };
  return { existing: null, valid, hash, chunks: await embedEntry(embedder, valid, chunking) };
}
