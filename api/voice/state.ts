// A live call's small state in Redis, so any API process can take any of its webhooks:
// which conversation it is, whether the caller ID was verified, the last turn number, what
// the agent offered to text. And a pool of connections for BLPOP (a blocking command must
// not share the main connection).
import type { MemoryAccess } from "../../agent/types.js";
import type { Redis } from "../../core/redis.js";

export interface CallInfo {
  tenantId: string;
  conversationId: string;
  contactId: string;
  from: string;
  /**
   * "full" only when the call's first webhook carried StirVerstat=TN-Validation-Passed-A
   * (api/voice/call.ts); otherwise the call learns from the caller but never reveals or
   * changes what is remembered about the number's contact.
   */
  memoryAccess: MemoryAccess;
}

const CALL_TTL_S = 6 * 3600;

export class CallState {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  key(callSid: string, part: string): string {
    return `${this.prefix}:voice:${part}:${callSid}`;
  }

  async get(callSid: string): Promise<CallInfo | null> {
    const h = await this.redis.hgetall(this.key(callSid, "call"));
    if (!h.tenantId || !h.conversationId || !h.contactId || !h.from) return null;
    const memoryAccess = h.memoryAccess === "full" ? "full" : "learn_only";
    return { tenantId: h.tenantId, conversationId: h.conversationId, contactId: h.contactId, from: h.from, memoryAccess };
  }

  async put(callSid: string, info: CallInfo): Promise<void> {
    const key = this.key(callSid, "call");
    await this.redis.multi().hset(key, { ...info }).expire(key, CALL_TTL_S).exec();
  }

  /** Remember that turn `n` happened (the highest wins). */
  async touchTurn(callSid: string, n: number): Promise<void> {
    const key = this.key(callSid, "turns");
    await this.redis.multi().zadd(key, String(n), String(n)).expire(key, CALL_TTL_S).exec();
  }

  async turns(callSid: string): Promise<number[]> {
    return (await this.redis.zrange(this.key(callSid, "turns"), "0", "-1")).map(Number);
  }

  async addOffers(callSid: string, offers: string[]): Promise<void> {
    if (!offers.length) return;
    const key = this.key(callSid, "offers");
    await this.redis.multi().rpush(key, ...offers).expire(key, CALL_TTL_S).exec();
  }

  async offers(callSid: string): Promise<string[]> {
    return [...new Set(await this.redis.lrange(this.key(callSid, "offers"), 0, -1))];
  }
}

/** Connections for blocking pops, reused; one per concurrent waiter. */
export class BlockingPool {
  private readonly idle: Redis[] = [];
  private closed = false;

  constructor(private readonly base: Redis, private readonly maxIdle = 16) {}

  /** Pop from `key`, waiting at most `ms`; null on timeout. */
  async blpop(key: string, ms: number): Promise<string | null> {
    if (this.closed) return null;
    const conn = this.idle.pop() ?? this.base.duplicate();
    let healthy = false;
    try {
      const r = await conn.blpop(key, Math.max(0.01, ms / 1000));
      healthy = true;
      return r ? r[1] : null;
    } finally {
      if (healthy && !this.closed && this.idle.length < this.maxIdle) this.idle.push(conn);
      else conn.disconnect();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.idle.splice(0).map((c) => c.quit()));
  }
}
