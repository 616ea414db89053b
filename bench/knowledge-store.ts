// `npm run bench:knowledge-store` — the embedded knowledge store at scale, on this machine:
//   1. on a throwaway PostgreSQL database (dropped at the end, also on Ctrl-C): ingestion
//      through `addEntry`, the index build of a 10k tenant (load + build, memory), and the
//      demo salon's quality, store vs the naive exact scan;
//   2. a pool of 100k distinct synthetic chunks (knowledge-corpus.ts), embedded with the
//      local embedder;
//   3. 100 tenants in one EmbeddedKnowledgeStore: 98 of 10k chunks (windows of the pool)
//      and 2 of 100k (the whole pool), each loaded through the store's own path
//      (KnowledgeRepo → buildTenantIndex → TenantIndex → cache) from a stub Db serving the
//      rows (knowledge-stub-db.ts); 100 × 100k does not fit in this machine's memory;
//   4. tenant-filtered top-5 latency (query embedding included) over the demo questions,
//      query i to tenant i mod T, at 10k and 100k, and the naive exact scan on one tenant
//      of each size (also the reference for top-5 agreement).
// Writes bench/results/knowledge-store.{json,md}. Env: KS_BLOCKS (5), KS_INGEST (3000).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createDb } from "../core/db.js";
import { IN_SCOPE, OUT_OF_SCOPE } from "../knowledge/demo/questions.js";
import { LocalHashEmbedder } from "../knowledge/embedder/local.js";
import { DEFAULT_DENSE_WEIGHT, EmbeddedKnowledgeStore } from "../knowledge/store/embedded.js";
import { embeddedText } from "../knowledge/store/validate.js";
import { encodeVector } from "../knowledge/store/vector.js";
import { entries, rng } from "./knowledge-corpus.js";
import { buildFromPostgres, demoQuality, ingest, newTenant, topUp } from "./knowledge-ingest.js";
import { baseline, memory, perChunk, searchLatency } from "./knowledge-phases.js";
import { renderReport } from "./knowledge-report.js";
import { StubKnowledgeDb, type PoolEntry } from "./knowledge-stub-db.js";
import { dropDatabase, newBenchEnv, prepareDatabase } from "./setup.js";

const BLOCKS = Number(process.env.KS_BLOCKS ?? 5);
const INGEST = Number(process.env.KS_INGEST ?? 3000);
const POOL = 100_000, SMALL = 10_000, SMALL_TENANTS = 98, BIG_TENANTS = 2;
const log = (m: string) => console.log(`[knowledge-store ${new Date().toISOString().slice(11, 19)}] ${m}`);
const started = performance.now();
const embedder = new LocalHashEmbedder();
const questions = [...IN_SCOPE.map((q) => q.q), ...OUT_OF_SCOPE];

function makePool(): { pool: PoolEntry[]; ms: number } {
  const t0 = performance.now();
  const pool = entries(rng(42), POOL).map((e) => ({
    title: e.title,
    chunks: e.chunks.map((text) => ({ text, embedding: encodeVector(embedder.embedOne(embeddedText(e.title, text))) })),
  }));
  return { pool, ms: performance.now() - t0 };
}

/** Consecutive pool entries from a random start (wrapping) until `size` chunks. */
function window(pool: PoolEntry[], start: number, size: number): PoolEntry[] {
  const out: PoolEntry[] = [];
  for (let i = start, n = 0; n < size; i = (i + 1) % pool.length) {
    const e = pool[i]!;
    const take = e.chunks.slice(0, size - n);
    out.push(take.length === e.chunks.length ? e : { ...e, chunks: take });
    n += take.length;
  }
  return out;
}

