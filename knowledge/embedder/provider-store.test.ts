// EmbeddedKnowledgeStore with the OpenAI embedder (through the fake server) on the real
// PostgreSQL: every chunk records the embedder id and dim, search works, and switching
// embedders re-embeds the tenant's chunks instead of mixing vectors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../core/db.js";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { startFakeOpenAI, type FakeOpenAI } from "../../test/fakes/openai.js";
import { EmbeddedKnowledgeStore } from "../store/embedded.js";
import { LocalHashEmbedder } from "./local.js";
import { OpenAIEmbedder } from "./openai.js";

const ENTRIES = [
  { title: "Parking", content: "Free street parking on Berkeley Road; the Gloucester Road car park is two minutes away." },
  { title: "Nails", content: "Gel manicure £32, classic pedicure £35, gel removal £10." },
  { title: "Opening hours", content: "Closed Monday. Tuesday to Friday 9am to 6pm, late nights Thursday." },
];

describe("EmbeddedKnowledgeStore with a provider embedder", () => {
  let db: Db;
  let fake: FakeOpenAI;
  beforeAll(async () => {
    db = testDb();
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
    await db.$disconnect();
  });

  const chunkKinds = async (tenantId: string) =>
    new Set((await db.knowledgeChunk.findMany({ where: { tenantId } })).map((c) => `${c.embedder}/${c.dim}/${c.embedding.byteLength}`));

  it("stores the OpenAI embedder's id and dim with each chunk and searches with it", async () => {
    const tenantId = (await db.tenant.create({ data: { slug: uniqueSlug("kn-openai"), name: "t" } })).id;
    const openai = new OpenAIEmbedder({ apiKey: fake.apiKey, baseUrl: fake.url, maxRetries: 0 });
    const store = new EmbeddedKnowledgeStore(db, openai, { denseWeight: 1 });
    for (const e of ENTRIES) await store.addEntry(tenantId, e);
    expect(await chunkKinds(tenantId)).toEqual(new Set(["openai:text-embedding-3-small:1536/1536/6144"]));
    const before = fake.embeddings.requests.length;
    const hits = await store.search(tenantId, "gel manicure price");
    expect(hits[0]?.title).toBe("Nails");
    // the query went to the provider too: one more request, one input
    expect(fake.embeddings.requests.slice(before).map((r) => r.input)).toEqual([["gel manicure price"]]);
  });

  it("re-embeds the tenant's chunks when the embedder changes, both ways", async () => {
    const tenantId = (await db.tenant.create({ data: { slug: uniqueSlug("kn-switch"), name: "t" } })).id;
    const local = new EmbeddedKnowledgeStore(db, new LocalHashEmbedder(), { denseWeight: 1 });
    for (const e of ENTRIES) await local.addEntry(tenantId, e);
    expect(await chunkKinds(tenantId)).toEqual(new Set(["local-hash-v1:512/512/2048"]));

    const openai = new OpenAIEmbedder({ apiKey: fake.apiKey, baseUrl: fake.url, model: "text-embedding-3-large", dimensions: 256, maxRetries: 0 });
    const before = fake.embeddings.requests.length;
    const hits = await new EmbeddedKnowledgeStore(db, openai, { denseWeight: 1 }).search(tenantId, "where can I leave the car park");
    expect(hits[0]?.title).toBe("Parking");
    expect(await chunkKinds(tenantId)).toEqual(new Set(["openai:text-embedding-3-large:256/256/1024"]));
    const reembed = fake.embeddings.requests.slice(before);
    // one batch with the three chunks (title + text), then the query
    expect(reembed.map((r) => (Array.isArray(r.input) ? r.input.length : 1))).toEqual([3, 1]);
    expect(reembed[0]).toMatchObject({ model: "text-embedding-3-large", dimensions: 256 });

    await new EmbeddedKnowledgeStore(db, new LocalHashEmbedder()).search(tenantId, "opening hours");
    expect(await chunkKinds(tenantId)).toEqual(new Set(["local-hash-v1:512/512/2048"]));
  });

  it("fails a write clearly when the provider refuses, storing nothing", async () => {
    const tenantId = (await db.tenant.create({ data: { slug: uniqueSlug("kn-fail"), name: "t" } })).id;
    const bad = new OpenAIEmbedder({ apiKey: "sk-not-this-one", baseUrl: fake.url, maxRetries: 0 });
    await expect(new EmbeddedKnowledgeStore(db, bad).addEntry(tenantId, ENTRIES[0]!)).rejects.toThrow(/authentication failed: 401/);
    expect(await db.knowledgeEntry.count({ where: { tenantId } })).toBe(0);
  });
});
