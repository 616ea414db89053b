// The only place the embedded store touches Prisma. Every query filters by tenantId.
import type { Db } from "../../core/db.js";
import type { KnowledgeEntry } from "../types.js";
import type { ValidEntryInput } from "./validate.js";

export interface NewChunk {
  ordinal: number;
  text: string;
  embedding: Uint8Array<ArrayBuffer>;
  embedder: string;
  dim: number;
}

export interface StoredChunk {
  id: string;
  entryId: string;
  title: string;
  /** The entry's tags: keyword-indexed with every chunk of the entry. */
  tags: string[];
  source: string;
  updatedAt: Date;
  text: string;
  embedding: Uint8Array;
  embedder: string;
  dim: number;
}

const entrySelect = {
  id: true, tenantId: true, title: true, content: true, tags: true, source: true, documentId: true, supersededById: true,
  createdAt: true, updatedAt: true,
} as const;

export class KnowledgeRepo {
  constructor(private readonly db: Db) {}

  findByHash(tenantId: string, contentHash: string): Promise<KnowledgeEntry | null> {
    return this.db.knowledgeEntry.findUnique({
      where: { tenantId_contentHash: { tenantId, contentHash } },
      select: entrySelect,
    });
  }

  /** Entry and its chunks in one atomic nested write. */
  createEntry(tenantId: string, input: ValidEntryInput, hash: string, chunks: NewChunk[]): Promise<KnowledgeEntry> {
    return this.db.knowledgeEntry.create({
      data: {
        tenantId,
        title: input.title,
        content: input.content,
        tags: input.tags,
        source: input.source,
        documentId: input.documentId,
        contentHash: hash,
        chunks: { create: chunks.map((c) => ({ ...c, tenantId })) },
      },
      select: entrySelect,
    });
  }

  findById(tenantId: string, id: string): Promise<KnowledgeEntry | null> {
    return this.db.knowledgeEntry.findFirst({ where: { id, tenantId }, select: entrySelect });
  }

  /**
   * Deletes the entry (its chunks go with it, ON DELETE CASCADE) after handing what it
   * replaced on to its own replacement, in one transaction with the row locked: deleting
   * the middle of a → b → c leaves a replaced by c, deleting the newest revives the previous.
   */
  async deleteEntry(tenantId: string, entryId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ supersededById: string | null }>>`
        SELECT "supersededById" FROM "KnowledgeEntry" WHERE id = ${entryId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
      const row = rows[0];
      if (!row) return false;
      await tx.knowledgeEntry.updateMany({ where: { tenantId, supersededById: entryId }, data: { supersededById: row.supersededById } });
      const { count } = await tx.knowledgeEntry.deleteMany({ where: { id: entryId, tenantId } });
      return count > 0;
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

  /**
   * Both entries must be the tenant's and the new one live (never replaced itself: no
   * cycles, no dangling chains); both rows are locked against a concurrent delete. The old
   * one leaves search (its updatedAt moves, so versions change).
   */
  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: string; supersededById: string | null }>>`
        SELECT id::text, "supersededById"::text FROM "KnowledgeEntry"
        WHERE "tenantId" = ${tenantId}::uuid AND id IN (${oldId}::uuid, ${newId}::uuid) ORDER BY id FOR UPDATE`;
      if (rows.length !== 2 || rows.find((r) => r.id === newId)?.supersededById) return false;
      const { count } = await tx.knowledgeEntry.updateMany({ where: { tenantId, id: oldId }, data: { supersededById: newId } });
      return count === 1;
    });
  }

  /** A cheap fingerprint of the tenant's knowledge: changes on every add and delete. */
  async version(tenantId: string): Promise<string> {
    const agg = await this.db.knowledgeEntry.aggregate({
      where: { tenantId },
      _count: { _all: true },
      _max: { updatedAt: true },
    });
    return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
  }

  async loadChunks(tenantId: string): Promise<StoredChunk[]> {
    const rows = await this.db.knowledgeChunk.findMany({
      // superseded entries are listed, never searched
      where: { tenantId, entry: { supersededById: null } },
      orderBy: [{ entryId: "asc" }, { ordinal: "asc" }],
      select: {
        id: true, entryId: true, text: true, embedding: true, embedder: true, dim: true,
        entry: { select: { title: true, tags: true, source: true, updatedAt: true } },
      },
    });
    return rows.map(({ entry, ...c }) => ({ ...c, title: entry.title, tags: entry.tags, source: entry.source, updatedAt: entry.updatedAt }));
  }

  /** Replace vectors made by another embedder (tenant-checked, one transaction). */
  async replaceEmbeddings(tenantId: string, updates: Array<{ id: string; embedding: Uint8Array<ArrayBuffer>; embedder: string; dim: number }>): Promise<void> {
    for (let i = 0; i < updates.length; i += 500) {
      const batch = updates.slice(i, i + 500);
      await this.db.$transaction(
        batch.map((u) =>
          this.db.knowledgeChunk.updateMany({
            where: { id: u.id, tenantId },
            data: { embedding: u.embedding, embedder: u.embedder, dim: u.dim },
          }),
        ),
      );
    }
  }
}
