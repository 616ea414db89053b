// `npm test`: the whole suite on the real PostgreSQL and Redis of this machine.
// Generates the Prisma client, type-checks, checks for import cycles, creates a database
// unique to this run, applies the committed migrations with the Prisma CLI, runs vitest,
// then drops the database and this run's Redis keys.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { PG_ADMIN_URL, PRISMA_ENV, bin, dropDatabase, ensureDatabase, run, withDatabase } from "./lib.mjs";

const id = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
const dbName = `growai_test_${id}`;
const databaseUrl = withDatabase(PG_ADMIN_URL, dbName);
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = `growai-test-${id}`;
const vitestArgs = process.argv.slice(2);

let failed = false;
try {
  // generate must see DATABASE_URL: without it the CLI cannot read the schema's config,
  // falls back to the native query engine and tries to download it.
  await run(bin("prisma"), ["generate"], { ...PRISMA_ENV, DATABASE_URL: databaseUrl });
  if (!vitestArgs.length) {
    await run(bin("tsc"), ["--noEmit"]);
    await run("npm", ["run", "--silent", "lint:cycles"]);
  }
  await ensureDatabase(PG_ADMIN_URL, dbName);
  await run(bin("prisma"), ["migrate", "deploy"], { ...PRISMA_ENV, DATABASE_URL: databaseUrl });
  await run(bin("vitest"), ["run", ...vitestArgs], {
    DATABASE_URL: databaseUrl,
    PG_ADMIN_URL,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    NODE_ENV: "test",
  });
} catch (err) {
  failed = true;
  console.error(String(err instanceof Error ? err.message : err));
} finally {
  await dropDatabase(PG_ADMIN_URL, dbName).catch((e) => console.error("could not drop", dbName, e.message));
  const redis = new Redis(redisUrl);
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${redisPrefix}*`, "COUNT", 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await redis.quit();
}
process.exit(failed ? 1 : 0);
