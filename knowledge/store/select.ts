// Choosing the knowledge store from configuration: the embedded (PostgreSQL + in-memory
// index) store, or the Qdrant one. The composition root calls this once and then
// `await store.init?.()` before serving, so a misconfigured Qdrant fails the boot with a
// clear message instead of the first search.
import type { Config } from "../../core/config.js";
import type { Db } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import type { Embedder, KnowledgeStore } from "../types.js";
import { EmbeddedKnowledgeStore, type EmbeddedStoreOptions } from "./embedded.js";
import { QdrantKnowledgeStore, type QdrantStoreOptions, type WarnLog } from "./qdrant/store.js";

/** A store, plus `close()` where it holds timers (the Qdrant store's background retry). */
export type SelectedKnowledgeStore = KnowledgeStore & { close?(): void };

export interface KnowledgeStoreSelection {
  kind: "embedded" | "qdrant";
  db: Db;
  embedder: Embedder;
  /** Required when kind is "qdrant". */
  qdrant?: { url: string; apiKey?: string; collection: string; timeoutMs?: number };
  embedded?: EmbeddedStoreOptions;
  qdrantOptions?: QdrantStoreOptions;
}

export function createKnowledgeStore(sel: KnowledgeStoreSelection): SelectedKnowledgeStore {
  if (sel.kind === "embedded") return new EmbeddedKnowledgeStore(sel.db, sel.embedder, sel.embedded);
  if (sel.kind === "qdrant") {
    if (!sel.qdrant?.url) throw new AppError("not_configured", "the Qdrant knowledge store needs QDRANT_URL");
    return new QdrantKnowledgeStore(sel.db, sel.embedder, sel.qdrant, sel.qdrantOptions);
  }
  throw new AppError("not_configured", `unknown knowledge store "${String(sel.kind)}" (use embedded or qdrant)`);
}

type StoreConfig = Pick<Config, "KNOWLEDGE_STORE" | "QDRANT_URL" | "QDRANT_API_KEY" | "QDRANT_COLLECTION" | "PROVIDER_TIMEOUT_MS">;

/** The composition root's one call: the store the configuration names (call `init?.()` next). */
export function knowledgeStoreFromConfig(config: StoreConfig, db: Db, embedder: Embedder, log?: WarnLog): SelectedKnowledgeStore {
  return createKnowledgeStore({
    kind: config.KNOWLEDGE_STORE,
    db,
    embedder,
    ...(config.QDRANT_URL
      ? { qdrant: { url: config.QDRANT_URL, apiKey: config.QDRANT_API_KEY, collection: config.QDRANT_COLLECTION, timeoutMs: config.PROVIDER_TIMEOUT_MS } }
      : {}),
    ...(log ? { qdrantOptions: { log } } : {}),
  });
}
