// Making Qdrant reflect PostgreSQL: a searchable entry's chunks are upserted as points
// (wait: true), a superseded entry's points are deleted, and only then is the entry
// marked indexed (guarded by its updatedAt, so a change in between keeps it pending).
// Chunks stored by another embedder are re-embedded and written back first, never mixed.
// `reconcile` walks every pending entry (indexedAt null) in keyset pages; it is what
// init() runs and what retries after an outage.
import type { QdrantClient } from "@qdrant/js-client-rest";
import type { Db } from "../../../core/db.js";
import type { Embedder } from "../../types.js";
import { decodeVector, encodeVector } from "../vector.js";
import { embeddedText } from "../validate.js";
import { qdrantCall } from "./client.js";
import { entryChunkStems, type IndexableEntry, type QdrantEntryRepo } from "./entry-repo.js";
import { ENTRY_FIELD, tenantFilter, toPoint } from "./points.js";
import { avgdlOf, documentVector } from "./sparse.js";
import { readStats } from "./term-stats.js";

const UPSERT_BATCH = 64;

export interface ReconcileResult {
  /** Entries whose points were written or removed. */
  synced: number;
  /** Set when Qdrant failed part-way: the rest stays pending for the next run. */
  error?: Error;
}

export class QdrantIndexer {
  constructor(
    private readonly db: Db,
    private readonly repo: QdrantEntryRepo,
    private readonly client: QdrantClient,
    private readonly collection: string,
    private readonly embedder: Embedder,
  ) {}

  /**
   * Write (or remove) these entries' points, then mark them indexed. Throws on a Qdrant
   * failure. An entry that changed while it was being written (marking refused) may have had
   * a newer state's write overtaken by this one — e.g. a supersede's removal landing after
   * the revival's upsert — so when its searchability now differs from what was written,
   * its current state is written once more.
   */
  async sync(entries: IndexableEntry[], rewrite = true): Promise<number> {
    const byTenant = new Map<string, IndexableEntry[]>();
    for (const e of entries) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    let done = 0;
    for (const [tenantId, list] of byTenant) {
      const live = list.filter((e) => e.supersededById === null);
      const gone = list.filter((e) => e.supersededById !== null);
      if (live.length) await this.upsert(tenantId, live);
      if (gone.length) await this.removeEntries(tenantId, gone.map((e) => e.id));
      const changed: IndexableEntry[] = [];
      for (const e of list) {
        if (await this.repo.markIndexed(tenantId, e.id, e.updatedAt)) done++;
        else changed.push(e);
      }
      if (!rewrite || !changed.length) continue;
      const wrote = new Map(changed.map((e) => [e.id, e.supersededById === null]));
      const current = await this.repo.loadIndexable(tenantId, changed.map((e) => e.id));
      const flipped = current.filter((e) => (e.supersededById === null) !== wrote.get(e.id));
      if (flipped.length) done += await this.sync(flipped, false);
    }
    return done;
  }

  /** Delete every point of these entries (tenant-filtered). */
  async removeEntries(tenantId: string, entryIds: string[]): Promise<void> {
    if (!entryIds.length) return;
    await qdrantCall("delete points", () =>
      this.client.delete(this.collection, { wait: true, filter: tenantFilter(tenantId, { key: ENTRY_FIELD, match: { any: entryIds } }) }),
    );
  }

  async reconcile(opts: { tenantId?: string; pageSize?: number } = {}): Promise<ReconcileResult> {
    let synced = 0;
    let cursor: { updatedAt: Date; id: string } | undefined;
    for (;;) {
      const page = await this.repo.pending(opts.pageSize ?? 100, cursor, opts.tenantId);
      if (!page.length) return { synced };
      try {
        synced += await this.sync(page);
      } catch (err) {
        return { synced, error: err instanceof Error ? err : new Error(String(err)) };
      }
      const last = page[page.length - 1]!;
      cursor = { updatedAt: last.updatedAt, id: last.id };
    }
  }

  private async upsert(tenantId: string, entries: IndexableEntry[]): Promise<void> {
    await this.reembedForeign(tenantId, entries);
    const avgdl = avgdlOf(await readStats(this.db, tenantId, []));
    const points = entries.flatMap((e) => {
      const stems = entryChunkStems(e);
      return e.chunks.map((c, i) =>
        toPoint({
          tenantId,
          entryId: e.id,
          chunkId: c.id,
          text: c.text,
          dense: decodeVector(c.embedding, this.embedder.dim),
          sparse: documentVector(stems[i]!, avgdl),
          dl: stems[i]!.length,
          avgdl,
        }),
      );
    });
    for (let i = 0; i < points.length; i += UPSERT_BATCH) {
      const batch = points.slice(i, i + UPSERT_BATCH);
      await qdrantCall("upsert points", () => this.client.upsert(this.collection, { wait: true, points: batch }));
    }
  }

  private async reembedForeign(tenantId: string, entries: IndexableEntry[]): Promise<void> {
    const foreign = entries.flatMap((e) => e.chunks.filter((c) => c.embedder !== this.embedder.id || c.dim !== this.embedder.dim).map((c) => ({ e, c })));
    if (!foreign.length) return;
    const vectors = await this.embedder.embed(foreign.map(({ e, c }) => embeddedText(e.title, c.text)));
    const updates = foreign.map(({ c }, i) => {
      const v = vectors[i];
      if (!v || v.length !== this.embedder.dim) throw new Error(`embedder ${this.embedder.id} returned a bad vector`);
      c.embedding = encodeVector(v);
      c.embedder = this.embedder.id;
      c.dim = this.embedder.dim;
      return { id: c.id, embedding: encodeVector(v), embedder: c.embedder, dim: c.dim };
    });
    await this.repo.replaceEmbeddings(tenantId, updates);
  }
}
