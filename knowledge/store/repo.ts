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

  async deleteEntry(tenantId: string, entryId: string): Promise<boolean> {
    // chunks go with the entry (ON DELETE CASCADE)
    const { count } = await this.db.knowledgeEntry.deleteMany({ where: { id: entryId, tenantId } });
    return count > 0;
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

  /** Both entries must be the tenant's; the old one leaves search (its updatedAt moves, so versions change). */
  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const found = await tx.knowledgeEntry.count({ where: { tenantId, id: { in: [oldId, newId] } } });
      if (found !== 2) return false;
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
