// The Qdrant store's PostgreSQL side (the source of truth): entries and chunks, the
// per-tenant term statistics changed in the same transaction as the entries they describe,
// and `indexedAt` bookkeeping (null = Qdrant does not yet reflect the entry's current
// state: points to write, or, for a superseded entry, points to remove). Every query
// filters by tenantId, except the process-wide reconcile scan and collection reset.
import type { Db } from "../../../core/db.js";
import { Prisma } from "../../../core/db.js";
import type { KnowledgeEntry } from "../../types.js";
import { KnowledgeRepo, type NewChunk } from "../repo.js";
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
  /** The reads both stores share (entries are the same PostgreSQL rows). */
  private readonly entries: KnowledgeRepo;

  constructor(private readonly db: Db) {
    this.entries = new KnowledgeRepo(db);
  }

  findByHash(tenantId: string, contentHash: string): Promise<KnowledgeEntry | null> {
    return this.entries.findByHash(tenantId, contentHash);
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
   * Delete an entry (its chunks cascade). What it replaced is handed on to its own
   * replacement (`supersededById` = the deleted entry's, possibly null), explicitly and
   * before the row goes, so the foreign key's ON DELETE SET NULL never revives anything:
   * deleting the middle of a→b→c leaves a superseded by c; deleting the newest brings the
   * previous back. Only entries that become searchable are counted again and marked
   * unindexed. The rows involved are locked (replacement first, then the entry, then what
   * it replaced — the order supersede uses), so a concurrent supersede or delete cannot
   * make the counts or the index state diverge. Null when not the tenant's.
   */
  async deleteEntry(tenantId: string, entryId: string): Promise<{ reactivated: string[] } | null> {
    return retryOnConflict(() =>
      this.db.$transaction(async (tx) => {
        const seen = await tx.knowledgeEntry.findFirst({ where: { id: entryId, tenantId }, select: { supersededById: true } });
        if (!seen) return null;
        const replacement = seen.supersededById;
        if (replacement !== null) await lockEntries(tx, tenantId, [replacement]);
        const [locked] = await lockEntries(tx, tenantId, [entryId]);
        if (!locked) return null;
        // replaced by another entry in between (a concurrent supersede): start again
        if (locked.supersededById !== replacement) throw new LockRace();
        // with the entry locked no supersede can add to what it replaced (supersede locks its newId)
        const handed = (await lockReplacedBy(tx, tenantId, entryId)).map((r) => r.id);
        const wasLive = replacement === null;
        const delta = new Map<string, number>();
        const add = (d: Map<string, number>) => d.forEach((v, k) => delta.set(k, (delta.get(k) ?? 0) + v));
        if (wasLive) {
          const entry = await tx.knowledgeEntry.findFirst({ where: { id: entryId, tenantId }, select: indexableSelect });
          if (entry) add(chunkContribution(entryChunkStems(entry), -1));
        }
        if (handed.length && wasLive) {
          // they become searchable: counted again, pending until Qdrant has their points
          const revived = await tx.knowledgeEntry.findMany({ where: { tenantId, id: { in: handed } }, select: indexableSelect });
          for (const r of revived) add(chunkContribution(entryChunkStems(r), 1));
          await tx.knowledgeEntry.updateMany({ where: { tenantId, id: { in: handed } }, data: { supersededById: null, indexedAt: null } });
        } else if (handed.length) {
          // still replaced, now by the deleted entry's replacement: no stats or points change
          await tx.knowledgeEntry.updateMany({ where: { tenantId, id: { in: handed } }, data: { supersededById: replacement } });
        }
        const { count } = await tx.knowledgeEntry.deleteMany({ where: { id: entryId, tenantId } });
        if (count !== 1) return null;
        await applyTermDelta(tx, tenantId, delta);
        return { reactivated: wasLive ? handed : [] };
      }),
    );
  }

  /**
   * Mark `oldId` replaced by `newId`: both the tenant's, `newId` not itself replaced (so no
   * cycle, and no chain ending in a replaced entry). A searchable old entry stops counting
   * in the stats. Both rows are locked, newId first (as deleteEntry locks a replacement
   * before what it replaced), so a concurrent delete of either waits or wins cleanly.
   */
  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    return retryOnConflict(() =>
      this.db.$transaction(async (tx) => {
        const [neu] = await lockEntries(tx, tenantId, [newId]);
        if (!neu || neu.supersededById !== null) return false;
        const [old] = await lockEntries(tx, tenantId, [oldId]);
        if (!old) return false;
        const live = old.supersededById === null ? await tx.knowledgeEntry.findFirst({ where: { tenantId, id: oldId }, select: indexableSelect }) : null;
        const { count } = await tx.knowledgeEntry.updateMany({ where: { tenantId, id: oldId }, data: { supersededById: newId, indexedAt: null } });
        if (count !== 1) return false;
        if (live) await applyTermDelta(tx, tenantId, chunkContribution(entryChunkStems(live), -1));
        return true;
      }),
    );
  }

  /** One of the tenant's entries, or null. */
  getEntry(tenantId: string, entryId: string): Promise<KnowledgeEntry | null> {
    return this.entries.findById(tenantId, entryId);
  }

  listEntries(tenantId: string, limit: number, offset: number, documentId?: string): Promise<KnowledgeEntry[]> {
    return this.entries.listEntries(tenantId, limit, offset, documentId);
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
    // its row locks may meet a delete's or supersede's taken in another order: retried
    await retryOnConflict(() => this.db.$transaction(async (tx) => {
      // hold off the tenant's writers while recounting: new entries (their foreign key takes
      // a key-share lock on the tenant row) and changes to existing ones (row locks)
      await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${tenantId}::uuid FOR UPDATE`;
      await tx.$queryRaw`SELECT 1 FROM "KnowledgeEntry" WHERE "tenantId" = ${tenantId}::uuid ORDER BY "id" FOR UPDATE`;
      const entries = await tx.knowledgeEntry.findMany({
        where: { tenantId, supersededById: null },
        select: { title: true, tags: true, chunks: { select: { text: true } } },
      });
      await replaceStats(tx, tenantId, entries.flatMap(entryChunkStems));
    }));
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

type Tx = Prisma.TransactionClient;
type LockedRow = { id: string; supersededById: string | null };

/** Lock the tenant's rows among `ids` (FOR UPDATE, in id order); what each points to now. */
function lockEntries(tx: Tx, tenantId: string, ids: string[]): Promise<LockedRow[]> {
  return tx.$queryRaw<LockedRow[]>`
    SELECT "id"::text AS "id", "supersededById"::text AS "supersededById" FROM "KnowledgeEntry"
    WHERE "tenantId" = ${tenantId}::uuid AND "id" = ANY(${ids}::uuid[])
    ORDER BY "id" FOR UPDATE`;
}

/** Lock the tenant's entries that `entryId` replaced (FOR UPDATE, in id order). */
function lockReplacedBy(tx: Tx, tenantId: string, entryId: string): Promise<Array<{ id: string }>> {
  return tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id"::text AS "id" FROM "KnowledgeEntry"
    WHERE "tenantId" = ${tenantId}::uuid AND "supersededById" = ${entryId}::uuid
    ORDER BY "id" FOR UPDATE`;
}

/** The chain moved between reading and locking: run the transaction again. */
class LockRace extends Error {
  constructor() {
    super("supersede chain changed while locking");
  }
}

/** A deadlock, a write conflict or a LockRace (all rolled back): worth another try. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof LockRace) return true;
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    if (err.code === "P2034") return true;
    const code = (err.meta as { code?: unknown } | undefined)?.code;
    if (code === "40P01" || code === "40001") return true;
  }
  return err instanceof Error && /deadlock detected|40P01|could not serialize access/.test(err.message);
}

/** Run a locking transaction again (up to `attempts` times in all) when it lost a race. */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}
