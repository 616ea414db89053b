import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../core/db.js";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { LocalHashEmbedder } from "../embedder/local.js";
import { knowledgeStoreContract } from "./contract.js";
import { EmbeddedKnowledgeStore } from "./embedded.js";

const STALENESS_MS = 150;

async function newTenant(db: Db): Promise<string> {
  const t = await db.tenant.create({ data: { slug: uniqueSlug("kn"), name: "Knowledge test" } });
  return t.id;
}

knowledgeStoreContract("embedded (PostgreSQL + local embedder)", async () => {
  const db = testDb();
  const embedder = new LocalHashEmbedder();
  return {
    newStore: () => new EmbeddedKnowledgeStore(db, embedder, { versionTtlMs: STALENESS_MS }),
    newTenant: () => newTenant(db),
    newDocument: async (tenantId, name) =>
      (await db.knowledgeDocument.create({ data: { tenantId, name, kind: "text", source: "admin", contentHash: name, byteSize: 1 } })).id,
    stalenessMs: STALENESS_MS,
    close: () => db.$disconnect(),
  };
});

describe("EmbeddedKnowledgeStore specifics", () => {
  let db: Db;
  beforeAll(() => {
    db = testDb();
  });
  afterAll(() => db.$disconnect());

  it("stores one chunk per piece, each with the embedder id, dim and a float32 vector", async () => {
    const t = await newTenant(db);
    const store = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder({ dim: 128 }));
    const long = Array.from({ length: 30 }, (_, i) => `Treatment ${i} takes ${i + 10} minutes and costs £${i + 20}.`).join(" ");
    const { entry } = await store.addEntry(t, { title: "Price list", content: long });
    const chunks = await db.knowledgeChunk.findMany({ where: { tenantId: t, entryId: entry.id }, orderBy: { ordinal: "asc" } });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c).toMatchObject({ embedder: "local-hash-v1:128", dim: 128 });
      expect(c.embedding.byteLength).toBe(128 * 4);
    }
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it("re-embeds chunks written by another embedder instead of mixing vectors", async () => {
    const t = await newTenant(db);
    const old = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder({ dim: 64 }));
    await old.addEntry(t, { title: "Parking", content: "Free street parking nearby; a car park two minutes away." });
    await old.addEntry(t, { title: "Nails", content: "Gel manicure £32 and pedicure £35." });
    const current = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder({ dim: 256 }));
    const hits = await current.search(t, "where do I leave the car");
    expect(hits[0]?.title).toBe("Parking");
    const chunks = await db.knowledgeChunk.findMany({ where: { tenantId: t } });
    expect(new Set(chunks.map((c) => `${c.embedder}/${c.dim}/${c.embedding.byteLength}`))).toEqual(
      new Set(["local-hash-v1:256/256/1024"]),
    );
  });

  it("scores are relevances in [0, 1]", async () => {
    const t = await newTenant(db);
    const store = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder());
    await store.addEntry(t, { title: "Opening hours", content: "Open Tuesday to Saturday 9am to 6pm." });
    const [exact] = await store.search(t, "Opening hours: open Tuesday to Saturday 9am to 6pm.");
    expect(exact!.score).toBeGreaterThan(0.9);
    expect(exact!.score).toBeLessThanOrEqual(1.000001);
  });

  it("a remote embedder's outage degrades search to keywords instead of failing it", async () => {
    const t = await newTenant(db);
    const local = new LocalHashEmbedder();
    let down = false;
    const remote = {
      id: "remote-test:512", dim: local.dim,
      embed: async (texts: string[]) => {
        if (down) throw new Error("429 Too Many Requests");
        return local.embed(texts);
      },
    };
    const errors: unknown[] = [];
    const store = new EmbeddedKnowledgeStore(db, remote, { onEmbedError: (e) => errors.push(e) });
    await store.addEntry(t, { title: "Parking", content: "Free street parking; a car park two minutes away." });
    await store.addEntry(t, { title: "Nails", content: "Gel manicure £32 and pedicure £35." });
    const healthy = await store.search(t, "is there parking nearby");
    down = true;
    const degraded = await store.search(t, "is there parking nearby");
    expect(degraded[0]?.title).toBe("Parking");
    expect(degraded[0]!.score).toBeLessThan(healthy[0]!.score);
    expect(String(errors[0])).toMatch(/429/);
    // the local embedder cannot be "down": its errors are bugs and surface
    const broken = new EmbeddedKnowledgeStore(db, { ...local, id: "local-broken:512", dim: local.dim, embed: async () => { throw new Error("bug"); } });
    await expect(broken.search(t, "parking")).rejects.toThrow(/bug/);
  });

  it("rejects invalid input and treats a malformed entry id as not found", async () => {
    const t = await newTenant(db);
    const store = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder());
    await expect(store.addEntry(t, { title: " ", content: "x" })).rejects.toThrow(/invalid knowledge entry/);
    await expect(store.search("not-a-uuid", "x")).rejects.toThrow(/UUID/);
    expect(await store.deleteEntry(t, "nope")).toBe(false);
    expect(await store.search(t, "   ")).toEqual([]);
  });
});
