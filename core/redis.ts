// Redis connections. BullMQ workers need maxRetriesPerRequest: null; every connection we
// create is ours to quit() at shutdown (BullMQ's close() leaves passed-in connections open).
import { Redis, type RedisOptions } from "ioredis";

export type { Redis };

export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...opts });
}
