// The dense kernels over int8 dim-major columns (quantize.ts). Up to four columns per
// pass: the accumulator is read and written once per four multiply-adds, which is about
// twice as fast in V8 as one column at a time. Sums are in int8 units; multiply by the chunk's
// scale to get the dot product.

/** out[i] += Σ_j w[j] · data[dims[j]·n + i] for chunks lo ≤ i < hi, over dims[0..count). */
export function addColumns(
  data: Int8Array, n: number, dims: Int32Array, w: Float64Array, count: number, out: Float32Array, lo = 0, hi = n,
): void {
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const b0 = dims[j]! * n, b1 = dims[j + 1]! * n, b2 = dims[j + 2]! * n, b3 = dims[j + 3]! * n;
    const w0 = w[j]!, w1 = w[j + 1]!, w2 = w[j + 2]!, w3 = w[j + 3]!;
    for (let i = lo; i < hi; i++) {
      out[i] = out[i]! + w0 * data[b0 + i]! + w1 * data[b1 + i]! + w2 * data[b2 + i]! + w3 * data[b3 + i]!;
    }
  }
  // the last 1–3 columns in one pass too
  const left = count - j;
  if (left === 3) {
    const b0 = dims[j]! * n, b1 = dims[j + 1]! * n, b2 = dims[j + 2]! * n;
    const w0 = w[j]!, w1 = w[j + 1]!, w2 = w[j + 2]!;
    for (let i = lo; i < hi; i++) out[i] = out[i]! + w0 * data[b0 + i]! + w1 * data[b1 + i]! + w2 * data[b2 + i]!;
  } else if (left === 2) {
    const b0 = dims[j]! * n, b1 = dims[j + 1]! * n;
    const w0 = w[j]!, w1 = w[j + 1]!;
    for (let i = lo; i < hi; i++) out[i] = out[i]! + w0 * data[b0 + i]! + w1 * data[b1 + i]!;
  } else if (left === 1) {
    const b = dims[j]! * n, wj = w[j]!;
    for (let i = lo; i < hi; i++) out[i] = out[i]! + wj * data[b + i]!;
  }
}

/** acc[c] += Σ_j w[j] · data[dims[j]·n + chunks[c]] for c < m: the same sums for a few chunks. */
export function addColumnsAt(
  data: Int8Array, n: number, dims: Int32Array, w: Float64Array, count: number,
  chunks: Int32Array, m: number, acc: Float32Array,
): void {
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const b0 = dims[j]! * n, b1 = dims[j + 1]! * n, b2 = dims[j + 2]! * n, b3 = dims[j + 3]! * n;
    const w0 = w[j]!, w1 = w[j + 1]!, w2 = w[j + 2]!, w3 = w[j + 3]!;
    for (let c = 0; c < m; c++) {
      const i = chunks[c]!;
      acc[c] = acc[c]! + w0 * data[b0 + i]! + w1 * data[b1 + i]! + w2 * data[b2 + i]! + w3 * data[b3 + i]!;
    }
  }
  for (; j < count; j++) {
    const b = dims[j]! * n, wj = w[j]!;
    for (let c = 0; c < m; c++) acc[c] = acc[c]! + wj * data[b + chunks[c]!]!;
  }
}
