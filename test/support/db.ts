// Test access to the run's database and Redis. Each test creates its own tenants with
// unique slugs, so files can run in parallel against one database.
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../../core/db.js";
import { createRedis, type Redis } from "../../core/redis.js";

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run tests with `npm test`");
  return url;
}

export function testDb(): Db {
  return createDb(testDatabaseUrl(), 4);
}

export function testRedis(): Redis {
  return createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
}

/** A Redis key prefix unique to one test (BullMQ `prefix`). */
export function uniquePrefix(label = "t"): string {
  return `${process.env.REDIS_PREFIX}:${label}:${randomBytes(4).toString("hex")}`;
}

export function uniqueSlug(label = "tenant"): string {
  return `${label}-${randomBytes(5).toString("hex")}`;
}

export const TEST_CREDENTIALS_KEY = "a".repeat(64);
