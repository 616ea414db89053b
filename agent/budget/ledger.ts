// The per-tenant, per-month spend counter in Redis, shared by every worker: an atomic
// reservation of a call's worst-case cost before the call (refused when it would cross
// the hard limit), settled to the real cost after it. So concurrent turns in any number
// of workers can never start calls that together cross the hard limit; only a call that
// costs more than its reservation could, and after it nothing more starts.
// The ModelUsage rows stay the ledger: a missing counter is rebuilt from them (SET NX).
import type { Redis } from "../../core/redis.js";
import type { Logger } from "../../core/logger.js";
import { monthOf } from "./month.js";
import type { BudgetLevel, BudgetLimits, BudgetStatus, LimitNotifier } from "./types.js";

/** A counter outlives its month by enough to answer late settlements; then it is rebuilt. */
const COUNTER_TTL_MS = 40 * 24 * 3600 * 1000;

// KEYS[1] counter; ARGV amount, limit, ttl → {1, new} reserved | {0, current} refused | {-1, 0} missing
const RESERVE = `
local v = redis.call('GET', KEYS[1])
if not v then return {-1, 0} end
local cur = tonumber(v)
local amount = tonumber(ARGV[1])
if cur + amount > tonumber(ARGV[2]) then return {0, cur} end
local n = redis.call('INCRBY', KEYS[1], amount)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, n}`;

// KEYS[1] counter; ARGV delta → new value, or nil when the counter is gone (it will be rebuilt)
const SETTLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
return redis.call('INCRBY', KEYS[1], ARGV[1])`;

export interface LedgerDeps {
  redis: Redis;
  /** config REDIS_PREFIX */
  prefix: string;
  /** The tenant's budget (Tenant.settings.budget), null when none is set. */
  limits(tenantId: string): Promise<BudgetLimits | null>;
  /** Sum of ModelUsage costMicros of the tenant in [from, to) — the ledger the counter is rebuilt from. */
  spentMicros(tenantId: string, month: string, timeZone: string): Promise<number>;
  notify?: LimitNotifier;
  logger?: Logger;
  now?: () => Date;
}

export interface Reservation {
  tenantId: string;
  month: string;
  micros: number;
}

export function levelOf(committed: number, limits: BudgetLimits | null): BudgetLevel {
  if (!limits) return "ok";
  if (committed >= limits.monthlyHard) return "hard";
  if (committed >= limits.monthlySoft) return "soft";
  return "ok";
}

export class BudgetLedger {
  private readonly now: () => Date;

  constructor(private readonly d: LedgerDeps) {
    this.now = d.now ?? (() => new Date());
  }

  key(tenantId: string, month: string): string {
    return `${this.d.prefix}:budget:${tenantId}:${month}`;
  }

  monthFor(timeZone: string): string {
    return monthOf(this.now(), timeZone);
  }

  /** Where the tenant stands this month; tells the owner the first time a limit is reached. */
  async status(tenantId: string, timeZone: string): Promise<BudgetStatus> {
    const month = this.monthFor(timeZone);
    const limits = await this.d.limits(tenantId);
    if (!limits) return { level: "ok", month, committedMicros: await this.committed(tenantId, month, timeZone), limits };
    const committedMicros = await this.committed(tenantId, month, timeZone);
    const level = levelOf(committedMicros, limits);
    if (level !== "ok") await this.tellOnce(tenantId, level, month, committedMicros, limits);
    return { level, month, committedMicros, limits };
  }

  /** Month-to-date spend plus calls in flight, from the counter (rebuilt when missing). */
  async committed(tenantId: string, month: string, timeZone: string): Promise<number> {
    const v = await this.d.redis.get(this.key(tenantId, month));
    if (v !== null) return Number(v);
    return this.rebuild(tenantId, month, timeZone);
  }

  /**
   * Reserves `micros` for a call unless that would take the month past the hard limit
   * (no budget: always granted, still counted). Null when refused.
   */
  async reserve(tenantId: string, timeZone: string, micros: number): Promise<Reservation | null> {
    const month = this.monthFor(timeZone);
    const limits = await this.d.limits(tenantId);
    const limit = limits ? limits.monthlyHard : Number.MAX_SAFE_INTEGER;
    const key = this.key(tenantId, month);
    for (let attempt = 0; attempt < 2; attempt++) {
      const [ok] = (await this.d.redis.eval(RESERVE, 1, key, String(micros), String(limit), String(COUNTER_TTL_MS))) as [number, number];
      if (ok === 1) return { tenantId, month, micros };
      if (ok === 0) {
        // a call that no longer fits: from here on this month is on the local tier
        if (limits) await this.tellOnce(tenantId, "hard", month, await this.committed(tenantId, month, timeZone), limits);
        return null;
      }
      await this.rebuild(tenantId, month, timeZone);
    }
    return null;
  }

  /** Replaces the reservation with the call's real cost (0 for a call that failed). */
  async settle(r: Reservation, actualMicros: number): Promise<void> {
    const delta = Math.round(actualMicros) - r.micros;
    if (delta !== 0) await this.d.redis.eval(SETTLE, 1, this.key(r.tenantId, r.month), String(delta));
  }

  /** The counter from the ledger (ModelUsage) when it is missing; another worker's rebuild wins. */
  private async rebuild(tenantId: string, month: string, timeZone: string): Promise<number> {
    const spent = await this.d.spentMicros(tenantId, month, timeZone);
    const key = this.key(tenantId, month);
    await this.d.redis.set(key, String(spent), "PX", COUNTER_TTL_MS, "NX");
    return Number((await this.d.redis.get(key)) ?? spent);
  }

  private async tellOnce(tenantId: string, level: "soft" | "hard", month: string, committedMicros: number, limits: BudgetLimits): Promise<void> {
    if (!this.d.notify) return;
    const flag = `${this.key(tenantId, month)}:told:${level}`;
    if ((await this.d.redis.set(flag, "1", "PX", COUNTER_TTL_MS, "NX")) !== "OK") return;
    try {
      await this.d.notify({ tenantId, level, month, committedMicros, limits });
    } catch (err) {
      await this.d.redis.del(flag); // not told: the next turn tries again
      this.d.logger?.warn({ err, tenantId, level }, "could not tell the owner about the budget");
    }
  }
}
