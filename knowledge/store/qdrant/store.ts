// The Qdrant knowledge store. PostgreSQL is the source of truth (entries, chunks with
// their vectors, per-tenant term statistics); Qdrant holds each searchable chunk's dense
// and BM25 sparse vectors in one multi-tenant collection. Writes go PostgreSQL first,
// then Qdrant (wait: true), then `indexedAt`; a Qdrant failure leaves the entry pending
// for `reconcile()` (run by init(), retried in the background), so nothing accepted is
// lost. Search results are checked against PostgreSQL, so a deleted or superseded entry
// whose points Qdrant still holds (after an outage, or a document delete that cascaded to
// its entries) is never returned; meeting one removes its points and recounts the tenant's
// term statistics. A remote embedder's outage degrades search to the keyword query alone.
import type { QdrantClient } from "@qdrant/js-client-rest";
import type { Db } from "../../../core/db.js";
import type { ChunkOptions } from "../../chunk.js";
import { terms } from "../../text/analyze.js";
import type { Embedder, KnowledgeEntry, KnowledgeEntryInput, KnowledgeHit, KnowledgeStore, ListOptions, SearchOptions } from "../../types.js";
import { DEFAULT_DENSE_WEIGHT } from "../embedded.js";
import { embedQuery, entryInsertFailure, prepareEntry } from "../prepare.js";
import { isUuid, requireTenant } from "../validate.js";
import { createQdrantClient, qdrantCall, qdrantError, type QdrantConnection } from "./client.js";
import { tenantFilter } from "./points.js";
import { ensureCollection } from "./collection.js";
import { QdrantEntryRepo, type IndexableEntry } from "./entry-repo.js";
import { QdrantIndexer, type ReconcileResult } from "./indexer.js";
import { fetchCandidates, fuse } from "./search.js";
import { avgdlOf, keywordQuery } from "./sparse.js";
import { readStats } from "./term-stats.js";

export interface WarnLog {
  warn(obj: object, msg: string): void;
}

export interface QdrantStoreOptions {
  /** Weight of dense similarity in the fused score (default DEFAULT_DENSE_WEIGHT, the embedded store's, so NO_ANSWER_THRESHOLD holds). */
  denseWeight?: number;
  chunking?: ChunkOptions;
  /** Chunks each of the dense and sparse queries fetches: max(minFetch, k × fetchPerHit), at most 200. */
  minFetch?: number;
  fetchPerHit?: number;
  /** First delay of the background reconcile after a failed Qdrant write (doubles up to 60 s; default 5 s). */
  retryDelayMs?: number;
  log?: WarnLog;
  /** Told when a remote embedder fails a query (search then runs on keywords alone). */
  onEmbedError?: (err: unknown) => void;
}

