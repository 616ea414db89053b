// Per-sender token bucket in Redis (one bucket per sending number), shared by every
// outbox worker. Returns 0 when a send may go now, else the milliseconds to wait.
import type { Redis } from "../../core/redis.js";

const TAKE = `
local key = KEYS[1]
local rate = tonumber(ARGV[1])      -- tokens per ms
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local b = redis.call("HMGET", key, "t", "ts")
local tokens = tonumber(b[1]) or burst
local ts = tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - ts) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
redis.call("HSET", key, "t", tokens, "ts", now)
redis.call("PEXPIRE", key, math.ceil(burst / rate) + 1000)
return wait`;

export class SenderRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly perSecond: number,
    private readonly burst = Math.max(1, Math.ceil(perSecond)),
  ) {}

  async take(channel: string, sender: string): Promise<number> {
    const key = `${this.prefix}:rl:${channel}:${sender}`;
    const wait = await this.redis.eval(TAKE, 1, key, String(this.perSecond / 1000), String(this.burst), String(Date.now()));
    return Number(wait);
  }
}
