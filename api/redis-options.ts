import type { ConnectionOptions } from "bullmq";

/** BullMQ connection options from a redis:// URL; BullMQ then owns (and closes) its connections. */
export function redisOptions(url: string): ConnectionOptions {
  const u = new URL(url);
  const opts = {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
  return opts as ConnectionOptions;
}
