// `npm run bench`: the ingress and pipeline benchmarks on this machine's PostgreSQL and
// Redis, each against a baseline measured in the same run. Creates a throwaway database
// and a Redis prefix, prints the tables, writes bench/results/latest.{json,md}, and removes
// the database and every key of the prefix at the end, also on failure or Ctrl-C.
// Exit code: 0 when it ran (aims missed or not), 1 on an error or a failed check.
//   npm run bench                       everything (~2-3 minutes)
//   npm run bench -- --only=ingress     one benchmark (ingress | pipeline)
//   npm run bench -- --profile          also CPU-profile the saturated phases
import { deleteRedisKeys, dropDatabase, newBenchEnv, prepareDatabase } from "./setup.js";
import type { Results } from "./report.js";

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7);
const profile = args.includes("--profile");
if (only && only !== "ingress" && only !== "pipeline") throw new Error(`--only=${only}: expected ingress or pipeline`);
const WATCHDOG_MS = 8 * 60_000;

process.env.LOG_LEVEL ??= "silent"; // modules that log through the root logger; the app gets its own (boot.ts)
const env = newBenchEnv();
const log = (m: string) => console.log(`[bench] ${m}`);

let cleaned: Promise<void> | null = null;
const cleanup = () =>
  (cleaned ??= (async () => {
    await dropDatabase(env).catch((e: unknown) => console.error(`could not drop ${env.dbName}:`, e));
    const keys = await deleteRedisKeys(env).catch((e: unknown) => {
      console.error(`could not delete Redis keys ${env.redisPrefix}*:`, e);
      return 0;
    });
    log(`cleaned up: database ${env.dbName} dropped, ${keys} Redis keys under ${env.redisPrefix} deleted`);
  })());
const abort = (why: string, code: number) => {
  console.error(`[bench] ${why}: cleaning up`);
  void cleanup().finally(() => process.exit(code));
};
process.once("SIGINT", () => abort("interrupted", 130));
process.once("SIGTERM", () => abort("terminated", 143));
// api/pipeline/turn.ts returns delay()'s promise from inside try/finally without awaiting
// it, so a DelayedError (BullMQ's "moved to delayed" signal) can reject before the caller
// adopts the promise: Node reports it as unhandled and would kill the run. BullMQ still
// sees the rejection, so the job is delayed as intended; the benchmark counts these and
// carries on. Any other unhandled rejection still fails the run.
let delayedRejections = 0;
process.on("unhandledRejection", (err) => {
  if (err instanceof Error && err.name === "DelayedError") {
    delayedRejections++;
    return;
  }
  console.error("[bench] unhandled rejection:", err);
  abort("unhandled rejection", 1);
});
process.on("exit", () => {
  if (delayedRejections) console.log(`[bench] note: ${delayedRejections} DelayedError rejection(s) reported unhandled by Node (turn.ts returns delay() un-awaited inside try/finally); ignored`);
});
const watchdog = setTimeout(() => abort(`still running after ${WATCHDOG_MS / 60_000} minutes`, 2), WATCHDOG_MS);

let code = 0;
try {
  const started = performance.now();
  log(`database ${env.dbName}: prisma generate + migrate deploy`);
  await prepareDatabase(env);
  // imported only now: the app needs the Prisma client generated above
  const { benchIngress, DEFAULT_INGRESS } = await import("./ingress.js");
  const { benchPipeline, DEFAULT_PIPELINE } = await import("./pipeline.js");
  const { createProfiler } = await import("./profile.js");
  const report = await import("./report.js");
  const machine = await report.machineInfo(env);
  log(`machine: ${report.machineLine(machine)}`);
  const profiler = createProfiler(profile);

  const ingress = only && only !== "ingress" ? null : await benchIngress(env, DEFAULT_INGRESS, profiler, log);
  const pipeline = only && only !== "pipeline" ? null : await benchPipeline(env, DEFAULT_PIPELINE, profiler, log);
  const results: Results = {
    machine, durationSeconds: (performance.now() - started) / 1000, ingress, pipeline,
    ...report.evaluate(ingress, pipeline), profiles: profiler.summaries,
  };
  console.log(`\n${report.textReport(results)}`);
  const files = report.writeResults(results);
  log(`wrote ${files.json} and ${files.md}`);
  if (results.checks.some((c) => !c.ok)) {
    console.error("[bench] a correctness check FAILED: the figures above do not describe work that was all done");
    code = 1;
  }
} catch (err) {
  console.error("[bench] failed:", err);
  code = 1;
} finally {
  clearTimeout(watchdog);
  await cleanup();
}
process.exit(code);