export class QdrantKnowledgeStore implements KnowledgeStore {
  readonly kind: string;
  private readonly client: QdrantClient;
  private readonly collection: string;
  private readonly repo: QdrantEntryRepo;
  private readonly indexer: QdrantIndexer;
  private readonly denseWeight: number;
  private readying: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  /** Recounts of term statistics a search started after meeting deleted entries, per tenant. */
  private readonly recounts = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly healed = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly embedder: Embedder,
    conn: QdrantConnection,
    private readonly opts: QdrantStoreOptions = {},
  ) {
    this.client = createQdrantClient(conn);
    this.collection = conn.collection;
    this.kind = `qdrant:${conn.collection}`;
    this.repo = new QdrantEntryRepo(db);
    this.indexer = new QdrantIndexer(db, this.repo, this.client, this.collection, embedder);
    this.denseWeight = opts.denseWeight ?? DEFAULT_DENSE_WEIGHT;
    this.retryDelay = opts.retryDelayMs ?? 5000;
    if (!(this.denseWeight >= 0 && this.denseWeight <= 1)) throw new RangeError("denseWeight must be in [0, 1]");
  }

  /** Create or check the collection and its payload indexes, then index every pending entry. Throws on a mismatch or an unreachable Qdrant. */
  async init(): Promise<void> {
    await this.ready();
    const result = await this.reconcile();
    if (result.error) throw result.error;
  }

  /** Write every pending entry (indexedAt null) to Qdrant; what is left after a failure stays pending. */
  async reconcile(opts: { tenantId?: string } = {}): Promise<ReconcileResult> {
    try {
      await this.ready();
    } catch (err) {
      return { synced: 0, error: err instanceof Error ? err : new Error(String(err)) };
    }
    const result = await this.indexer.reconcile(opts);
    if (result.error) this.scheduleRetry();
    return result;
  }

  /**
   * Recount the tenant's keyword statistics from PostgreSQL. The store keeps them exact
   * itself; this repairs them after entries were removed behind its back (a cascade).
   */
  async recountTerms(tenantId: string): Promise<void> {
    requireTenant(tenantId);
    await this.repo.recountTerms(tenantId);
  }

  /** Remove every point of a tenant (after the tenant was deleted from PostgreSQL). */
  async purgeTenant(tenantId: string): Promise<void> {
    requireTenant(tenantId);
    await this.ready();
    await qdrantCall("purge tenant", () => this.client.delete(this.collection, { wait: true, filter: tenantFilter(tenantId) }));
  }

  /** Stop the background retry timer. */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  async addEntry(tenantId: string, input: KnowledgeEntryInput): Promise<{ entry: KnowledgeEntry; created: boolean }> {
    const p = await prepareEntry(tenantId, input, (h) => this.repo.findByHash(tenantId, h), this.embedder, this.opts.chunking);
    if (p.existing) return { entry: p.existing, created: false };
    const { valid, hash, chunks } = p;
    let created: { entry: KnowledgeEntry; indexable: IndexableEntry };
    try {
      created = await this.repo.createEntry(tenantId, valid, hash, chunks);
    } catch (err) {
      return { entry: await entryInsertFailure(err, () => this.repo.findByHash(tenantId, hash)), created: false };
    }
    await this.syncOrDefer(tenantId, "add", () => this.syncEntries([created.indexable]));
    return { entry: created.entry, created: true };
  }

  async deleteEntry(tenantId: string, entryId: string): Promise<boolean> {
    requireTenant(tenantId);
    if (!isUuid(entryId)) return false;
    const deleted = await this.repo.deleteEntry(tenantId, entryId);
    if (!deleted) return false;
    await this.syncOrDefer(tenantId, "delete", async () => {
      await this.ready();
      await this.indexer.removeEntries(tenantId, [entryId]);
      await this.syncEntries(await this.repo.loadIndexable(tenantId, deleted.reactivated));
    });
    return true;
  }

  async getEntry(tenantId: string, entryId: string): Promise<KnowledgeEntry | null> {
    requireTenant(tenantId);
    if (!isUuid(entryId)) return null;
    return this.repo.getEntry(tenantId, entryId);
  }

  async listEntries(tenantId: string, opts: ListOptions = {}): Promise<KnowledgeEntry[]> {
    requireTenant(tenantId);
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), 1000);
    const offset = Math.max(Math.trunc(opts.offset ?? 0), 0);
    if (opts.documentId !== undefined && !isUuid(opts.documentId)) return [];
    return this.repo.listEntries(tenantId, limit, offset, opts.documentId);
  }

  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    requireTenant(tenantId);
    if (!isUuid(oldId) || !isUuid(newId) || oldId === newId) return false;
    const done = await this.repo.supersede(tenantId, oldId, newId);
    // search checks PostgreSQL, so the old entry is out of search now even if this fails
    if (done) await this.syncOrDefer(tenantId, "supersede", async () => this.syncEntries(await this.repo.loadIndexable(tenantId, [oldId])));
    return done;
  }

  async search(tenantId: string, query: string, opts: SearchOptions = {}): Promise<KnowledgeHit[]> {
    requireTenant(tenantId);
    const k = Math.min(Math.max(Math.trunc(opts.k ?? 5), 1), 50);
    if (!query.trim()) return [];
    await this.ready();
    const stems = terms(query);
    const [stats, vector] = await Promise.all([readStats(this.db, tenantId, stems), this.queryVector(query)]);
    const limit = Math.min(200, Math.max(this.opts.minFetch ?? 20, k * (this.opts.fetchPerHit ?? 4)));
    const q = { tenantId, dense: vector, keyword: keywordQuery(stems, stats), limit };
    // without a query vector (remote embedder down) only keywords can match
    if (!vector && !q.keyword.vector) return [];
    const found = await fetchCandidates(this.client, this.collection, q);

    const entryIds = [...new Set([...found.dense, ...found.sparse].map((c) => c.entryId))];
    const states = new Map((await this.repo.entryStates(tenantId, entryIds)).map((s) => [s.id, s]));
    const orphans = entryIds.filter((id) => !states.has(id));
    if (orphans.length) this.healOrphans(tenantId, orphans);
    const ranked = fuse(q, found, {
      denseWeight: this.denseWeight,
      currentAvgdl: avgdlOf(stats),
      k,
      keep: (id) => states.get(id)?.supersededById === null,
    });
    return ranked.map(({ candidate, score }) => {
      const entry = states.get(candidate.entryId)!;
      return {
        entryId: entry.id,
        chunkId: candidate.chunkId,
        title: entry.title,
        text: candidate.text,
        score,
        source: entry.source,
        updatedAt: entry.updatedAt,
      };
    });
  }

  /** The query's vector, or null when a remote embedder is down (keyword query alone). */
  private queryVector(query: string): Promise<Float32Array | null> {
    return embedQuery(this.embedder, query, this.opts.onEmbedError);
  }

  private async syncEntries(entries: IndexableEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.ready();
    await this.indexer.sync(entries);
  }

  /** Run a Qdrant write after a committed PostgreSQL change; on failure the change stays pending and a retry is scheduled. */
  private async syncOrDefer(tenantId: string, what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      const error = qdrantError(`${what} sync`, err);
      this.opts.log?.warn({ tenantId, collection: this.collection, err: error.message }, "knowledge change saved; Qdrant sync deferred");
      this.scheduleRetry();
    }
  }

  /**
   * Points of entries PostgreSQL no longer has: deleted while Qdrant was down, or removed
   * behind the store's back (a KnowledgeDocument delete cascades to its entries, leaving
   * their terms counted). Remove the points and recount the tenant's term statistics,
   * best effort, in the background; one recount per tenant at a time.
   */
  private healOrphans(tenantId: string, entryIds: string[]): void {
    this.indexer.removeEntries(tenantId, entryIds).catch((err: unknown) => {
      this.opts.log?.warn({ tenantId, err: qdrantError("orphan cleanup", err).message }, "could not remove stale Qdrant points");
    });
    // one recount per orphan: if removing its points keeps failing, later searches do not recount again
    const fresh = entryIds.filter((id) => !this.healed.has(`${tenantId}:${id}`));
    if (!fresh.length) return;
    if (this.healed.size > 10_000) this.healed.clear();
    for (const id of fresh) this.healed.add(`${tenantId}:${id}`);
    const running = this.recounts.get(tenantId);
    if (running) {
      running.again = true; // it may have read before these rows went: count once more after it
      return;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        try {
          await this.repo.recountTerms(tenantId);
        } catch (err) {
          this.opts.log?.warn({ tenantId, err: err instanceof Error ? err.message : String(err) }, "could not recount knowledge term statistics");
        }
      } while (state.again);
      this.recounts.delete(tenantId);
    })();
    this.recounts.set(tenantId, state);
  }

  /** Settle the background repairs a search started (tests; shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.recounts.values()].map((r) => r.done));
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, 60_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.reconcile().then((r) => {
        if (!r.error) this.retryDelay = this.opts.retryDelayMs ?? 5000;
      });
    }, delay);
    this.retryTimer.unref();
  }

  /** Collection checked once per instance (retried after a failure); a new, empty collection re-indexes everything. */
  private ready(): Promise<void> {
    this.readying ??= (async () => {
      // a new collection is empty: every entry of every tenant is pending until written to it
      const { created } = await ensureCollection(this.client, this.collection, this.embedder, () => this.repo.markAllUnindexed());
      if (created) this.scheduleRetry();
    })().catch((err: unknown) => {
      this.readying = null;
      throw err;
    });
    return this.readying;
  }
}
