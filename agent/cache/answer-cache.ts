// A tenant-scoped semantic cache of FAQ-like answers in Redis. A question is reduced to its
// signature (signature.ts: entities + content stems); the signature's hash names a bucket
// `<prefix>:answers:v1:{<tenantId>}:g<generation>:<local day>:[<variant>:]<hash>` holding at most `maxPerBucket`
// earlier questions with their answers. A lookup reads one bucket and serves the candidate
// whose text embeds closest to the question (local hashing embedder), if at least
// `threshold`; an exact normalised match is always served. So a question about a different
// thing (service, day, time, amount, number, negation, content word) is never a candidate,
// another tenant's or another generation's bucket is never read, and cost is two round trips.
import { createHash } from "node:crypto";
import type { Redis } from "../../core/redis.js";
import { dot, LocalHashEmbedder } from "../../knowledge/embedder/local.js";
import type { KnowledgeGeneration } from "../../knowledge/store/generation.js";
import type { NluContext } from "../nlu/types.js";
import { toWall } from "../nlu/zone.js";
import { questionSignature } from "./signature.js";

/** Calibrated on eval-table.ts (README): the lowest paraphrase cosine there is 0.61. */
export const DEFAULT_THRESHOLD = 0.5;

export interface AnswerCacheOptions {
  /** How long an answer may be served after it was stored (default 24 h). */
  ttlMs?: number;
  /** Answers kept per tenant; the oldest go first (default 500). */
  maxEntriesPerTenant?: number;
  /** Questions kept per signature bucket; the oldest go first (default 8). */
  maxPerBucket?: number;
  /** Minimum cosine of the two questions' embeddings (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** No answer is stored until this long after the generation changed, so that every process
   *  searches the new knowledge first (the embedded store's index cache re-checks every 1 s). */
  settleMs?: number;
  /** Serve an answer only on the tenant-local day it was made (default true): an answer worded
   *  on Monday ("we're open until 6") is not served on Tuesday, and relative dates agree. */
  perLocalDay?: boolean;
  now?: () => number;
}

export interface CacheQuestion {
  tenantId: string;
  question: string;
  /** The tenant's NLU context (zone, locale, currency, services) and the turn's `now`. */
  context: NluContext;
  /** Anything that changes how the same answer is worded, e.g. "voice" vs "text" (default ""). */
  variant?: string;
}

export interface CacheHit {
  answer: string;
  entryIds: string[];
  /** Cosine of the two questions (1 for an exact normalised match). */
  similarity: number;
  /** The bucket it came from (for logs). */
  key: string;
}

export interface CacheLookup {
  hit: CacheHit | null;
  /** The tenant's knowledge generation read BEFORE answering: pass it to `store`. */
  generation: number;
}

export interface CacheStore extends CacheQuestion {
  answer: string;
  entryIds: string[];
  /** `CacheLookup.generation` of this turn — read before the knowledge was searched. */
  generation: number;
}

/** stored; stale: the knowledge changed since `generation`; settling: it changed moments ago;
 *  skipped: an empty answer, or a question that is not self-contained (signature.ts). */
export type StoreResult = "stored" | "stale" | "settling" | "skipped";

interface Candidate {
  /** normalised question */
  q: string;
  /** embedded text */
  t: string;
  a: string;
  e: string[];
  at: number;
}

// KEYS: 1 gen hash, 2 bucket, 3 tenant index (zset of "<bucket suffix>|<field>" by time),
// 4 the generation the index was filled under.
// ARGV: 1 generation, 2 now, 3 settleMs, 4 field, 5 value, 6 ttlMs, 7 maxPerBucket, 8 cap,
// 9 tenant key prefix (bucket = prefix .. suffix), 10 member.
// Keys built from ARGV 9 are the tenant's own, in the same {tenantId} hash slot.
const STORE = `
local n = redis.call('HGET', KEYS[1], 'n')
if n ~= ARGV[1] then return 'stale' end
local now = tonumber(ARGV[2])
if now - tonumber(redis.call('HGET', KEYS[1], 'at') or '0') < tonumber(ARGV[3]) then return 'settling' end
local ttl = tonumber(ARGV[6])
local function drop(member)
  local sep = string.find(member, '|', 1, true)
  if sep then redis.call('HDEL', ARGV[9] .. string.sub(member, 1, sep - 1), string.sub(member, sep + 1)) end
  redis.call('ZREM', KEYS[3], member)
end
if redis.call('GET', KEYS[4]) ~= ARGV[1] then
  for _, m in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do drop(m) end
  redis.call('DEL', KEYS[3])
end
redis.call('SET', KEYS[4], ARGV[1], 'PX', ttl)
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - ttl)) do drop(m) end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('ZADD', KEYS[3], now, ARGV[10])
redis.call('PEXPIRE', KEYS[3], ttl)
local fields = redis.call('HKEYS', KEYS[2])
if #fields > tonumber(ARGV[7]) then
  local suffix = string.sub(ARGV[10], 1, string.find(ARGV[10], '|', 1, true))
  local oldest, oldestAt = nil, nil
  for _, f in ipairs(fields) do
    local at = redis.call('ZSCORE', KEYS[3], suffix .. f)
    at = at and tonumber(at) or -1
    if oldestAt == nil or at < oldestAt then oldest, oldestAt = f, at end
  end
  redis.call('HDEL', KEYS[2], oldest)
  redis.call('ZREM', KEYS[3], suffix .. oldest)
end
local over = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[8])
if over > 0 then
  for i, m in ipairs(redis.call('ZRANGE', KEYS[3], 0, over - 1)) do drop(m) end
end
return 'stored'`;

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 24);

