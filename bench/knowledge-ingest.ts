// PostgreSQL phases of the knowledge-store benchmark: ingestion through the real
// `addEntry` (chunk, embed with the local embedder, one atomic nested create per entry),
// a bulk top-up of the same tenant to 10k chunks, and the index build from PostgreSQL
// (load + build) with its memory; plus retrieval quality on the demo salon, store vs the
// naive exact scan on the same rows.
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../core/db.js";
import { evaluate, type RetrievalReport } from "../knowledge/demo/evaluate.js";
import { IN_SCOPE, OUT_OF_SCOPE } from "../knowledge/demo/questions.js";
import { DEMO_KNOWLEDGE } from "../knowledge/demo/salon.js";
import type { LocalHashEmbedder } from "../knowledge/embedder/local.js";
import { buildTenantIndex } from "../knowledge/store/build-index.js";
import { EmbeddedKnowledgeStore } from "../knowledge/store/embedded.js";
import { KnowledgeRepo } from "../knowledge/store/repo.js";
import type { KnowledgeHit } from "../knowledge/types.js";
import { embeddedText } from "../knowledge/store/validate.js";
import { decodeVector, encodeVector } from "../knowledge/store/vector.js";
import { terms } from "../knowledge/text/analyze.js";
import { entries, type Rng } from "./knowledge-corpus.js";
import { NaiveIndex } from "./knowledge-naive.js";
import { memory, perChunk } from "./knowledge-phases.js";

export interface Ingestion {
  entries: number;
  chunks: number;
  seconds: number;
  chunksPerSecond: number;
}

export async function newTenant(db: Db, label: string): Promise<string> {
  const t = await db.tenant.create({ data: { slug: `bench-${label}-${randomBytes(4).toString("hex")}`, name: `Bench ${label}` } });
  return t.id;
}

/** Sequential `addEntry` of multi-chunk entries (paragraphs the chunker splits) until ≥ `target` chunks. */
export async function ingest(db: Db, store: EmbeddedKnowledgeStore, tenantId: string, r: Rng, target: number): Promise<Ingestion> {
  const docs = entries(r, target).map((e) => ({ title: e.title, content: e.chunks.join("\n\n") }));
  const t0 = performance.now();
  for (const d of docs) await store.addEntry(tenantId, d);
  const seconds = (performance.now() - t0) / 1000;
  const chunks = await db.knowledgeChunk.count({ where: { tenantId } });
  return { entries: docs.length, chunks, seconds, chunksPerSecond: chunks / seconds };
}

/** Tops the tenant up to `total` chunks with createMany (vectors from the local embedder). */
export async function topUp(db: Db, embedder: LocalHashEmbedder, tenantId: string, r: Rng, total: number): Promise<void> {
  const have = await db.knowledgeChunk.count({ where: { tenantId } });
  const more = entries(r, Math.max(0, total - have));
  for (let i = 0; i < more.length; i += 500) {
    const batch = more.slice(i, i + 500).map((e) => ({ ...e, id: randomUUID() }));
    await db.knowledgeEntry.createMany({
      data: batch.map((e) => ({ id: e.id, tenantId, title: e.title, content: e.chunks.join("\n\n"), contentHash: randomBytes(16).toString("hex") })),
    });
    await db.knowledgeChunk.createMany({
      data: batch.flatMap((e) => e.chunks.map((text, ordinal) => ({
        tenantId, entryId: e.id, ordinal, text, embedder: embedder.id, dim: embedder.dim,
        embedding: encodeVector(embedder.embedOne(embeddedText(e.title, text))),
      }))),
    });
  }
}

export interface Build {
  chunks: number;
  /** Median of `runs` builds: load only, and load + build. */
  loadMs: number;
  totalMs: number;
  coldSearchMs: number;
  bytesPerChunk: { heapPlusBuffers: number; rss: number };
}

export async function buildFromPostgres(db: Db, embedder: LocalHashEmbedder, tenantId: string, runs = 3): Promise<Build> {
  const repo = new KnowledgeRepo(db);
  const loads: number[] = [], totals: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await repo.loadChunks(tenantId);
    loads.push(performance.now() - t0);
    t0 = performance.now();
    await buildTenantIndex(repo, embedder, tenantId);
    totals.push(performance.now() - t0);
  }
  const before = await memory();
  const index = await buildTenantIndex(repo, embedder, tenantId);
  const after = await memory();
  const chunks = index.size;
  const t0 = performance.now();
  await new EmbeddedKnowledgeStore(db, embedder).search(tenantId, "how much is a balayage", { k: 5 });
  const coldSearchMs = performance.now() - t0;
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return { chunks, loadMs: med(loads), totalMs: med(totals), coldSearchMs, bytesPerChunk: perChunk(before, after, chunks) };
}

export interface Quality {
  store: Pick<RetrievalReport, "recallAt1" | "recallAt5" | "mrr">;
  naive: Pick<RetrievalReport, "recallAt1" | "recallAt5" | "mrr">;
  questions: number;
}

/** The demo salon through the store, and through the naive exact scan over the same rows. */
export async function demoQuality(db: Db, embedder: LocalHashEmbedder, denseWeight: number): Promise<Quality> {
  const tenantId = await newTenant(db, "glow");
  const store = new EmbeddedKnowledgeStore(db, embedder, { denseWeight });
  for (const e of DEMO_KNOWLEDGE) await store.addEntry(tenantId, e);
  const rows = await new KnowledgeRepo(db).loadChunks(tenantId);
  const chunks = rows.map((c) => ({
    chunkId: c.id, entryId: c.entryId, title: c.title, text: c.text, source: c.source, updatedAt: c.updatedAt,
    terms: terms(`${embeddedText(c.title, c.text)}\n${c.tags.join(" ")}`),
  }));
  const naive = new NaiveIndex(chunks, rows.map((c) => decodeVector(c.embedding, embedder.dim)));
  const titleOf = new Map(rows.map((c) => [c.entryId, c.title]));
  const naiveSearch = async (q: string): Promise<KnowledgeHit[]> =>
    naive.search(embedder.embedOne(q), terms(q), 5, denseWeight).map((h) => ({
      entryId: h.entryId, chunkId: h.chunkId, title: titleOf.get(h.entryId)!, text: "", score: h.score, source: "", updatedAt: new Date(0),
    }));
  const pick = ({ recallAt1, recallAt5, mrr }: RetrievalReport) => ({ recallAt1, recallAt5, mrr });
  return {
    store: pick(await evaluate((q) => store.search(tenantId, q, { k: 5 }), IN_SCOPE, OUT_OF_SCOPE)),
    naive: pick(await evaluate(naiveSearch, IN_SCOPE, OUT_OF_SCOPE)),
    questions: IN_SCOPE.length,
  };
}
