import { describe, expect, it } from "vitest";
import { compareTier, costAgainstSmart, percentile, routingRates, seededRandom, underBy, type Routed } from "./metrics.js";

describe("router metrics", () => {
  // 5 turns: 1 under (local < fast), 2 over (smart > fast, fast > local), 2 exact
  const rows: (Routed & { role: string; tags: string[] })[] = [
    { decided: "local", minTier: "local", role: "lead", tags: [] },
    { decided: "local", minTier: "fast", role: "lead", tags: ["trap"] },
    { decided: "smart", minTier: "fast", role: "owner", tags: ["trap", "sensitive"] },
    { decided: "fast", minTier: "local", role: "lead", tags: [] },
    { decided: "smart", minTier: "smart", role: "owner", tags: ["sensitive"] },
  ];

  it("compares tiers by rank", () => {
    expect(compareTier("local", "smart")).toBe(-1);
    expect(compareTier("fast", "fast")).toBe(0);
    expect(compareTier("smart", "local")).toBe(1);
  });

  it("computes shares and under/over/exact rates", () => {
    const r = routingRates(rows);
    expect(r.n).toBe(5);
    expect(r.shares).toEqual({ local: 0.4, fast: 0.2, smart: 0.4 });
    expect(r.underCount).toBe(1);
    expect(r.overCount).toBe(2);
    expect(r.under).toBeCloseTo(0.2);
    expect(r.over).toBeCloseTo(0.4);
    expect(r.exact).toBeCloseTo(0.4);
  });

  it("is NaN, not a division by zero, on no turns", () => {
    const r = routingRates([]);
    expect(r.n).toBe(0);
    expect(Number.isNaN(r.under)).toBe(true);
  });

  it("aggregates cost against always-smart", () => {
    // per turn: local 0, fast 390, smart 6500 → 0 + 0 + 6500 + 390 + 6500 = 13390 of 5 × 6500 = 32500
    const c = costAgainstSmart(rows.map((r) => r.decided), { local: 0, fast: 390, smart: 6500 });
    expect(c.total).toBe(13390);
    expect(c.alwaysSmart).toBe(32500);
    expect(c.ratio).toBeCloseTo(0.412, 3);
    expect(costAgainstSmart(["smart", "smart"], { local: 0, fast: 1, smart: 7 }).ratio).toBe(1);
  });

  it("breaks under-routing down by group, a row in several groups or none", () => {
    expect(underBy(rows, (r) => [r.role])).toEqual([
      { key: "lead", n: 3, under: 1, rate: 1 / 3 },
      { key: "owner", n: 2, under: 0, rate: 0 },
    ]);
    expect(underBy(rows, (r) => r.tags)).toEqual([
      { key: "trap", n: 2, under: 1, rate: 0.5 },
      { key: "sensitive", n: 2, under: 0, rate: 0 },
    ]);
  });

  it("takes nearest-rank percentiles", () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(s, 50)).toBe(5); // rank ceil(5) = 5
    expect(percentile(s, 99)).toBe(10); // rank ceil(9.9) = 10
    expect(percentile(s, 90)).toBe(9);
    expect(percentile(s, 0)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
  });

  it("has a deterministic seeded RNG in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});
