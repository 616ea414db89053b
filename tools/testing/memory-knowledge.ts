// An in-memory KnowledgeStore for agent tests (a double of a collaborator, not of the
// agent). Score: share of the query's terms found in the entry, in [0, 1]. Tenant-partitioned.
import { randomUUID } from "node:crypto";
import type { KnowledgeEntry, KnowledgeEntryInput, KnowledgeHit, KnowledgeStore, ListOptions, SearchOptions } from "../../knowledge/types.js";

const STOP = new Set("a an and are do does for how i is it me of on the to what when where you your".split(" "));

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/s$/, ""));
}

export class MemoryKnowledgeStore implements KnowledgeStore {
  private readonly entries = new Map<string, KnowledgeEntry[]>();
  /** Every search call, for assertions about which tenant was searched. */
  readonly searches: Array<{ tenantId: string; query: string; k: number | undefined }> = [];

  async addEntry(tenantId: string, input: KnowledgeEntryInput) {
    if (!tenantId) throw new Error("tenantId required");
    const list = this.entries.get(tenantId) ?? [];
    const same = list.find((e) => e.content === input.content && e.title === input.title);
    if (same) return { entry: same, created: false };
    const now = new Date();
    const entry: KnowledgeEntry = {
      id: randomUUID(), tenantId, title: input.title, content: input.content,
      tags: input.tags ?? [], source: input.source ?? "test", documentId: input.documentId ?? null, supersededById: null,
      createdAt: now, updatedAt: now,
    };
    list.push(entry);
    this.entries.set(tenantId, list);
    return { entry, created: true };
  }

  async deleteEntry(tenantId: string, entryId: string) {
    const list = this.entries.get(tenantId) ?? [];
    const i = list.findIndex((e) => e.id === entryId);
    if (i < 0) return false;
    const [gone] = list.splice(i, 1);
    for (const e of list) if (e.supersededById === entryId) e.supersededById = gone!.supersededById;
    return true;
  }

  async listEntries(tenantId: string, opts: ListOptions = {}) {
    const list = (this.entries.get(tenantId) ?? []).filter((e) => !opts.documentId || e.documentId === opts.documentId);
    return list.slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 100));
  }

  async getEntry(tenantId: string, entryId: string) {
    return (this.entries.get(tenantId) ?? []).find((e) => e.id === entryId) ?? null;
  }

  async supersede(tenantId: string, oldId: string, newId: string) {
    const list = this.entries.get(tenantId) ?? [];
    const old = list.find((e) => e.id === oldId);
    const neu = list.find((e) => e.id === newId);
    if (!old || oldId === newId || !neu || neu.supersededById) return false;
    old.supersededById = newId;
    old.updatedAt = new Date();
    return true;
  }

  async search(tenantId: string, query: string, opts: SearchOptions = {}): Promise<KnowledgeHit[]> {
    if (!tenantId) throw new Error("tenantId required");
    this.searches.push({ tenantId, query, k: opts.k });
    const q = [...new Set(terms(query))];
    if (q.length === 0) return [];
    return (this.entries.get(tenantId) ?? [])
      .filter((e) => !e.supersededById)
      .map((e) => {
        const have = new Set(terms(`${e.title} ${e.content}`));
        const score = q.filter((t) => have.has(t)).length / q.length;
        return { entryId: e.id, chunkId: `${e.id}:0`, title: e.title, text: e.content, score, source: e.source, updatedAt: e.updatedAt };
      })
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.k ?? 5);
  }
}
