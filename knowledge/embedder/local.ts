// A local, in-process embedder: signed feature hashing of word unigrams, bigrams and
// character n-grams into a fixed number of dimensions, L2-normalized. No weights, no
// network, deterministic: the same text gives the same vector in every process, so
// vectors persisted by one process are valid in another with the same `id`.
import type { Embedder } from "../types.js";
import { fnv1a } from "../text/hash.js";
import { DEFAULT_WEIGHTS, features, type FeatureWeights } from "./features.js";

export const LOCAL_EMBEDDER_VERSION = "local-hash-v1";

export interface LocalEmbedderOptions {
  /** Vector size (default 512). Part of the embedder id. */
  dim?: number;
  weights?: FeatureWeights;
}

export class LocalHashEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  private readonly weights: FeatureWeights;

  constructor(opts: LocalEmbedderOptions = {}) {
    const dim = opts.dim ?? 512;
    if (!Number.isInteger(dim) || dim < 16 || dim > 8192) throw new RangeError(`dim must be an integer in [16, 8192], got ${dim}`);
    this.dim = dim;
    this.weights = opts.weights ?? DEFAULT_WEIGHTS;
    const w = this.weights;
    const custom = w === DEFAULT_WEIGHTS ? "" : `:w${w.unigram}-${w.bigram}-${w.chargram}`;
    this.id = `${LOCAL_EMBEDDER_VERSION}:${dim}${custom}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** Synchronous form, for callers on a hot path. */
  embedOne(text: string): Float32Array {
    const v = new Float32Array(this.dim);
    for (const [feature, weight] of features(text, this.weights)) {
      const h = fnv1a(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      v[h % this.dim]! += sign * weight;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i++) v[i]! *= inv;
    }
    return v;
  }
}

/** Cosine of two unit vectors (their dot product). */
export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
