// Local-tier turn latency with the PostgreSQL checkpointer, per durability mode.
// Usage: DATABASE_URL=postgresql://... npx tsx agent/bench/turn-latency.ts [turns=200]
// Turns cycle through greeting / knowledge question / thanks over 20 conversations, so
// checkpoints grow like real ones.
import { randomUUID } from "node:crypto";
import { createCheckpointer } from "../checkpointer.js";
import { createAgent } from "../index.js";
import { seededStore, tenant, turn } from "../testing/fixtures.js";

const turns = Number(process.argv[2] ?? 200);
const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function run(durability: "exit" | "async" | "sync") {
  const checkpointer = await createCheckpointer(url!);
  const t = tenant("Bench Salon");
  const store = await seededStore(t, tenant("Other"));
  const agent = createAgent({ knowledge: store, checkpointer, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5, durability });
  const convs = Array.from({ length: 20 }, () => randomUUID());
  const texts = ["hello", "how much is a facial?", "thanks!", "what are your opening hours?"];
  for (let i = 0; i < 20; i++) await agent.runTurn(turn(t, randomUUID(), texts[i % texts.length]!)); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < turns; i++) {
    const start = performance.now();
    await agent.runTurn(turn(t, convs[i % convs.length]!, texts[i % texts.length]!));
    ms.push(performance.now() - start);
  }
  await checkpointer.end();
  console.log(`durability=${durability.padEnd(5)} turns=${turns} p50=${pct(ms, 50).toFixed(2)}ms p95=${pct(ms, 95).toFixed(2)}ms max=${Math.max(...ms).toFixed(2)}ms`);
}

for (const d of ["exit", "async", "sync"] as const) await run(d);
