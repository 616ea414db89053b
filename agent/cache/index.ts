// agent/cache: a tenant-scoped semantic cache of lead FAQ answers (README.md).
export { AnswerCache, DEFAULT_THRESHOLD } from "./answer-cache.js";
export type { AnswerCacheOptions, CacheHit, CacheLookup, CacheQuestion, CacheStore, StoreResult } from "./answer-cache.js";
export { isCacheableTurn, isTimeRelative } from "./cacheable.js";
export type { TurnFacts } from "./cacheable.js";
export { normaliseQuestion, questionSignature } from "./signature.js";
export type { QuestionSignature } from "./signature.js";
export { CACHE_MODEL_NAME, cacheQuestion, lookupForTurn, storeForTurn, type LookupGate } from "./turn.js";
