import type { RequestHandler } from "express";
import type { Db } from "../../core/db.js";
import type { Redis } from "../../core/redis.js";

/** /health: 200 when PostgreSQL and Redis answer, else 503 naming what failed. */
export function health(db: Db, redis: Redis, timeoutMs = 2000): RequestHandler {
  const within = <T>(p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref())]);
  return async (_req, res) => {
    const [pg, rd] = await Promise.allSettled([within(db.$queryRaw`SELECT 1`), within(redis.ping())]);
    const checks = { postgres: pg.status === "fulfilled" ? "ok" : "down", redis: rd.status === "fulfilled" ? "ok" : "down" };
    const ok = checks.postgres === "ok" && checks.redis === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "degraded", checks });
  };
}
