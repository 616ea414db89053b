// The Qdrant store's PostgreSQL side (the source of truth): entries and chunks, the
// per-tenant term statistics changed in the same transaction as the entries they describe,
// and `indexedAt` bookkeeping (null = Qdrant does not yet reflect the entry's current
// state: points to write, or, for a superseded entry, points to remove). Every query
// filters by tenantId, except the process-wide reconcile scan and collection reset.
import type { Db } from "../../../core/db.js";
import type { KnowledgeEntry } from "../../types.js";
import type { NewChunk } from "../repo.js";
import type { ValidEntryInput } from "../validate.js";
import { chunkTerms } from "./sparse.js";
import { applyTermDelta, chunkContribution, replaceStats } from "./term-stats.js";

const entrySelect = {
  id: true, tenantId: true, title: true, content: true, tags: true, source: true, documentId: true, supersededById: true,
  createdAt: true, updatedAt: true,
} as const;

/** An entry with what indexing it needs. */
export interface IndexableEntry {
  id: string;
  tenantId: string;
  title: string;
  tags: string[];
  source: string;
  supersededById: string | null;
  updatedAt: Date;
  chunks: Array<{ id: string; ordinal: number; text: string; embedding: Uint8Array; embedder: string; dim: number }>;
}

const indexableSelect = {
  id: true, tenantId: true, title: true, tags: true, source: true, supersededById: true, updatedAt: true,
  chunks: { select: { id: true, ordinal: true, text: true, embedding: true, embedder: true, dim: true }, orderBy: { ordinal: "asc" } },
} as const;

/** The keyword stems of each of an entry's chunks. */
export function entryChunkStems(e: { title: string; tags: string[]; chunks: Array<{ text: string }> }): string[][] {
  return e.chunks.map((c) => chunkTerms(e.title, c.text, e.tags));
}

export interface EntryState {
  id: string;
  title: string;
  source: string;
  updatedAt: Date;
  supersededById: string | null;
}

export class QdrantEntryRepo {
  constructor(private readonly db: Db) {}

  findByHash(tenantId: string, contentHash: string): Promise<KnowledgeEntry | null> {
    return this.db.knowledgeEntry.findUnique({ where: { tenantId_contentHash: { tenantId, contentHash } }, select: entrySelect });
  }

  /** Entry, chunks and term statistics in one transaction; the entry starts unindexed. */
  async createEntry(tenantId: string, input: ValidEntryInput, hash: string, chunks: NewChunk[]): Promise<{ entry: KnowledgeEntry; indexable: IndexableEntry }> {
    return this.db.$transaction(async (tx) => {
      const created = await tx.knowledgeEntry.create({
        data: {
          tenantId, title: input.title, content: input.content, tags: input.tags, source: input.source,
          documentId: input.documentId, contentHash: hash,
          chunks: { create: chunks.map((c) => ({ ...c, tenantId })) },
        },
        select: { ...entrySelect, chunks: indexableSelect.chunks },
      });
      await applyTermDelta(tx, tenantId, chunkContribution(entryChunkStems(created), 1));
      const { chunks: stored, ...entry } = created;
      return { entry, indexable: { ...entry, chunks: stored } };
    });
  }

  /**
   * Delete an entry (its chunks cascade). Entries it superseded come back to search: their
   * terms are counted again and they are marked unindexed. Null when not the tenant's.
   */
  async deleteEntry(tenantId: string, entryId: string): Promise<{ reactivated: string[] } | null> {
    return this.db.$transaction(async (tx) => {
      const entry = await tx.knowledgeEntry.findFirst({ where: { id: entryId, tenantId }, select: indexableSelect });
      if (!entry) return null;
      const revived = await tx.knowledgeEntry.findMany({ where: { tenantId, supersededById: entryId, NOT: { id: entryId } }, select: indexableSelect });
      const delta = new Map<string, number>();
      const add = (d: Map<string, number>) => d.forEach((v, k) => delta.set(k, (delta.get(k) ?? 0) + v));
      if (entry.supersededById === null) add(chunkContribution(entryChunkStems(entry), -1));
      for (const r of revived) add(chunkContribution(entryChunkStems(r), 1));
      if (revived.length) {
        await tx.knowledgeEntry.updateMany({
          where: { tenantId, id: { in: revived.map((r) => r.id) } },
          data: { supersededById: null, indexedAt: null },
        });
      }
      const { count } = await tx.knowledgeEntry.deleteMany({ where: { id: entryId, tenantId } });
      if (count !== 1) return null;
      await applyTermDelta(tx, tenantId, delta);
      return { reactivated: revived.map((r) => r.id) };
    });
  }

