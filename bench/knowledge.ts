// `npm run bench:knowledge` — retrieval quality on the labelled Glow Studio question set
// (knowledge/demo/questions*.ts), through the real EmbeddedKnowledgeStore on this
// machine's PostgreSQL (a throwaway database, dropped at the end). Modes: keyword only
// (BM25, the baseline), local dense only, hybrid at the default weight, a dense-weight
// sweep, and OpenAI / Gemini embedders (dense and hybrid) when their keys are set.
// Prints the tables and the questions' lexical overlap with their answers; writes
// bench/results/knowledge.md and knowledge.json.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { loadConfig, type Config } from "../core/config.js";
import { createDb, type Db } from "../core/db.js";
import { FIRST_SET, IN_SCOPE, OUT_OF_SCOPE, SECOND_SET } from "../knowledge/demo/questions.js";
import { evaluate, type RetrievalReport } from "../knowledge/demo/evaluate.js";
import { questionOverlap, summarizeOverlap } from "../knowledge/demo/overlap.js";
import { DEMO_KNOWLEDGE, DEMO_TENANT } from "../knowledge/demo/salon.js";
import { LocalHashEmbedder } from "../knowledge/embedder/local.js";
import { embedderFromConfig } from "../knowledge/embedder/select.js";
import { NO_ANSWER_THRESHOLD } from "../knowledge/relevance.js";
import { DEFAULT_DENSE_WEIGHT, EmbeddedKnowledgeStore } from "../knowledge/store/embedded.js";
import type { Embedder } from "../knowledge/types.js";
import { renderKnowledgeReport, type ModeResult, type NotRun } from "./knowledge-quality-report.js";
import { dropDatabase, newBenchEnv, prepareDatabase } from "./setup.js";

const SWEEP = [0.1, 0.3, 0.4, 0.5, 0.6, 0.8];

async function newTenant(db: Db, label: string): Promise<string> {
  const { slug: _slug, ...tenant } = DEMO_TENANT;
  return (await db.tenant.create({ data: { ...tenant, slug: `bench-${label}-${randomBytes(3).toString("hex")}` } })).id;
}

async function measure(db: Db, tenantId: string, embedder: Embedder, mode: string, denseWeight: number): Promise<ModeResult> {
  const store = new EmbeddedKnowledgeStore(db, embedder, { denseWeight });
  const search = (q: string) => store.search(tenantId, q, { k: 5 });
  await search("warm up"); // loads the index (and re-embeds nothing: the tenant was seeded with this embedder)
  const t0 = performance.now();
  const report: RetrievalReport = await evaluate(search, IN_SCOPE, OUT_OF_SCOPE);
  const ms = (performance.now() - t0) / (IN_SCOPE.length + OUT_OF_SCOPE.length);
  return { mode, embedder: embedder.id, denseWeight, report, msPerQuery: ms };
}

/** A provider's two modes on its own tenant, or why it was not run. */
async function provider(db: Db, config: Config, name: "openai" | "gemini"): Promise<ModeResult[] | NotRun> {
  const key = name === "openai" ? "OPENAI_API_KEY" : "GOOGLE_API_KEY";
  if (!config[key]) return { provider: name, reason: `not configured (set ${key})` };
  try {
    const embedder = embedderFromConfig({ ...config, EMBEDDINGS_PROVIDER: name });
    const tenantId = await newTenant(db, name);
    const seeder = new EmbeddedKnowledgeStore(db, embedder);
    for (const entry of DEMO_KNOWLEDGE) await seeder.addEntry(tenantId, entry);
    return [
      await measure(db, tenantId, embedder, `${name} dense only`, 1),
      await measure(db, tenantId, embedder, `${name} hybrid (w = ${DEFAULT_DENSE_WEIGHT})`, DEFAULT_DENSE_WEIGHT),
    ];
  } catch (err) {
    return { provider: name, reason: `failed: ${(err as Error).message}` };
  }
}

async function main(): Promise<void> {
  const env = newBenchEnv();
  await prepareDatabase(env);
  const db = createDb(env.databaseUrl, 4);
  try {
    const config = loadConfig({
      ...process.env, DATABASE_URL: env.databaseUrl, LOG_LEVEL: "silent",
      ADMIN_TOKEN: randomBytes(24).toString("hex"), CREDENTIALS_KEY: randomBytes(32).toString("hex"),
    });
    const local = new LocalHashEmbedder();
    const tenantId = await newTenant(db, "local");
    const seeder = new EmbeddedKnowledgeStore(db, local);
    for (const entry of DEMO_KNOWLEDGE) await seeder.addEntry(tenantId, entry);

    const main: ModeResult[] = [
      await measure(db, tenantId, local, "keyword only (BM25, w = 0)", 0),
      await measure(db, tenantId, local, "local dense only (w = 1)", 1),
      await measure(db, tenantId, local, `hybrid, local (w = ${DEFAULT_DENSE_WEIGHT}, default)`, DEFAULT_DENSE_WEIGHT),
    ];
    const sweep: ModeResult[] = [];
    for (const w of SWEEP) sweep.push(await measure(db, tenantId, local, `hybrid, local (w = ${w})`, w));
    const providers: Array<ModeResult[] | NotRun> = [await provider(db, config, "openai"), await provider(db, config, "gemini")];

    const overlap = questionOverlap(IN_SCOPE, DEMO_KNOWLEDGE);
    const { text, markdown, json } = renderKnowledgeReport({
      at: new Date(),
      machine: { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version },
      threshold: NO_ANSWER_THRESHOLD,
      sets: { inScope: IN_SCOPE.length, first: FIRST_SET.length, second: SECOND_SET.length, outOfScope: OUT_OF_SCOPE.length },
      main, sweep, providers, overlap,
      overlapSummary: {
        all: summarizeOverlap(overlap),
        first: summarizeOverlap(overlap.slice(0, FIRST_SET.length)),
        second: summarizeOverlap(overlap.slice(FIRST_SET.length)),
      },
      customBaseUrl: {
        openai: config.OPENAI_BASE_URL !== "https://api.openai.com/v1",
        gemini: config.GEMINI_BASE_URL !== "https://generativelanguage.googleapis.com",
      },
    });
    console.log(text);
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/knowledge.md", import.meta.url), markdown);
    writeFileSync(new URL("./results/knowledge.json", import.meta.url), `${JSON.stringify(json, null, 2)}\n`);
  } finally {
    await db.$disconnect();
    await dropDatabase(env);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
