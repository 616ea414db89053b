// Chunk vectors as int8, dim-major (`data[d * n + i]` is dimension d of chunk i), with one
// scale per chunk: x[d] ≈ scale[i] · data[d·n + i], scale = max|x| / 127. A 512-dim chunk
// takes 512 B + 4 B instead of 2 KiB. Per element the error is at most scale/2, so for a
// query q the cosine moves by at most (scale/2) · ‖q‖₁ (`cosineErrorBound`); for the unit
// vectors here that is ~1e-3, a fused-score change of ~2e-4 at the default dense weight.
export class Int8Columns {
  readonly data: Int8Array;
  readonly scale: Float32Array;
  /** Largest ‖x̂ᵢ‖₂ over the chunks (≈ 1 for unit vectors): bounds any partial dot product. */
  maxRowNorm = 0;

  constructor(readonly n: number, readonly dim: number) {
    this.data = new Int8Array(n * dim);
    this.scale = new Float32Array(n);
  }

  static fromVectors(vectors: readonly ArrayLike<number>[], dim: number): Int8Columns {
    const cols = new Int8Columns(vectors.length, dim);
    vectors.forEach((v, i) => cols.set(i, v));
    return cols;
  }

  /** Quantizes `v` (length dim) into column position i. */
  set(i: number, v: ArrayLike<number>): void {
    const { n, dim, data } = this;
    if (v.length !== dim) throw new RangeError(`vector has dim ${v.length}, expected ${dim}`);
    let max = 0;
    for (let d = 0; d < dim; d++) {
      const a = Math.abs(v[d]!);
      if (a > max) max = a;
    }
    const s = max / 127;
    this.scale[i] = s;
    if (s === 0) return;
    const inv = 1 / this.scale[i]!; // the stored float32 scale, so x̂ uses exactly what search uses
    let sq = 0;
    for (let d = 0; d < dim; d++) {
      const c = Math.max(-127, Math.min(127, Math.round(v[d]! * inv)));
      data[d * n + i] = c;
      sq += c * c;
    }
    const norm = this.scale[i]! * Math.sqrt(sq);
    if (norm > this.maxRowNorm) this.maxRowNorm = norm;
  }

  /** The dequantized vector of chunk i (for tests and diagnostics). */
  get(i: number, out = new Float32Array(this.dim)): Float32Array {
    const s = this.scale[i]!;
    for (let d = 0; d < this.dim; d++) out[d] = s * this.data[d * this.n + i]!;
    return out;
  }

  /** Upper bound of |q·x − q·x̂| for chunk i. */
  cosineErrorBound(i: number, query: ArrayLike<number>): number {
    let l1 = 0;
    for (let d = 0; d < query.length; d++) l1 += Math.abs(query[d]!);
    return (this.scale[i]! / 2) * l1;
  }
}