  /** Mark `oldId` replaced by `newId` (both the tenant's); a searchable old entry stops counting in the stats. */
  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const found = await tx.knowledgeEntry.count({ where: { tenantId, id: { in: [oldId, newId] } } });
      if (found !== 2) return false;
      const old = await tx.knowledgeEntry.findFirst({ where: { tenantId, id: oldId }, select: indexableSelect });
      if (!old) return false;
      const { count } = await tx.knowledgeEntry.updateMany({ where: { tenantId, id: oldId }, data: { supersededById: newId, indexedAt: null } });
      if (count !== 1) return false;
      if (old.supersededById === null) await applyTermDelta(tx, tenantId, chunkContribution(entryChunkStems(old), -1));
      return true;
    });
  }

  listEntries(tenantId: string, limit: number, offset: number, documentId?: string): Promise<KnowledgeEntry[]> {
    return this.db.knowledgeEntry.findMany({
      where: { tenantId, ...(documentId ? { documentId } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      skip: offset,
      select: entrySelect,
    });
  }

  loadIndexable(tenantId: string, ids: string[]): Promise<IndexableEntry[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.knowledgeEntry.findMany({ where: { tenantId, id: { in: ids } }, select: indexableSelect });
  }

  /** Entries Qdrant does not reflect yet, oldest change first, after the cursor (keyset paging). */
  pending(limit: number, after?: { updatedAt: Date; id: string }, tenantId?: string): Promise<IndexableEntry[]> {
    return this.db.knowledgeEntry.findMany({
      where: {
        indexedAt: null,
        ...(tenantId ? { tenantId } : {}),
        ...(after ? { OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: limit,
      select: indexableSelect,
    });
  }

  /**
   * Record that Qdrant reflects the entry as of `seenUpdatedAt`. A change since (supersede,
   * revival) leaves it pending. updatedAt is written back unchanged: indexing is not an edit.
   */
  async markIndexed(tenantId: string, entryId: string, seenUpdatedAt: Date): Promise<boolean> {
    const { count } = await this.db.knowledgeEntry.updateMany({
      where: { tenantId, id: entryId, updatedAt: seenUpdatedAt, indexedAt: null },
      data: { indexedAt: new Date(), updatedAt: seenUpdatedAt },
    });
    return count === 1;
  }

  /** A new, empty collection: every entry of every tenant must be written to it again. */
  async markAllUnindexed(): Promise<number> {
    // raw SQL so updatedAt (the entries' last real change) is left alone
    return this.db.$executeRaw`UPDATE "KnowledgeEntry" SET "indexedAt" = NULL WHERE "indexedAt" IS NOT NULL`;
  }

  /** The tenant's rows among these ids (missing = deleted), with what a hit shows. */
  entryStates(tenantId: string, ids: string[]): Promise<EntryState[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.knowledgeEntry.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, title: true, source: true, updatedAt: true, supersededById: true },
    });
  }

  /** Recount the tenant's term statistics from its searchable chunks (one transaction). */
  async recountTerms(tenantId: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      // hold off the tenant's writers while recounting: new entries (their foreign key takes
      // a key-share lock on the tenant row) and changes to existing ones (row locks)
      await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${tenantId}::uuid FOR UPDATE`;
      await tx.$queryRaw`SELECT 1 FROM "KnowledgeEntry" WHERE "tenantId" = ${tenantId}::uuid FOR UPDATE`;
      const entries = await tx.knowledgeEntry.findMany({
        where: { tenantId, supersededById: null },
        select: { title: true, tags: true, chunks: { select: { text: true } } },
      });
      await replaceStats(tx, tenantId, entries.flatMap(entryChunkStems));
    });
  }

  /** Replace vectors made by another embedder (tenant-checked, one transaction). */
  async replaceEmbeddings(tenantId: string, updates: Array<{ id: string; embedding: Uint8Array<ArrayBuffer>; embedder: string; dim: number }>): Promise<void> {
    if (!updates.length) return;
    await this.db.$transaction(
      updates.map((u) =>
        this.db.knowledgeChunk.updateMany({ where: { id: u.id, tenantId }, data: { embedding: u.embedding, embedder: u.embedder, dim: u.dim } }),
      ),
    );
  }
}