async function inMemoryPhase() {
  log(`embedding a pool of ${POOL} synthetic chunks with ${embedder.id}…`);
  const { pool, ms: poolMs } = makePool();
  log(`pool ready in ${(poolMs / 1000).toFixed(1)} s (${Math.round(POOL / (poolMs / 1000))} chunks/s embedded)`);
  const stub = new StubKnowledgeDb(embedder.id, embedder.dim);
  const r = rng(7);
  const small = Array.from({ length: SMALL_TENANTS }, () => stub.addTenant(window(pool, Math.floor(r() * pool.length), SMALL)));
  const big = Array.from({ length: BIG_TENANTS }, () => stub.addTenant(pool));
  const store = new EmbeddedKnowledgeStore(stub.asDb(), embedder);
  const before = await memory();
  const buildMs: Record<string, number[]> = { small: [], big: [] };
  for (const [kind, ids] of [["small", small], ["big", big]] as const) {
    for (const id of ids) {
      const t0 = performance.now();
      await store.search(id, "hello", { k: 5 }); // cold: load + build + one search
      buildMs[kind]!.push(performance.now() - t0);
    }
  }
  const after = await memory();
  const chunks = SMALL_TENANTS * SMALL + BIG_TENANTS * POOL;
  log(`100 tenants loaded (${chunks} chunks); heap ${(after.heapUsed / 2 ** 20).toFixed(0)} MiB, buffers ${(after.arrayBuffers / 2 ** 20).toFixed(0)} MiB, rss ${(after.rss / 2 ** 20).toFixed(0)} MiB`);
  log("search latency at 10k…");
  const at10k = await searchLatency(store, small, questions, BLOCKS);
  log(`10k: p50 ${at10k.overall.p50.toFixed(2)} p99 ${at10k.overall.p99.toFixed(2)} max ${at10k.overall.max.toFixed(2)} ms`);
  log("search latency at 100k…");
  const at100k = await searchLatency(store, big, questions, BLOCKS);
  log(`100k: p50 ${at100k.overall.p50.toFixed(2)} p99 ${at100k.overall.p99.toFixed(2)} max ${at100k.overall.max.toFixed(2)} ms`);
  log("naive exact scan baseline (10k: all questions; 100k: 60 questions)…");
  const db = stub.asDb();
  const base10k = await baseline(db, store, embedder, small[0]!, questions, DEFAULT_DENSE_WEIGHT);
  const base100k = await baseline(db, store, embedder, big[0]!, questions.filter((_, i) => i % Math.ceil(questions.length / 60) === 0), DEFAULT_DENSE_WEIGHT);
  log(`naive 10k p50 ${base10k.latency.p50.toFixed(1)} ms, 100k p50 ${base100k.latency.p50.toFixed(1)} ms; top-5 overlap ${base10k.overlapAt5} / ${base100k.overlapAt5}`);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return {
    poolEmbedChunksPerSecond: POOL / (poolMs / 1000),
    tenants: { small: SMALL_TENANTS, smallChunks: SMALL, big: BIG_TENANTS, bigChunks: POOL, totalChunks: chunks },
    stubBuildMs: { small: med(buildMs.small!), big: med(buildMs.big!) },
    memory: { before, after, perChunk: perChunk(before, after, chunks) },
    at10k, at100k, base10k, base100k,
  };
}

async function postgresPhase() {
  const env = newBenchEnv();
  log(`PostgreSQL database ${env.dbName}…`);
  await prepareDatabase(env);
  const db = createDb(env.databaseUrl, 4);
  const drop = () => dropDatabase(env).catch((e: unknown) => console.error(`could not drop ${env.dbName}:`, e));
  const onSignal = () => void drop().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  try {
    const tenantId = await newTenant(db, "ingest");
    const r = rng(99);
    const ingestion = await ingest(db, new EmbeddedKnowledgeStore(db, embedder), tenantId, r, INGEST);
    log(`ingestion: ${ingestion.chunks} chunks in ${ingestion.seconds.toFixed(1)} s = ${ingestion.chunksPerSecond.toFixed(0)} chunks/s`);
    await topUp(db, embedder, tenantId, r, SMALL);
    const build = await buildFromPostgres(db, embedder, tenantId);
    log(`build from PostgreSQL at ${build.chunks}: load ${build.loadMs.toFixed(0)} ms, load+build ${build.totalMs.toFixed(0)} ms, cold search ${build.coldSearchMs.toFixed(0)} ms`);
    const quality = await demoQuality(db, embedder, DEFAULT_DENSE_WEIGHT);
    log(`demo quality: store R@5 ${quality.store.recallAt5.toFixed(3)} MRR ${quality.store.mrr.toFixed(3)}; naive R@5 ${quality.naive.recallAt5.toFixed(3)} MRR ${quality.naive.mrr.toFixed(3)}`);
    return { ingestion, build, quality };
  } finally {
    await db.$disconnect();
    await drop();
    process.off("SIGINT", onSignal);
    log(`database ${env.dbName} dropped`);
  }
}

async function main(): Promise<void> {
  const machine = { cpu: os.cpus()[0]?.model ?? "?", cores: os.cpus().length, ramGiB: os.totalmem() / 2 ** 30, node: process.version, load: os.loadavg() };
  // PostgreSQL first: its memory figure must not see the 100 tenants' garbage
  const pg = await postgresPhase();
  const mem = await inMemoryPhase();
  const results = { date: new Date().toISOString(), machine, embedder: embedder.id, questions: questions.length, blocks: BLOCKS, ...mem, ...pg, runSeconds: (performance.now() - started) / 1000 };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  writeFileSync(new URL("./results/knowledge-store.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  const md = renderReport(results);
  writeFileSync(new URL("./results/knowledge-store.md", import.meta.url), md);
  console.log(md);
  log(`done in ${results.runSeconds.toFixed(0)} s`);
}

export type KnowledgeBenchResults = Awaited<ReturnType<typeof inMemoryPhase>> & Awaited<ReturnType<typeof postgresPhase>> & {
  date: string;
  machine: { cpu: string; cores: number; ramGiB: number; node: string; load: number[] };
  embedder: string;
  questions: number;
  blocks: number;
  runSeconds: number;
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
