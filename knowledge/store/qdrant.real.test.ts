// The KnowledgeStore contract against a real Qdrant server, when QDRANT_URL is set
// (e.g. `docker compose up -d qdrant` then `QDRANT_URL=http://127.0.0.1:6333 npm test --
// knowledge/store/qdrant.real`). Each run uses its own collection and deletes it after.
import { randomBytes } from "node:crypto";
import { describe, it } from "vitest";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { LocalHashEmbedder } from "../embedder/local.js";
import { knowledgeStoreContract } from "./contract.js";
import { QdrantKnowledgeStore } from "./qdrant/store.js";

const url = process.env.QDRANT_URL;

if (url) {
  knowledgeStoreContract(`qdrant (real server at ${new URL(url).host})`, async () => {
    const db = testDb();
    const collection = `growai_test_${randomBytes(4).toString("hex")}`;
    const conn = { url, collection, timeoutMs: 10_000, ...(process.env.QDRANT_API_KEY ? { apiKey: process.env.QDRANT_API_KEY } : {}) };
    const embedder = new LocalHashEmbedder();
    const stores: QdrantKnowledgeStore[] = [];
    const first = new QdrantKnowledgeStore(db, embedder, conn);
    await first.init();
    stores.push(first);
    return {
      newStore: () => {
        const s = new QdrantKnowledgeStore(db, embedder, conn);
        stores.push(s);
        return s;
      },
      newTenant: async () => (await db.tenant.create({ data: { slug: uniqueSlug("qr"), name: "Qdrant real" } })).id,
      newDocument: async (tenantId, name) =>
        (await db.knowledgeDocument.create({ data: { tenantId, name, kind: "text", source: "admin", contentHash: name, byteSize: 1 } })).id,
      stalenessMs: 0,
      close: async () => {
        for (const s of stores) s.close();
        await fetch(`${url.replace(/\/$/, "")}/collections/${collection}`, {
          method: "DELETE",
          headers: process.env.QDRANT_API_KEY ? { "api-key": process.env.QDRANT_API_KEY } : {},
        }).catch(() => undefined);
        await db.$disconnect();
      },
    };
  });
} else {
  describe("KnowledgeStore contract: qdrant (real server)", () => {
    it.skip("skipped: QDRANT_URL is not set (start one with `docker compose up -d qdrant`)", () => {});
  });
}
