// The embedded knowledge store: entries and chunk vectors persist in PostgreSQL; search
// runs over a per-tenant in-memory index (see tenant-index.ts, index-cache.ts).
//
// Score: every hit's `score` is a relevance in [0, 1] — denseWeight × max(0, cosine) +
// (1 − denseWeight) × normalized BM25 (see bm25.ts). Hits are one per entry (its best
// chunk), best first. See knowledge/relevance.ts for the "no good answer" threshold.
import type { Db } from "../../core/db.js";
import type { ChunkOptions } from "../chunk.js";
import { terms } from "../text/analyze.js";
import type { Embedder, KnowledgeEntry, KnowledgeEntryInput, KnowledgeHit, KnowledgeStore, ListOptions, SearchOptions } from "../types.js";
import { buildTenantIndex } from "./build-index.js";
import { embedQuery, entryInsertFailure, prepareEntry } from "./prepare.js";
import { IndexCache } from "./index-cache.js";
import { KnowledgeRepo } from "./repo.js";
import type { TenantIndex } from "./tenant-index.js";
import { isUuid, requireTenant } from "./validate.js";

export interface EmbeddedStoreOptions {
  /** How long an index is trusted before re-checking the tenant's version (default 1000 ms). */
  versionTtlMs?: number;
  /** Most tenants kept in memory (LRU, default 500). */
  maxTenantsCached?: number;
  /** Weight of dense similarity in the fused score (default DEFAULT_DENSE_WEIGHT). */
  denseWeight?: number;
  chunking?: ChunkOptions;
  /** Told when a remote embedder fails a query (search then runs on keywords alone). */
  onEmbedError?: (err: unknown) => void;
}

/** Chosen by measurement on the demo question set (knowledge/README.md). */
export const DEFAULT_DENSE_WEIGHT = 0.2;
export const DEFAULT_VERSION_TTL_MS = 1000;

export class EmbeddedKnowledgeStore implements KnowledgeStore {
  readonly kind = "embedded";
  private readonly repo: KnowledgeRepo;
  private readonly cache: IndexCache<TenantIndex>;
  private readonly denseWeight: number;

  constructor(db: Db, private readonly embedder: Embedder, private readonly opts: EmbeddedStoreOptions = {}) {
    this.repo = new KnowledgeRepo(db);
    this.cache = new IndexCache(opts.versionTtlMs ?? DEFAULT_VERSION_TTL_MS, opts.maxTenantsCached ?? 500);
    this.denseWeight = opts.denseWeight ?? DEFAULT_DENSE_WEIGHT;
    if (!(this.denseWeight >= 0 && this.denseWeight <= 1)) throw new RangeError("denseWeight must be in [0, 1]");
  }

  async addEntry(tenantId: string, input: KnowledgeEntryInput): Promise<{ entry: KnowledgeEntry; created: boolean }> {
    const p = await prepareEntry(tenantId, input, (h) => this.repo.findByHash(tenantId, h), this.embedder, this.opts.chunking);
    if (p.existing) return { entry: p.existing, created: false };
    const { valid, hash, chunks } = p;
    try {
      const entry = await this.repo.createEntry(tenantId, valid, hash, chunks);
      return { entry, created: true };
    } catch (err) {
      return { entry: await entryInsertFailure(err, () => this.repo.findByHash(tenantId, hash)), created: false };
    } finally {
      this.cache.invalidate(tenantId);
    }
  }

  async deleteEntry(tenantId: string, entryId: string): Promise<boolean> {
    requireTenant(tenantId);
    if (!isUuid(entryId)) return false;
    const deleted = await this.repo.deleteEntry(tenantId, entryId);
    if (deleted) this.cache.invalidate(tenantId);
    return deleted;
  }

  /** A remote embedder's outage degrades search to keywords: a zero vector adds no dense part. */
  private async queryVector(query: string): Promise<Float32Array> {
    return (await embedQuery(this.embedder, query, this.opts.onEmbedError)) ?? new Float32Array(this.embedder.dim);
  }

  async listEntries(tenantId: string, opts: ListOptions = {}): Promise<KnowledgeEntry[]> {
    requireTenant(tenantId);
    const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 100), 1), 1000);
    const offset = Math.max(Math.trunc(opts.offset ?? 0), 0);
    if (opts.documentId !== undefined && !isUuid(opts.documentId)) return [];
    return this.repo.listEntries(tenantId, limit, offset, opts.documentId);
  }

  async getEntry(tenantId: string, entryId: string): Promise<KnowledgeEntry | null> {
    requireTenant(tenantId);
    return isUuid(entryId) ? this.repo.findById(tenantId, entryId) : null;
  }

  async supersede(tenantId: string, oldId: string, newId: string): Promise<boolean> {
    requireTenant(tenantId);
    if (!isUuid(oldId) || !isUuid(newId) || oldId === newId) return false;
    const done = await this.repo.supersede(tenantId, oldId, newId);
    if (done) this.cache.invalidate(tenantId);
    return done;
  }

  async search(tenantId: string, query: string, opts: SearchOptions = {}): Promise<KnowledgeHit[]> {
    requireTenant(tenantId);
    const k = Math.min(Math.max(Math.trunc(opts.k ?? 5), 1), 50);
    if (!query.trim()) return [];
    const queryTerms = terms(query);
    const index = await this.cache.get(
      tenantId,
      () => this.repo.version(tenantId),
      async () => {
        // version first: a write landing during the load makes the next check reload
        const version = await this.repo.version(tenantId);
        return { version, value: await buildTenantIndex(this.repo, this.embedder, tenantId) };
      },
    );
    const vector = await this.queryVector(query);
    return index.search(vector, queryTerms, k, { denseWeight: this.denseWeight }).map(({ chunk, score }) => ({
      entryId: chunk.entryId,
      chunkId: chunk.chunkId,
      title: chunk.title,
      text: chunk.text,
      score,
      source: chunk.source,
      updatedAt: chunk.updatedAt,
    }));
  }
}
