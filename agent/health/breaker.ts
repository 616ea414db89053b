// A circuit breaker per LLM provider ("openai", "gemini"), shared by every worker through
// one Redis hash per provider: after `failures` failures (429s, 5xx, timeouts) in a row
// within `windowMs` it opens for a cooldown (at least the provider's Retry-After); then
// one caller at a time gets a probe (half-open); the probe's success closes it, its failure
// opens it again. While open, the tier chains skip the provider.
import type { Redis } from "../../core/redis.js";

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerSettings {
  /** Consecutive failures within the window that open the breaker. */
  failures: number;
  windowMs: number;
  /** How long it stays open before a probe (a longer Retry-After wins, up to maxCooldownMs). */
  cooldownMs: number;
  maxCooldownMs: number;
  /** A probe that never reports back frees the half-open slot after this long. */
  probeTtlMs: number;
}

export const DEFAULT_BREAKER: BreakerSettings = { failures: 3, windowMs: 30_000, cooldownMs: 30_000, maxCooldownMs: 600_000, probeTtlMs: 30_000 };

// Hash fields: n (failures in the window), since (window start), until (open until, 0 = closed), probe (probe slot expiry).
const STATE = `
local until_ = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
local now = tonumber(ARGV[1])
if until_ == 0 then return 'closed' end
if now < until_ then return 'open' end
return 'half-open'`;

const ADMIT = `
local until_ = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
local now = tonumber(ARGV[1])
if until_ == 0 then return 'closed' end
if now < until_ then return 'open' end
local probe = tonumber(redis.call('HGET', KEYS[1], 'probe') or '0')
if probe > now then return 'open' end
redis.call('HSET', KEYS[1], 'probe', now + tonumber(ARGV[2]))
return 'probe'`;

// ARGV now, threshold, window, cooldown (Retry-After applied) → 'opened' | 'counted'
const FAILURE = `
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[4])
local until_ = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if until_ > 0 then
  redis.call('HSET', KEYS[1], 'until', math.max(until_, now + cooldown), 'probe', 0, 'n', 0)
  redis.call('PEXPIRE', KEYS[1], cooldown + 86400000)
  return 'opened'
end
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local since = tonumber(redis.call('HGET', KEYS[1], 'since') or '0')
if now - since > tonumber(ARGV[3]) then n = 0; since = now end
n = n + 1
if n >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'until', now + cooldown, 'probe', 0, 'n', 0, 'since', now)
  redis.call('PEXPIRE', KEYS[1], cooldown + 86400000)
  return 'opened'
end
redis.call('HSET', KEYS[1], 'n', n, 'since', since)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 'counted'`;

// A probe that was admitted but not used (the call was skipped for another reason).
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'probe', 0) end
return 1`;

export class CircuitBreakers {
  readonly settings: BreakerSettings;
  private readonly now: () => number;

  constructor(private readonly redis: Redis, private readonly prefix: string, settings: Partial<BreakerSettings> = {}, now: () => number = Date.now) {
    this.settings = { ...DEFAULT_BREAKER, ...settings };
    this.now = now;
  }

  private key(provider: string): string {
    return `${this.prefix}:breaker:${provider}`;
  }

  /** States without taking a probe (for routing). */
  async states(providers: readonly string[]): Promise<Record<string, BreakerState>> {
    const now = String(this.now());
    const out: Record<string, BreakerState> = {};
    await Promise.all(
      providers.map(async (p) => {
        out[p] = (await this.redis.eval(STATE, 1, this.key(p), now)) as BreakerState;
      }),
    );
    return out;
  }

  /** Before a call: "closed" go, "probe" go (this caller is the half-open probe), "open" skip. */
  async admit(provider: string): Promise<"closed" | "probe" | "open"> {
    return (await this.redis.eval(ADMIT, 1, this.key(provider), String(this.now()), String(this.settings.probeTtlMs))) as "closed" | "probe" | "open";
  }

  /** A successful call closes the breaker and clears the failure count. */
  async success(provider: string): Promise<void> {
    await this.redis.del(this.key(provider));
  }

  async failure(provider: string, retryAfterMs?: number): Promise<"opened" | "counted"> {
    const s = this.settings;
    const cooldown = Math.min(s.maxCooldownMs, Math.max(s.cooldownMs, Math.ceil(retryAfterMs ?? 0)));
    return (await this.redis.eval(FAILURE, 1, this.key(provider), String(this.now()), String(s.failures), String(s.windowMs), String(cooldown))) as
      | "opened"
      | "counted";
  }

  async releaseProbe(provider: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(provider));
  }
}
