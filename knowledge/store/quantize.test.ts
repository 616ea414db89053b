// Int8 columns: the round trip stays within the stated bounds, per element and per dot product.
import { describe, expect, it } from "vitest";
import { Int8Columns } from "./quantize.js";

function rand(seed: number): () => number {
  let a = seed;
  return () => ((a = (Math.imul(a, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  return v.map((x) => x * inv);
}

describe("Int8Columns", () => {
  const dim = 64;
  const r = rand(1);
  // dense random vectors, sparse peaky ones (a short chunk), and an all-zero one
  const vectors = [
    ...Array.from({ length: 40 }, () => unit(Float32Array.from({ length: dim }, () => r() - 0.5))),
    ...Array.from({ length: 20 }, () => unit(Float32Array.from({ length: dim }, () => (r() < 0.1 ? r() * 3 : r() * 0.05)))),
    new Float32Array(dim),
  ];
  const cols = Int8Columns.fromVectors(vectors, dim);

  it("keeps every element within scale / 2", () => {
    vectors.forEach((v, i) => {
      const back = cols.get(i);
      const s = cols.scale[i]!;
      for (let d = 0; d < dim; d++) expect(Math.abs(back[d]! - v[d]!)).toBeLessThanOrEqual(s / 2 + 1e-7);
    });
  });

  it("keeps dot products within cosineErrorBound", () => {
    for (let t = 0; t < 20; t++) {
      const q = unit(Float32Array.from({ length: dim }, () => r() - 0.5));
      vectors.forEach((v, i) => {
        const back = cols.get(i);
        let exact = 0, approx = 0;
        for (let d = 0; d < dim; d++) {
          exact += q[d]! * v[d]!;
          approx += q[d]! * back[d]!;
        }
        expect(Math.abs(exact - approx)).toBeLessThanOrEqual(cols.cosineErrorBound(i, q) + 1e-6);
      });
    }
  });

  it("is small in absolute terms for unit vectors of this size", () => {
    const q = unit(Float32Array.from({ length: dim }, () => r() - 0.5));
    for (let i = 0; i < 40; i++) expect(cols.cosineErrorBound(i, q)).toBeLessThan(0.02);
  });

  it("stores the zero vector as zeros and records the largest row norm", () => {
    const last = vectors.length - 1;
    expect(cols.scale[last]).toBe(0);
    expect(Array.from(cols.get(last)).every((x) => x === 0)).toBe(true);
    expect(cols.maxRowNorm).toBeGreaterThan(0.99);
    expect(cols.maxRowNorm).toBeLessThan(1.01);
  });

  it("rejects a vector of the wrong dim", () => {
    expect(() => cols.set(0, new Float32Array(dim + 1))).toThrow(RangeError);
  });
});
