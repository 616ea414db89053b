// The Qdrant knowledge store against a fake Qdrant server that speaks (and validates)
// Qdrant's published REST API, on the real PostgreSQL: the shared contract, then what is
// specific to Qdrant (tenant filter on every request, collection checks, outages and
// reconcile, scores equal to the embedded store's).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../core/db.js";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { startFakeQdrant, type FakeQdrant, type QdrantRequest } from "../../test/fakes/qdrant.js";
import { LocalHashEmbedder } from "../embedder/local.js";
import { terms } from "../text/analyze.js";
import type { Embedder } from "../types.js";
import { knowledgeStoreContract } from "./contract.js";
import { EmbeddedKnowledgeStore } from "./embedded.js";
import { QdrantKnowledgeStore } from "./qdrant/store.js";
import { isRetryable, retryOnConflict } from "./qdrant/entry-repo.js";
import { CHUNKS_ROW } from "./qdrant/term-stats.js";

async function newTenant(db: Db): Promise<string> {
  return (await db.tenant.create({ data: { slug: uniqueSlug("qd"), name: "Qdrant test" } })).id;
}

const uniqueCollection = () => `kn_${randomBytes(4).toString("hex")}`;

/** Which tenant a read/delete request was scoped to, or null if it was not. */
function tenantScopes(r: QdrantRequest): Array<string | null> {
  const scopeOf = (filter: unknown): string | null => {
    const must = (filter as { must?: unknown } | null)?.must;
    const first = Array.isArray(must) ? must[0] : must;
    const c = first as { key?: string; match?: { value?: unknown } } | undefined;
    return c?.key === "tenant_id" && typeof c.match?.value === "string" ? c.match.value : null;
  };
  const body = r.body as { searches?: Array<{ filter?: unknown }>; filter?: unknown; points?: unknown };
  if (r.operation === "query_batch_points") return (body.searches ?? []).map((s) => scopeOf(s.filter));
  if (r.operation === "delete_points") return [body.points ? null : scopeOf(body.filter)];
  return [];
}

let contractFake: FakeQdrant | undefined;

knowledgeStoreContract("qdrant (fake Qdrant server + PostgreSQL)", async () => {
  const db = testDb();
  const fake = await startFakeQdrant();
  contractFake = fake;
  const collection = uniqueCollection();
  const embedder = new LocalHashEmbedder();
  const stores: QdrantKnowledgeStore[] = [];
  return {
    newStore: () => {
      const s = new QdrantKnowledgeStore(db, embedder, { url: fake.baseUrl, collection, timeoutMs: 5000 }, { retryDelayMs: 60_000 });
      stores.push(s);
      return s;
    },
    newTenant: () => newTenant(db),
    newDocument: async (tenantId, name) =>
      (await db.knowledgeDocument.create({ data: { tenantId, name, kind: "text", source: "admin", contentHash: name, byteSize: 1 } })).id,
    // every instance reads the same Qdrant and PostgreSQL: nothing is cached per process
    stalenessMs: 0,
    close: async () => {
      for (const s of stores) s.close();
      await fake.close();
      await db.$disconnect();
    },
  };
});

