// Metrics for judging a tier router against the replay set's minimal adequate tiers
// (agent/router/replay): tier shares, under-/over-routing, exact match, cost against
// always-smart, breakdowns, nearest-rank percentiles and a seeded RNG for the random baseline.
// Pure functions; `npm run bench:router` (bench/router.ts) prints them.
import type { TierName } from "../types.js";

export const TIER_ORDER: readonly TierName[] = ["local", "fast", "smart"];
const RANK: Record<TierName, number> = { local: 0, fast: 1, smart: 2 };

/** One routed turn: the tier the router chose and the turn's minimal adequate tier. */
export interface Routed {
  decided: TierName;
  minTier: TierName;
}

export interface RoutingRates {
  n: number;
  /** Share of turns per decided tier, 0..1. */
  shares: Record<TierName, number>;
  /** Turns sent below their minimal adequate tier, 0..1. */
  under: number;
  /** Turns sent above it, 0..1. */
  over: number;
  /** Turns sent exactly to it, 0..1. */
  exact: number;
  underCount: number;
  overCount: number;
}

export function compareTier(decided: TierName, minTier: TierName): -1 | 0 | 1 {
  const d = RANK[decided] - RANK[minTier];
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function routingRates(rows: readonly Routed[]): RoutingRates {
  const counts: Record<TierName, number> = { local: 0, fast: 0, smart: 0 };
  let under = 0;
  let over = 0;
  for (const r of rows) {
    counts[r.decided] += 1;
    const c = compareTier(r.decided, r.minTier);
    if (c < 0) under += 1;
    else if (c > 0) over += 1;
  }
  const n = rows.length;
  const share = (k: number) => (n ? k / n : Number.NaN);
  return {
    n,
    shares: { local: share(counts.local), fast: share(counts.fast), smart: share(counts.smart) },
    under: share(under),
    over: share(over),
    exact: share(n - under - over),
    underCount: under,
    overCount: over,
  };
}

/** Total cost of the decided tiers (any unit: the per-tier costs' unit) and its share of sending every turn to smart. */
export function costAgainstSmart(
  decided: readonly TierName[],
  perTurn: Record<TierName, number>,
): { total: number; alwaysSmart: number; ratio: number } {
  let total = 0;
  for (const t of decided) total += perTurn[t];
  const alwaysSmart = decided.length * perTurn.smart;
  return { total, alwaysSmart, ratio: alwaysSmart > 0 ? total / alwaysSmart : Number.NaN };
}

export interface GroupRate {
  key: string;
  n: number;
  under: number;
  rate: number;
}

/** Under-routing per group; a row may belong to several groups (tags) or none. Keys in first-seen order. */
export function underBy<R extends Routed>(rows: readonly R[], keysOf: (r: R) => readonly string[]): GroupRate[] {
  const acc = new Map<string, { n: number; under: number }>();
  for (const r of rows) {
    for (const k of keysOf(r)) {
      const a = acc.get(k) ?? { n: 0, under: 0 };
      a.n += 1;
      if (compareTier(r.decided, r.minTier) < 0) a.under += 1;
      acc.set(k, a);
    }
  }
  return [...acc].map(([key, a]) => ({ key, n: a.n, under: a.under, rate: a.under / a.n }));
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
