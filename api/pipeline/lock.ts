// A per-conversation mutex in Redis: one turn at a time per conversation, across every
// worker process. The lock expires by itself if its holder dies; while held it is renewed.
// Correctness never rests on the lock alone: commitTurn claims messages in a transaction.
import { randomUUID } from "node:crypto";
import type { Redis } from "../../core/redis.js";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface Lock {
  release(): Promise<void>;
}

export class ConversationLocks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs = 15_000,
  ) {}

  /** Try once; null when another turn of this conversation is running. */
  async tryAcquire(conversationId: string): Promise<Lock | null> {
    const key = `${this.prefix}:lock:conv:${conversationId}`;
    const token = randomUUID();
    const ok = await this.redis.set(key, token, "PX", this.ttlMs, "NX");
    if (ok !== "OK") return null;
    const timer = setInterval(() => {
      this.redis.eval(RENEW, 1, key, token, String(this.ttlMs)).catch(() => undefined);
    }, Math.floor(this.ttlMs / 3));
    timer.unref();
    return {
      release: async () => {
        clearInterval(timer);
        await this.redis.eval(RELEASE, 1, key, token);
      },
    };
  }
}