describe("QdrantKnowledgeStore on the fake Qdrant", () => {
  let db: Db;
  let fake: FakeQdrant;
  const embedder = new LocalHashEmbedder();
  const stores: QdrantKnowledgeStore[] = [];
  const make = (collection: string, opts: { embedder?: Embedder; url?: string } = {}) => {
    const s = new QdrantKnowledgeStore(db, opts.embedder ?? embedder, { url: opts.url ?? fake.baseUrl, collection, timeoutMs: 3000 }, { retryDelayMs: 60_000 });
    stores.push(s);
    return s;
  };

  beforeAll(async () => {
    db = testDb();
    fake = await startFakeQdrant();
  });
  afterAll(async () => {
    for (const s of stores) s.close();
    await fake.close();
    await db.$disconnect();
  });

  it("the contract run scoped every query and delete by tenant, and the fake never left the spec", () => {
    const reqs = contractFake!.requests.filter((r) => r.operation === "query_batch_points" || r.operation === "delete_points");
    expect(reqs.length).toBeGreaterThan(10);
    for (const r of reqs) {
      expect(r.status, `${r.operation} answered ${r.status}`).toBe(200);
      for (const scope of tenantScopes(r)) expect(scope, `${r.operation} ${JSON.stringify(r.body).slice(0, 200)}`).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(contractFake!.requests.filter((r) => r.status !== 200 && r.status !== 404)).toEqual([]);
    expect(contractFake!.answerErrors).toEqual([]);
  });

  it("creates one multi-tenant collection per the multitenancy guidance, recording the embedder", async () => {
    const name = uniqueCollection();
    await make(name).init();
    const c = fake.collections.get(name)!;
    expect(c.config).toMatchObject({
      vectors: { dense: { size: embedder.dim, distance: "Cosine" } },
      sparse_vectors: { bm25: {} },
      hnsw_config: { m: 0, payload_m: 16 },
      metadata: { growai: { embedder: embedder.id, dim: embedder.dim } },
    });
    expect((c.config.sparse_vectors as { bm25: object }).bm25).not.toHaveProperty("modifier");
    expect(Object.fromEntries(c.payloadIndexes)).toEqual({ tenant_id: { type: "keyword", is_tenant: true }, entry_id: { type: "keyword" } });
    // a second instance (another process) checks rather than re-creates
    const before = fake.requests.length;
    await make(name).init();
    expect(fake.requests.slice(before).map((r) => r.operation)).not.toContain("create_collection");
  });

  it("refuses a collection made for another embedder or dimension, saying what to do", async () => {
    const name = uniqueCollection();
    await make(name, { embedder: new LocalHashEmbedder({ dim: 64 }) }).init();
    const err = (await make(name).init().then(() => new Error("init succeeded"), (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(/local-hash-v1:64 \(dim 64\).*local-hash-v1:512 \(dim 512\)/);
    expect(err.message).toMatch(/QDRANT_COLLECTION|delete collection/);
    const t = await newTenant(db);
    await expect(make(name).search(t, "hours")).rejects.toThrow(/dim 64/);
  });

  it("refuses a same-named collection that GrowAI did not create", async () => {
    const name = uniqueCollection();
    const res = await fetch(`${fake.baseUrl}/collections/${name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ vectors: { size: 512, distance: "Cosine" } }),
    });
    expect(res.status).toBe(200);
    await expect(make(name).init()).rejects.toThrow(/not created by the GrowAI knowledge store/);
  });

  it("keeps an entry accepted during an outage pending, and reconcile indexes it", async () => {
    const name = uniqueCollection();
    const store = make(name);
    await store.init();
    const t = await newTenant(db);
    fake.failNext({ status: 503, operations: ["upsert_points"] });
    const { entry, created } = await store.addEntry(t, { title: "Parking", content: "Free street parking; a car park is two minutes away." });
    expect(created).toBe(true);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } })).indexedAt).toBeNull();
    expect(fake.pointsOf(name, t)).toHaveLength(0);
    expect(await store.search(t, "parking")).toEqual([]);

    fake.dropNext(1); // connection cut without an answer
    const failed = await store.reconcile({ tenantId: t });
    expect(failed.error?.message).toMatch(/Qdrant .*failed/);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } })).indexedAt).toBeNull();

    const ok = await store.reconcile({ tenantId: t });
    expect(ok.error).toBeUndefined();
    expect(ok.synced).toBe(1);
    const row = await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row.indexedAt).toBeInstanceOf(Date);
    expect(row.updatedAt.getTime()).toBe(entry.updatedAt.getTime());
    expect((await store.search(t, "parking"))[0]?.entryId).toBe(entry.id);
  });

  it("a restart re-indexes pending entries in init()", async () => {
    const name = uniqueCollection();
    const first = make(name);
    await first.init();
    const t = await newTenant(db);
    fake.failNext({ status: 500, operations: ["upsert_points"], error: "Service internal error: disk full" });
    const { entry } = await first.addEntry(t, { title: "Nails", content: "Gel manicure £32 and pedicure £35." });
    expect(fake.pointsOf(name, t)).toHaveLength(0);
    await make(name).init();
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([entry.id]);
  });

  it("a deleted entry whose points outlived an outage is never returned, and its points are cleaned up", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const t = await newTenant(db);
    const { entry } = await store.addEntry(t, { title: "Parking", content: "Free street parking; a car park is two minutes away." });
    await store.addEntry(t, { title: "Hours", content: "Open Tuesday to Saturday." });
    fake.failNext({ status: 503, operations: ["delete_points"] });
    expect(await store.deleteEntry(t, entry.id)).toBe(true);
    expect(fake.pointsOf(name, t).some((p) => p.payload.entry_id === entry.id)).toBe(true);
    expect((await store.search(t, "car park")).map((h) => h.entryId)).not.toContain(entry.id);
    await expect.poll(() => fake.pointsOf(name, t).some((p) => p.payload.entry_id === entry.id)).toBe(false);
  });

  it("a supersede during an outage still leaves search at once; reconcile removes the points", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const t = await newTenant(db);
    const old = await store.addEntry(t, { title: "Monday", content: "We are closed on Mondays." });
    const neu = await store.addEntry(t, { title: "Monday", content: "From December we open on Mondays." });
    fake.failNext({ status: 503, operations: ["delete_points"] });
    expect(await store.supersede(t, old.entry.id, neu.entry.id)).toBe(true);
    expect((await store.search(t, "open mondays")).map((h) => h.entryId)).toEqual([neu.entry.id]);
    expect((await store.reconcile({ tenantId: t })).error).toBeUndefined();
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([neu.entry.id]);
  });

  it("keeps per-tenant term statistics in step with add, supersede and delete", async () => {
    const store = make(uniqueCollection());
    const t = await newTenant(db);
    const df = async (term: string) => (await db.knowledgeTerm.findUnique({ where: { tenantId_term: { tenantId: t, term } } }))?.df ?? 0;
    const a = await store.addEntry(t, { title: "Monday", content: "We are closed on Mondays." });
    const b = await store.addEntry(t, { title: "Monday", content: "Open on Mondays from December." });
    expect(await df("mondai")).toBe(2);
    expect(await df(CHUNKS_ROW)).toBe(2);
    await store.supersede(t, a.entry.id, b.entry.id);
    expect(await df("mondai")).toBe(1);
    expect(await df("close")).toBe(0);
    await store.deleteEntry(t, b.entry.id);
    expect(await df("mondai")).toBe(1);
    expect(await df("close")).toBe(1);
    expect(await df("decemb")).toBe(0);
    expect(await df(CHUNKS_ROW)).toBe(1);
    // another tenant's words never count here
    const u = await newTenant(db);
    await store.addEntry(u, { title: "Monday", content: "Mondays are busy." });
    expect(await df("mondai")).toBe(1);
  });

  it("recounts statistics after entries left behind the store's back, and purges a tenant's points", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const t = await newTenant(db);
    const df = async (term: string) => (await db.knowledgeTerm.findUnique({ where: { tenantId_term: { tenantId: t, term } } }))?.df ?? 0;
    await store.addEntry(t, { title: "Parking", content: "Street parking nearby." });
    const doc = await db.knowledgeDocument.create({ data: { tenantId: t, name: "faq.csv", kind: "csv", source: "admin", contentHash: "x", byteSize: 1 } });
    await store.addEntry(t, { title: "Parking rules", content: "Park in bay 3.", documentId: doc.id });
    expect(await df("park")).toBe(2);
    expect(await df(terms("bay")[0]!)).toBe(1);
    await db.knowledgeDocument.deleteMany({ where: { id: doc.id, tenantId: t } }); // cascades to its entry
    expect(await df("park")).toBe(2);
    await store.recountTerms(t);
    expect(await df("park")).toBe(1);
    expect(await df(terms("bay")[0]!)).toBe(0);
    expect(await df(CHUNKS_ROW)).toBe(1);
    expect(fake.pointsOf(name, t)).toHaveLength(2);
    await store.purgeTenant(t);
    expect(fake.pointsOf(name, t)).toHaveLength(0);
  });

  it("heals term statistics and removes points when a search meets entries a document delete cascaded away", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const t = await newTenant(db);
    const termRows = async () =>
      (await db.knowledgeTerm.findMany({ where: { tenantId: t }, select: { term: true, df: true }, orderBy: { term: "asc" } })).map((r) => `${r.term}=${r.df}`);
    const kept = await store.addEntry(t, { title: "Parking", content: "Street parking nearby." });
    const doc = await db.knowledgeDocument.create({ data: { tenantId: t, name: "faq.csv", kind: "csv", source: "admin", contentHash: "y", byteSize: 1 } });
    const gone = await store.addEntry(t, { title: "Parking rules", content: "Park in bay 3 behind the salon.", documentId: doc.id });
    const bay = terms("bay")[0]!;
    await db.knowledgeDocument.deleteMany({ where: { id: doc.id, tenantId: t } }); // cascades to its entry, behind the store's back
    expect((await db.knowledgeTerm.findUnique({ where: { tenantId_term: { tenantId: t, term: bay } } }))?.df).toBe(1); // stale
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id).sort()).toEqual([kept.entry.id, gone.entry.id].sort());

    expect((await store.search(t, "park in bay 3")).map((h) => h.entryId)).toEqual([kept.entry.id]);
    await store.settled();
    await expect.poll(() => fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([kept.entry.id]);
    const healed = await termRows();
    expect(healed).not.toContain(`${bay}=1`);
    expect(healed).toContain(`${CHUNKS_ROW}=1`);
    await store.recountTerms(t);
    expect(await termRows()).toEqual(healed);
  });

  it("deleting the middle of a chain changes neither stats nor points; deleting the newest re-counts and re-indexes the oldest", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const t = await newTenant(db);
    const termRows = async () =>
      (await db.knowledgeTerm.findMany({ where: { tenantId: t }, select: { term: true, df: true }, orderBy: { term: "asc" } })).map((r) => `${r.term}=${r.df}`);
    const a = await store.addEntry(t, { title: "Mondays", content: "Closed on Mondays for staff training." });
    const b = await store.addEntry(t, { title: "Mondays", content: "Open on Mondays from December." });
    const c = await store.addEntry(t, { title: "Mondays", content: "Mondays by appointment only." });
    expect(await store.supersede(t, a.entry.id, b.entry.id)).toBe(true);
    expect(await store.supersede(t, b.entry.id, c.entry.id)).toBe(true);
    await store.reconcile({ tenantId: t });
    const onlyC = await termRows();
    const before = fake.requests.length;
    expect(await store.deleteEntry(t, b.entry.id)).toBe(true);
    expect(await termRows()).toEqual(onlyC);
    const upserted = () =>
      fake.requests.slice(before).filter((r) => r.operation === "upsert_points")
        .flatMap((r) => (r.body as { points: Array<{ payload: { entry_id: string } }> }).points.map((p) => p.payload.entry_id));
    expect(upserted()).toEqual([]);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).indexedAt).toBeInstanceOf(Date);
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([c.entry.id]);

    expect(await store.deleteEntry(t, c.entry.id)).toBe(true);
    expect(upserted()).toEqual([a.entry.id]);
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([a.entry.id]);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).indexedAt).toBeInstanceOf(Date);
    const afterDelete = await termRows();
    await store.recountTerms(t);
    expect(await termRows()).toEqual(afterDelete);
    expect(afterDelete).toContain(`${terms("training")[0]!}=1`);
  });

  it("a supersede racing a delete of its newId leaves stats, rows and points consistent", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const other = make(name); // another process
    const t = await newTenant(db);
    const termRows = async () =>
      (await db.knowledgeTerm.findMany({ where: { tenantId: t }, select: { term: true, df: true }, orderBy: { term: "asc" } })).map((r) => `${r.term}=${r.df}`);
    for (let i = 0; i < 8; i++) {
      const a = await store.addEntry(t, { title: `Offer ${i}`, content: `Offer ${i}: ten percent off colour on weekdays.` });
      const b = await store.addEntry(t, { title: `Offer ${i}`, content: `Offer ${i}: fifteen percent off colour on weekdays.` });
      const [superseded, deleted] = await Promise.all([store.supersede(t, a.entry.id, b.entry.id), other.deleteEntry(t, b.entry.id)]);
      expect(deleted).toBe(true);
      expect(typeof superseded).toBe("boolean");
      // either way b is gone and a is back in search, counted and indexed
      expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).supersededById).toBeNull();
    }
    await store.reconcile({ tenantId: t });
    const counted = await termRows();
    await store.recountTerms(t);
    expect(await termRows()).toEqual(counted);
    const live = (await store.listEntries(t)).map((e) => e.id).sort();
    expect(live).toHaveLength(8);
    expect([...new Set(fake.pointsOf(name, t).map((p) => p.payload.entry_id as string))].sort()).toEqual(live);
  });

  it("a supersede's point removal that lands after a revival's upsert is written over with the entry's current state", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const other = make(name); // another process
    const t = await newTenant(db);
    const a = await store.addEntry(t, { title: "Offer", content: "Ten percent off colour on weekdays." });
    const b = await store.addEntry(t, { title: "Offer", content: "Fifteen percent off colour on weekdays." });
    const removesA = (r: QdrantRequest) => r.operation === "delete_points" && JSON.stringify(r.body).includes(a.entry.id);
    fake.delayNext(400); // the supersede's removal of a's points arrives late
    const superseding = store.supersede(t, a.entry.id, b.entry.id);
    await expect.poll(() => fake.requests.some(removesA)).toBe(true);
    // meanwhile b is deleted: a comes back (counted, upserted, marked indexed)
    expect(await other.deleteEntry(t, b.entry.id)).toBe(true);
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([a.entry.id]);
    expect(await superseding).toBe(true);
    expect(fake.requests.filter(removesA)).toHaveLength(1);
    expect(fake.pointsOf(name, t).map((p) => p.payload.entry_id)).toEqual([a.entry.id]);
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).indexedAt).toBeInstanceOf(Date);
    expect((await store.search(t, "percent off colour")).map((h) => h.entryId)).toEqual([a.entry.id]);
  });

  it("recognises PostgreSQL's deadlock abort as retryable (the locking transactions retry it)", async () => {
    const store = make(uniqueCollection());
    const t = await newTenant(db);
    const x = (await store.addEntry(t, { title: "X", content: "Entry x." })).entry.id;
    const y = (await store.addEntry(t, { title: "Y", content: "Entry y." })).entry.id;
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    const lockBoth = (first: string, second: string) =>
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "KnowledgeEntry" WHERE "id" = ${first}::uuid FOR UPDATE`;
        if (++arrived === 2) release();
        await bothLocked;
        await tx.$queryRaw`SELECT 1 FROM "KnowledgeEntry" WHERE "id" = ${second}::uuid FOR UPDATE`;
      }, { timeout: 10_000 });
    const results = await Promise.allSettled([lockBoth(x, y), lockBoth(y, x)]);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as unknown);
    expect(failures).toHaveLength(1);
    expect(isRetryable(failures[0]), String(failures[0])).toBe(true);
    expect(isRetryable(new Error("unique constraint"))).toBe(false);
    let runs = 0;
    expect(await retryOnConflict(async () => (++runs < 3 ? Promise.reject(failures[0]) : "done"))).toBe("done");
    expect(runs).toBe(3);
  });

  it("a remote embedder's outage degrades search to keywords (sparse query only) instead of failing it", async () => {
    const local = new LocalHashEmbedder();
    let down = false;
    const remote: Embedder = {
      id: `remote-test:${local.dim}`,
      dim: local.dim,
      embed: async (texts: string[]) => {
        if (down) throw new Error("429 Too Many Requests");
        return local.embed(texts);
      },
    };
    const errors: unknown[] = [];
    const name = uniqueCollection();
    const store = new QdrantKnowledgeStore(db, remote, { url: fake.baseUrl, collection: name, timeoutMs: 3000 }, { retryDelayMs: 60_000, onEmbedError: (e) => errors.push(e) });
    stores.push(store);
    const t = await newTenant(db);
    await store.addEntry(t, { title: "Parking", content: "Free street parking; a car park two minutes away." });
    await store.addEntry(t, { title: "Nails", content: "Gel manicure £32 and pedicure £35." });
    const healthy = await store.search(t, "is there parking nearby");
    expect(errors).toEqual([]);
    down = true;
    const before = fake.requests.length;
    const degraded = await store.search(t, "is there parking nearby");
    expect(degraded[0]?.title).toBe("Parking");
    expect(degraded[0]!.score).toBeGreaterThan(0);
    expect(degraded[0]!.score).toBeLessThan(healthy[0]!.score);
    expect(String(errors[0])).toMatch(/429/);
    const queries = fake.requests.slice(before).filter((r) => r.operation === "query_batch_points");
    expect(queries).toHaveLength(1);
    expect(queries[0]!.status).toBe(200);
    const searches = (queries[0]!.body as { searches: Array<{ using: string; filter: unknown }> }).searches;
    expect(searches.map((s) => s.using)).toEqual(["bm25"]);
    expect(tenantScopes(queries[0]!)).toEqual([t]);
    // nothing for keywords to match: no request, no hits, no failure
    const quiet = fake.requests.length;
    expect(await store.search(t, "the")).toEqual([]);
    expect(fake.requests.slice(quiet).filter((r) => r.operation === "query_batch_points")).toEqual([]);
    expect(errors).toHaveLength(2);
    // the local embedder cannot be "down": its errors are bugs and surface
    const broken: Embedder = { id: local.id, dim: local.dim, embed: async () => { throw new Error("bug"); } };
    const strict = make(uniqueCollection(), { embedder: broken });
    await expect(strict.search(t, "parking")).rejects.toThrow(/bug/);
    expect(errors).toHaveLength(2);
  });

  it("scores the same as the embedded store, so one NO_ANSWER_THRESHOLD holds", async () => {
    const store = make(uniqueCollection());
    const embedded = new EmbeddedKnowledgeStore(db, embedder);
    const tq = await newTenant(db);
    const te = await newTenant(db);
    const entries = [
      { title: "Opening hours", content: "Open Tuesday to Saturday, 9am to 6pm. Closed on Mondays.", tags: ["hours"] },
      { title: "Parking", content: "Free street parking for two hours; a pay-and-display car park is nearby." },
      { title: "Nails", content: "Gel manicure £32, classic pedicure £35, nail art from £5 per nail." },
      { title: "Gift vouchers", content: "Vouchers for any amount, valid twelve months, delivered by email.", tags: ["gifts"] },
      { title: "Price list", content: Array.from({ length: 20 }, (_, i) => `Treatment ${i} costs £${i + 20} and takes ${i + 10} minutes.`).join(" ") },
    ];
    for (const e of entries) {
      await store.addEntry(tq, e);
      await embedded.addEntry(te, e);
    }
    for (const q of ["where can I park", "gel manicure price", "are you open on mondays", "do you sell cars?", "treatment 7", "hi"]) {
      const a = await store.search(tq, q, { k: 5 });
      const b = await embedded.search(te, q, { k: 5 });
      expect(a.map((h) => [h.title, h.text]), q).toEqual(b.map((h) => [h.title, h.text]));
      // the embedded store scans int8-quantized dense columns, Qdrant full-precision cosine:
      // the dense part (weight 0.2) may differ by ~1e-3 of a cosine; keyword parts are equal
      a.forEach((h, i) => expect(Math.abs(h.score - b[i]!.score), `${q} #${i}: ${h.score} vs ${b[i]!.score}`).toBeLessThan(0.002));
    }
  });

  it("isolates tenants even for identical content and an identical question", async () => {
    const name = uniqueCollection();
    const store = make(name);
    const a = await newTenant(db);
    const b = await newTenant(db);
    const c = await newTenant(db);
    const inA = await store.addEntry(a, { title: "Secret", content: "Staff discount code SPRING24 for the spa." });
    const inB = await store.addEntry(b, { title: "Secret", content: "Staff discount code SPRING24 for the spa." });
    expect(await store.search(c, "staff discount code SPRING24")).toEqual([]);
    expect((await store.search(a, "staff discount code")).map((h) => h.entryId)).toEqual([inA.entry.id]);
    expect((await store.search(b, "staff discount code")).map((h) => h.entryId)).toEqual([inB.entry.id]);
    expect(await store.deleteEntry(c, inA.entry.id)).toBe(false);
    expect(fake.pointsOf(name, a)).toHaveLength(1);
    // the ids differ per tenant, and each point carries its tenant
    expect(fake.pointsOf(name, a)[0]!.payload).toMatchObject({ tenant_id: a, entry_id: inA.entry.id });
  });

  it("sends the API key as a header only: never in errors or logs", async () => {
    const key = `key-${randomBytes(8).toString("hex")}`;
    const logged: string[] = [];
    const log = { warn: (obj: object, msg: string) => logged.push(`${msg} ${JSON.stringify(obj)}`) };
    const warn = console.warn;
    console.warn = () => {}; // the client warns that a key travels over plain http (without the key)
    try {
      const store = new QdrantKnowledgeStore(db, embedder, { url: fake.baseUrl, apiKey: key, collection: uniqueCollection(), timeoutMs: 3000 }, { log, retryDelayMs: 60_000 });
      stores.push(store);
      const t = await newTenant(db);
      fake.failNext({ status: 503, operations: ["upsert_points"] });
      await store.addEntry(t, { title: "Hours", content: "Open Tuesday to Saturday." });
      fake.failNext({ status: 502, operations: ["query_batch_points"] });
      const err = (await store.search(t, "hours").then(() => new Error("no error"), (e: unknown) => e)) as Error;
      expect(err.message).toMatch(/HTTP 502/);
      expect(logged.join("\n")).toMatch(/Qdrant sync deferred/);
      for (const text of [err.message, String(err.stack), ...logged]) expect(text).not.toContain(key);
      expect(fake.requests.filter((r) => r.apiKey === key).length).toBeGreaterThan(2);
    } finally {
      console.warn = warn;
    }
  });

  it("scoped every query and delete of these tests by tenant too", () => {
    const reqs = fake.requests.filter((r) => r.operation === "query_batch_points" || r.operation === "delete_points");
    expect(reqs.length).toBeGreaterThan(10);
    for (const r of reqs) for (const scope of tenantScopes(r)) expect(scope, JSON.stringify(r.body).slice(0, 200)).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.answerErrors).toEqual([]);
  });

  it("turns Qdrant failures into clear errors, not crashes", async () => {
    const store = make(uniqueCollection());
    const t = await newTenant(db);
    await store.addEntry(t, { title: "Hours", content: "Open Tuesday to Saturday." });
    fake.failNext({ status: 503, operations: ["query_batch_points"] });
    await expect(store.search(t, "hours")).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/Qdrant query failed: HTTP 503: Service Unavailable/) });
    fake.failNext({ status: 400, operations: ["query_batch_points"], error: "Bad request: something we sent" });
    await expect(store.search(t, "hours")).rejects.toMatchObject({ code: "internal", message: expect.stringMatching(/HTTP 400: Bad request/) });
    expect((await store.search(t, "hours"))[0]?.title).toBe("Hours");

    const slow = new QdrantKnowledgeStore(db, embedder, { url: fake.baseUrl, collection: uniqueCollection(), timeoutMs: 150 }, { retryDelayMs: 60_000 });
    stores.push(slow);
    await slow.init();
    fake.delayNext(1000);
    await expect(slow.search(t, "hours")).rejects.toMatchObject({ code: "unavailable", message: "Qdrant query failed: timed out" });

    const gone = await startFakeQdrant();
    const url = gone.baseUrl;
    await gone.close();
    const down = make(uniqueCollection(), { url });
    await expect(down.init()).rejects.toMatchObject({ code: "unavailable", message: expect.stringMatching(/cannot reach the server/) });
    await expect(down.search(t, "hours")).rejects.toMatchObject({ code: "unavailable" });
    // writes still land in PostgreSQL, pending
    const { entry } = await down.addEntry(t, { title: "Parking", content: "Street parking nearby." });
    expect((await db.knowledgeEntry.findUniqueOrThrow({ where: { id: entry.id } })).indexedAt).toBeNull();
  });
});