export class AnswerCache {
  private readonly ttlMs: number;
  private readonly cap: number;
  private readonly maxPerBucket: number;
  private readonly threshold: number;
  private readonly settleMs: number;
  private readonly now: () => number;
  private readonly perLocalDay: boolean;
  private readonly embedder = new LocalHashEmbedder();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly generations: KnowledgeGeneration,
    opts: AnswerCacheOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 24 * 3600_000;
    this.cap = opts.maxEntriesPerTenant ?? 500;
    this.maxPerBucket = opts.maxPerBucket ?? 8;
    this.threshold = opts.threshold ?? DEFAULT_THRESHOLD;
    this.settleMs = opts.settleMs ?? 2000;
    this.now = opts.now ?? Date.now;
    this.perLocalDay = opts.perLocalDay ?? true;
  }

  /** Every key of a tenant starts with this; `{tenantId}` is a Redis Cluster hash tag. */
  tenantPrefix(tenantId: string): string {
    if (!tenantId) throw new Error("tenantId is required");
    return `${this.prefix}:answers:v1:{${tenantId}}:`;
  }

  private locate(q: CacheQuestion, generation: number) {
    const sig = questionSignature(q.question, q.context);
    const day = this.perLocalDay ? `${localDay(q.context)}:` : "";
    const suffix = `g${generation}:${day}${q.variant ? `${hash(q.variant)}:` : ""}${sig.key}`;
    return { sig, suffix, bucket: this.tenantPrefix(q.tenantId) + suffix, field: hash(sig.normalised) };
  }

  /** The best cached answer for the question under the tenant's current generation, or none. */
  async lookup(q: CacheQuestion): Promise<CacheLookup> {
    const generation = await this.generations.current(q.tenantId);
    const { sig, bucket } = this.locate(q, generation);
    if (!sig.selfContained) return { hit: null, generation };
    const raw = await this.redis.hgetall(bucket);
    const fresh = this.now() - this.ttlMs;
    let best: CacheHit | null = null;
    let vector: Float32Array | null = null;
    for (const value of Object.values(raw)) {
      const c = parse(value);
      if (!c || c.at <= fresh) continue;
      let similarity: number;
      if (c.q === sig.normalised) similarity = 1;
      else {
        vector ??= this.embedder.embedOne(sig.embedText);
        similarity = dot(vector, this.embedder.embedOne(c.t));
        if (similarity < this.threshold) continue;
      }
      if (!best || similarity > best.similarity) best = { answer: c.a, entryIds: c.e, similarity, key: bucket };
    }
    return { hit: best, generation };
  }

  /** Remember an answer, if the tenant's knowledge is still at `generation`. */
  async store(s: CacheStore): Promise<StoreResult> {
    const { sig, suffix, bucket, field } = this.locate(s, s.generation);
    if (!sig.selfContained || !s.answer.trim()) return "skipped";
    const now = this.now();
    const value: Candidate = { q: sig.normalised, t: sig.embedText, a: s.answer, e: s.entryIds, at: now };
    const tp = this.tenantPrefix(s.tenantId);
    const result = await this.redis.eval(
      STORE, 4,
      this.generations.key(s.tenantId), bucket, `${tp}index`, `${tp}filled`,
      String(s.generation), String(now), String(this.settleMs), field, JSON.stringify(value),
      String(this.ttlMs), String(this.maxPerBucket), String(this.cap), tp, `${suffix}|${field}`,
    );
    return result as StoreResult;
  }

  /** How many answers the tenant has cached (for tests and metrics). */
  async size(tenantId: string): Promise<number> {
    return this.redis.zcard(`${this.tenantPrefix(tenantId)}index`);
  }
}

function localDay(ctx: NluContext): string {
  const w = toWall(ctx.now, ctx.timezone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

function parse(value: string): Candidate | null {
  try {
    const c = JSON.parse(value) as Candidate;
    return typeof c.a === "string" && typeof c.q === "string" && typeof c.t === "string" && Array.isArray(c.e) ? c : null;
  } catch {
    return null;
  }
}
