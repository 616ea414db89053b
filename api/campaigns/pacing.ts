// Pacing per sender: one BullMQ queue per channel account (`campaign-send-<accountId>`),
// whose global rate limit (queue meta `max` per `duration`, enforced in Redis for every
// worker of every process) is the sender's allowed rate. A 429/130429 slows it: the queue
// stops for the provider's Retry-After (queue.rateLimit) and the rate is cut by half
// (at most once a second); after `recoverAfterMs` without one it climbs back by 10 % of the
// allowed rate every half of that, never above the allowed rate. Calls are paced once more
// right before they are made (GATE).
import { Queue, type ConnectionOptions } from "bullmq";
import type { Redis } from "../../core/redis.js";
import type { SendJob } from "./types.js";

export const sendQueueName = (accountId: string) => `campaign-send-${accountId}`;

/**
 * The BullMQ limiter for `perSecond`: jobs start at most 10 % above the pace, in one-second
 * windows; the gate (below) holds each call to the pace itself. BullMQ's worker starts the
 * next window only once a running job finishes, so a limiter at exactly the pace would
 * lose that lag every window; the gate makes up for the looser limit.
 */
export function limiterFor(perSecond: number): { max: number; duration: number } {
  return { max: Math.max(1, Math.ceil(perSecond * 1.1)), duration: 1000 };
}

/**
 * The second gate, right before the provider call: a GCRA per sender in Redis at the
 * current pace (bursts of up to a quarter second's worth; the providers allow a second's).
 * Each call reserves the next slot and gets how long to sleep until it — one round trip, no
 * polling. The queue's limiter paces when jobs start; this paces the calls themselves when
 * jobs that started apart would reach the provider together (a slow database, a busy loop).
 * A slot further away than ARGV[1] ms is not reserved (-1): the caller gives its row back.
 * Returns {wait, epoch}: a slow-down bumps the epoch, voiding slots reserved before it.
 */
const GATE = `
local pace = redis.call("HMGET", KEYS[1], "current", "epoch")
local rate = tonumber(pace[1])
local epoch = tonumber(pace[2]) or 0
if not rate or rate <= 0 then return {0, epoch} end
local interval = 1000 / rate
local burst = math.max(1, math.floor(rate * 0.25 + 0.5))
local tau = (burst - 1) * interval
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local tat = tonumber(redis.call("GET", KEYS[2]) or "0")
if tat < now then tat = now end
local wait = tat - tau - now
if wait < 0 then wait = 0 end
if wait > tonumber(ARGV[1]) then return {-1, epoch} end
redis.call("SET", KEYS[2], string.format("%.3f", tat + interval), "PX", 600000)
return {math.ceil(wait), epoch}`;

/** A slow-down: slots reserved so far are void (epoch + 1) and the next ones start after the pause. */
const PUSH_BACK = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call("SET", KEYS[2], string.format("%.3f", now + tonumber(ARGV[1])), "PX", 600000)
return redis.call("HINCRBY", KEYS[1], "epoch", 1)`;

export class Pacer {
  private readonly queues = new Map<string, Queue<SendJob>>();

  constructor(
    private readonly redis: Redis,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
    private readonly o: { recoverAfterMs: number; minShare: number },
  ) {}

  private key = (accountId: string) => `${this.prefix}:campaign-pace:${accountId}`;
  /** The set of sender queues every campaign worker process serves. */
  readonly sendersKey = () => `${this.prefix}:campaign-senders`;

  queue(accountId: string): Queue<SendJob> {
    let q = this.queues.get(accountId);
    if (!q) {
      q = new Queue<SendJob>(sendQueueName(accountId), {
        connection: this.connection, prefix: this.prefix,
        defaultJobOptions: { attempts: 5, backoff: { type: "exponential", delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } },
      });
      this.queues.set(accountId, q);
    }
    return q;
  }

  /** A sender joins: its queue is served by every campaign worker, at `allowed` msg/s (unless a slow-down holds). */
  async register(accountId: string, allowed: number): Promise<void> {
    const key = this.key(accountId);
    const [prevAllowed, current] = await this.redis.hmget(key, "allowed", "current");
    const rate = current && Number(prevAllowed) === allowed ? Math.min(Number(current), allowed) : allowed;
    await this.redis.hset(key, "allowed", String(allowed), "current", String(rate));
    await this.redis.sadd(this.sendersKey(), accountId);
    const l = limiterFor(rate);
    await this.queue(accountId).setGlobalRateLimit(l.max, l.duration);
  }

  async current(accountId: string): Promise<{ allowed: number; current: number } | null> {
    const [allowed, current] = await this.redis.hmget(this.key(accountId), "allowed", "current");
    return allowed && current ? { allowed: Number(allowed), current: Number(current) } : null;
  }

  /**
   * Wait for this sender's next call slot (see GATE). False: none within `maxWaitMs` (nothing
   * reserved), or the slot was voided by a slow-down while waiting for it.
   */
  async gate(accountId: string, maxWaitMs: number): Promise<boolean> {
    const [wait, epoch] = (await this.redis.eval(GATE, 2, this.key(accountId), `${this.key(accountId)}:gate`, String(maxWaitMs))) as [number, number];
    if (wait < 0) return false;
    if (wait === 0) return true;
    await new Promise((r) => setTimeout(r, wait));
    return Number((await this.redis.hget(this.key(accountId), "epoch")) ?? 0) === Number(epoch);
  }

  /** The provider said "too fast": stop the queue for `pauseMs`, halve the rate (once a second at most). */
  async slowDown(accountId: string, pauseMs: number): Promise<void> {
    const q = this.queue(accountId);
    await q.rateLimit(pauseMs);
    const first = await this.redis.set(`${this.key(accountId)}:hit`, "1", "PX", 1000, "NX");
    await this.redis.hset(this.key(accountId), "hitAt", String(Date.now()));
    if (!first) return;
    await this.redis.eval(PUSH_BACK, 2, this.key(accountId), `${this.key(accountId)}:gate`, String(pauseMs));
    const state = await this.current(accountId);
    if (!state) return;
    const next = Math.max(state.allowed * this.o.minShare, state.current / 2);
    await this.redis.hset(this.key(accountId), "current", String(next));
    const l = limiterFor(next);
    await q.setGlobalRateLimit(l.max, l.duration);
  }

  /** Called by the campaign tick: after a quiet spell, +10 % of the allowed rate every half spell, up to it. */
  async recover(accountId: string): Promise<void> {
    const [allowed, current, hitAt] = await this.redis.hmget(this.key(accountId), "allowed", "current", "hitAt");
    if (!allowed || !current || Number(current) >= Number(allowed)) return;
    if (Date.now() - Number(hitAt ?? 0) < this.o.recoverAfterMs) return;
    const next = Math.min(Number(allowed), Number(current) + Number(allowed) * 0.1);
    // one tick per half spell raises it
    const won = await this.redis.set(`${this.key(accountId)}:raise`, "1", "PX", Math.ceil(this.o.recoverAfterMs / 2), "NX");
    if (!won) return;
    await this.redis.hset(this.key(accountId), "current", String(next));
    const l = limiterFor(next);
    await this.queue(accountId).setGlobalRateLimit(l.max, l.duration);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
