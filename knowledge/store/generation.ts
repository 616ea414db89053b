// A per-tenant knowledge generation in Redis: a number that changes whenever the tenant's
// knowledge changes, so anything derived from that knowledge (agent/cache's answers) records
// the generation it was made under and is void under any later one. `withGeneration` wraps a
// KnowledgeStore so every write through it bumps the tenant's generation after it succeeded.
//
// The number never goes back, even if the key is lost (eviction, flush): a missing key starts
// at the current time in ms and a bump is max(n + 1, now), so a lost counter cannot bring an
// older generation — and what was cached under it — back.
import type { Redis } from "../../core/redis.js";
import type { KnowledgeStore } from "../types.js";

export interface GenerationState {
  /** The generation number. */
  n: number;
  /** When it last changed (ms since epoch): readers may wait for other processes to catch up. */
  at: number;
}

// KEYS[1] gen hash; ARGV now → { n, at }. Creates the hash when missing.
const CURRENT = `
local n = redis.call('HGET', KEYS[1], 'n')
if not n then
  redis.call('HSET', KEYS[1], 'n', ARGV[1], 'at', ARGV[1])
  return { ARGV[1], ARGV[1] }
end
return { n, redis.call('HGET', KEYS[1], 'at') or '0' }`;

// KEYS[1] gen hash; ARGV now → new n
const BUMP = `
local now = tonumber(ARGV[1])
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
local next = math.max(n + 1, now)
redis.call('HSET', KEYS[1], 'n', string.format('%.0f', next), 'at', ARGV[1])
return string.format('%.0f', next)`;

export class KnowledgeGeneration {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The tenant's generation key; `{tenantId}` is a Redis Cluster hash tag (same slot as the tenant's cache keys). */
  key(tenantId: string): string {
    if (!tenantId) throw new Error("tenantId is required");
    return `${this.prefix}:kgen:{${tenantId}}`;
  }

  /** The tenant's current generation and when it changed (created on first use). */
  async state(tenantId: string): Promise<GenerationState> {
    const [n, at] = (await this.redis.eval(CURRENT, 1, this.key(tenantId), String(this.now()))) as [string, string];
    return { n: Number(n), at: Number(at) };
  }

  async current(tenantId: string): Promise<number> {
    return (await this.state(tenantId)).n;
  }

  /** A new, larger generation for the tenant: everything made under an older one is void. */
  async bump(tenantId: string): Promise<number> {
    return Number(await this.redis.eval(BUMP, 1, this.key(tenantId), String(this.now())));
  }
}

const WRITES = new Set<PropertyKey>(["addEntry", "deleteEntry", "supersede"]);

/**
 * The same store, with the tenant's generation bumped after every write call that resolved:
 * addEntry (created or the existing entry), deleteEntry and supersede (true or false). Bumping
 * also when nothing changed costs one needless invalidation, and makes a retry of a write whose
 * bump failed (Redis down: the error reaches the caller, the write itself stands) repair the
 * generation — a repeated addEntry returns `created: false`, a repeated delete `false`.
 * Everything else (search, list, get, init, kind, close…) passes through untouched.
 */
export function withGeneration<S extends KnowledgeStore>(store: S, generation: KnowledgeGeneration): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (!WRITES.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (tenantId: string, ...rest: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).call(target, tenantId, ...rest);
        await generation.bump(tenantId);
        return result;
      };
    },
  });
}
