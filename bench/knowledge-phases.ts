// Measured phases of the knowledge-store benchmark (see knowledge-store.ts): search
// latency over many tenants, the naive baseline and top-k agreement with it, and memory.
import { KnowledgeRepo } from "../knowledge/store/repo.js";
import type { EmbeddedKnowledgeStore } from "../knowledge/store/embedded.js";
import { embeddedText } from "../knowledge/store/validate.js";
import { decodeVector } from "../knowledge/store/vector.js";
import { terms } from "../knowledge/text/analyze.js";
import type { LocalHashEmbedder } from "../knowledge/embedder/local.js";
import type { Db } from "../core/db.js";
import { NaiveIndex } from "./knowledge-naive.js";
import { summarize, type Summary } from "./stats.js";

export interface Latency {
  overall: Summary;
  /** p50/p99 of each block (a full pass over the questions), for the spread. */
  blocks: Array<{ p50: number; p99: number; max: number }>;
}

/** Warm-up pass, then `blocks` passes over the questions; query i goes to tenant i mod T. */
export async function searchLatency(store: EmbeddedKnowledgeStore, tenants: string[], questions: string[], blocks: number): Promise<Latency> {
  let t = 0;
  for (const q of questions) await store.search(tenants[t++ % tenants.length]!, q, { k: 5 });
  const all: number[] = [];
  const out: Latency["blocks"] = [];
  for (let b = 0; b < blocks; b++) {
    const xs: number[] = [];
    for (const q of questions) {
      const tenant = tenants[t++ % tenants.length]!;
      const t0 = performance.now();
      await store.search(tenant, q, { k: 5 });
      xs.push(performance.now() - t0);
    }
    const s = summarize(xs);
    out.push({ p50: s.p50, p99: s.p99, max: s.max });
    all.push(...xs);
  }
  return { overall: summarize(all), blocks: out };
}

export interface Baseline {
  chunks: number;
  buildMs: number;
  latency: Summary;
  /** Share of the naive top-5 entries that the store's top-5 also returns (same order not required). */
  overlapAt5: number;
  /** Largest |score difference| over the shared top-5 entries. */
  maxScoreDiff: number;
  /** Largest |store score − naive score| at the same rank: how much worse a returned hit can be. */
  maxRankScoreGap: number;
}

/** The naive exact scan over one tenant's rows (read through the same repo), compared with the store. */
export async function baseline(
  db: Db, store: EmbeddedKnowledgeStore, embedder: LocalHashEmbedder, tenantId: string, questions: string[], denseWeight: number,
): Promise<Baseline> {
  const rows = await new KnowledgeRepo(db).loadChunks(tenantId);
  const t0 = performance.now();
  const chunks = rows.map((c) => ({
    chunkId: c.id, entryId: c.entryId, title: c.title, text: c.text, source: c.source, updatedAt: c.updatedAt,
    terms: terms(`${embeddedText(c.title, c.text)}\n${c.tags.join(" ")}`),
  }));
  const naive = new NaiveIndex(chunks, rows.map((c) => decodeVector(c.embedding, embedder.dim)));
  const buildMs = performance.now() - t0;
  const xs: number[] = [];
  let shared = 0, total = 0, maxDiff = 0, maxGap = 0;
  for (const q of questions) {
    const t1 = performance.now();
    const want = naive.search(embedder.embedOne(q), terms(q), 5, denseWeight);
    xs.push(performance.now() - t1);
    const hits = await store.search(tenantId, q, { k: 5 });
    want.forEach((h, i) => (maxGap = Math.max(maxGap, Math.abs((hits[i]?.score ?? 0) - h.score))));
    const got = new Map(hits.map((h) => [h.entryId, h.score]));
    for (const h of want) {
      total++;
      const s = got.get(h.entryId);
      if (s === undefined) continue;
      shared++;
      maxDiff = Math.max(maxDiff, Math.abs(s - h.score));
    }
  }
  return { chunks: rows.length, buildMs, latency: summarize(xs), overlapAt5: total ? shared / total : 1, maxScoreDiff: maxDiff, maxRankScoreGap: maxGap };
}

export interface Memory {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  external: number;
}

/** After full collections: freed array buffers are released a turn later, so collect twice. */
export async function memory(): Promise<Memory> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, external: m.external };
}

/** Bytes per chunk of what was built between two snapshots (heap + array buffers, and RSS). */
export function perChunk(before: Memory, after: Memory, chunks: number): { heapPlusBuffers: number; rss: number } {
  const heap = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  return { heapPlusBuffers: heap / chunks, rss: (after.rss - before.rss) / chunks };
}
