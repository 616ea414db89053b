// Fixed-window counters in Redis, atomic (INCR and the first PEXPIRE in one script), for the
// public web chat: per session and per client address.
import type { Redis } from "../../core/redis.js";

const HIT = `local n = redis.call("INCR", KEYS[1]) if n == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end return n`;

export class WindowLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  /** Count one hit; true while the key stays within `limit` per `windowMs`. */
  async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
    const n = Number(await this.redis.eval(HIT, 1, `${this.prefix}:rl:${key}`, String(windowMs)));
    return n <= limit;
  }
}
