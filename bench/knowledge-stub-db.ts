// A stand-in for the two Prisma calls an EmbeddedKnowledgeStore makes when it loads a
// tenant (`knowledgeChunk.findMany`, `knowledgeEntry.aggregate`), serving synthetic rows in
// the shape Prisma returns. It lets the benchmark put 100 large tenants in a store through
// the store's own load path (KnowledgeRepo → buildTenantIndex → TenantIndex → IndexCache)
// without inserting millions of rows into PostgreSQL. Writes are not supported.
import { randomUUID } from "node:crypto";
import type { Db } from "../core/db.js";

export interface PoolEntry {
  title: string;
  chunks: Array<{ text: string; embedding: Uint8Array }>;
}

interface TenantRows {
  entries: readonly PoolEntry[];
  /** Ids fixed at registration, so every load (and the baseline) sees the same rows. */
  entryIds: string[];
  chunkIds: string[][];
  updatedAt: Date;
}

interface StubRow {
  id: string;
  entryId: string;
  text: string;
  embedding: Uint8Array;
  embedder: string;
  dim: number;
  entry: { title: string; tags: string[]; source: string; updatedAt: Date };
}

export class StubKnowledgeDb {
  private readonly tenants = new Map<string, TenantRows>();

  constructor(private readonly embedderId: string, private readonly dim: number) {}

  /** Registers a tenant made of these entries; returns its id. */
  addTenant(entries: readonly PoolEntry[]): string {
    const id = randomUUID();
    const entryIds = entries.map(() => randomUUID());
    const chunkIds = entries.map((e) => e.chunks.map(() => randomUUID()));
    this.tenants.set(id, { entries, entryIds, chunkIds, updatedAt: new Date() });
    return id;
  }

  chunkCount(tenantId: string): number {
    return this.tenants.get(tenantId)?.entries.reduce((n, e) => n + e.chunks.length, 0) ?? 0;
  }

  asDb(): Db {
    const findMany = async ({ where }: { where: { tenantId: string } }) => this.rows(where.tenantId);
    const aggregate = async ({ where }: { where: { tenantId: string } }) => {
      const t = this.tenants.get(where.tenantId);
      return { _count: { _all: t?.entries.length ?? 0 }, _max: { updatedAt: t?.updatedAt ?? null } };
    };
    return { knowledgeChunk: { findMany }, knowledgeEntry: { aggregate } } as unknown as Db;
  }

  private rows(tenantId: string) {
    const t = this.tenants.get(tenantId);
    if (!t) return [];
    const rows: StubRow[] = [];
    for (let i = 0; i < t.entries.length; i++) {
      const e = t.entries[i]!;
      const entryId = t.entryIds[i]!;
      const entry = { title: e.title, tags: [] as string[], source: "admin", updatedAt: t.updatedAt };
      e.chunks.forEach((c, j) => {
        const id = t.chunkIds[i]![j]!;
        rows.push({ id, entryId, text: c.text, embedding: c.embedding, embedder: this.embedderId, dim: this.dim, entry });
      });
    }
    return rows;
  }
}
