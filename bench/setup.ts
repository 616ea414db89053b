// The benchmark's own throwaway PostgreSQL database (created, migrated with the Prisma CLI,
// dropped at the end) and its Redis prefix (every key under it deleted at the end).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Redis } from "ioredis";

export const PG_ADMIN_URL = process.env.PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
/** Prisma CLI without telemetry or update checks. */
const PRISMA_ENV = { CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const prismaBin = fileURLToPath(new URL("../node_modules/.bin/prisma", import.meta.url));

export interface BenchEnv {
  dbName: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

export function newBenchEnv(): BenchEnv {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const dbName = `growai_bench_${id}`;
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${dbName}`;
  return { dbName, databaseUrl: u.toString(), redisUrl: REDIS_URL, redisPrefix: `growai-bench-${id.replace("_", "-")}` };
}

/** Runs a command quietly; its output is shown only when it fails. */
function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}\n${out}`)),
    );
  });
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Generates the Prisma client, creates the database and applies the committed migrations. */
export async function prepareDatabase(env: BenchEnv): Promise<void> {
  // generate must see DATABASE_URL, or the CLI falls back to downloading an engine
  await run(prismaBin, ["generate"], { ...PRISMA_ENV, DATABASE_URL: env.databaseUrl });
  await adminQuery(`CREATE DATABASE "${env.dbName}"`);
  await run(prismaBin, ["migrate", "deploy"], { ...PRISMA_ENV, DATABASE_URL: env.databaseUrl });
}

export async function dropDatabase(env: BenchEnv): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${env.dbName}" WITH (FORCE)`);
}

/** Deletes every key under the run's prefix; returns how many. */
export async function deleteRedisKeys(env: BenchEnv): Promise<number> {
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = "0";
    let rounds = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${env.redisPrefix}*`, "COUNT", 5000);
      if (keys.length) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0" && ++rounds < 100_000);
  } finally {
    redis.disconnect();
  }
  return deleted;
}
