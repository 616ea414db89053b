// Choosing the knowledge store from configuration.
import { describe, expect, it } from "vitest";
import type { Db } from "../../core/db.js";
import { loadConfig } from "../../core/config.js";
import { LocalHashEmbedder } from "../embedder/local.js";
import { EmbeddedKnowledgeStore } from "./embedded.js";
import { QdrantKnowledgeStore } from "./qdrant/store.js";
import { createKnowledgeStore, knowledgeStoreFromConfig } from "./select.js";

const db = {} as Db; // constructors do not query
const embedder = new LocalHashEmbedder();
const base = { DATABASE_URL: "postgresql://x@127.0.0.1/x", ADMIN_TOKEN: "t".repeat(24), CREDENTIALS_KEY: "a".repeat(64) };

describe("createKnowledgeStore", () => {
  it("builds the store the configuration names", () => {
    expect(createKnowledgeStore({ kind: "embedded", db, embedder })).toBeInstanceOf(EmbeddedKnowledgeStore);
    const q = createKnowledgeStore({ kind: "qdrant", db, embedder, qdrant: { url: "http://127.0.0.1:6333", collection: "growai_knowledge" } });
    expect(q).toBeInstanceOf(QdrantKnowledgeStore);
    expect(q.kind).toBe("qdrant:growai_knowledge");
    expect(() => createKnowledgeStore({ kind: "qdrant", db, embedder })).toThrow(/QDRANT_URL/);
  });

  it("config: qdrant by default when QDRANT_URL is set, embedded otherwise; the API key stays a plain secret", () => {
    expect(loadConfig(base)).toMatchObject({ KNOWLEDGE_STORE: "embedded", QDRANT_COLLECTION: "growai_knowledge" });
    const withUrl = loadConfig({ ...base, QDRANT_URL: "http://127.0.0.1:6333", QDRANT_API_KEY: "k".repeat(20) });
    expect(withUrl).toMatchObject({ KNOWLEDGE_STORE: "qdrant", QDRANT_API_KEY: "k".repeat(20) });
    expect(loadConfig({ ...base, QDRANT_URL: "http://127.0.0.1:6333", KNOWLEDGE_STORE: "embedded" }).KNOWLEDGE_STORE).toBe("embedded");
    expect(() => loadConfig({ ...base, KNOWLEDGE_STORE: "qdrant" })).toThrow(/KNOWLEDGE_STORE: qdrant needs QDRANT_URL/);
    expect(() => loadConfig({ ...base, KNOWLEDGE_STORE: "pinecone" })).toThrow(/KNOWLEDGE_STORE/);
    expect(() => loadConfig({ ...base, QDRANT_COLLECTION: "bad name!" })).toThrow(/QDRANT_COLLECTION/);
  });

  it("knowledgeStoreFromConfig follows KNOWLEDGE_STORE", () => {
    expect(knowledgeStoreFromConfig(loadConfig(base), db, embedder)).toBeInstanceOf(EmbeddedKnowledgeStore);
    const cfg = loadConfig({ ...base, QDRANT_URL: "http://127.0.0.1:6333", QDRANT_COLLECTION: "kb" });
    const store = knowledgeStoreFromConfig(cfg, db, embedder, { warn: () => {} });
    expect(store.kind).toBe("qdrant:kb");
    store.close?.();
  });
});
