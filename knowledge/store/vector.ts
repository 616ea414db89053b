// Vectors are persisted as float32 little-endian bytes (KnowledgeChunk.embedding).
export function encodeVector(v: Float32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(v.length * 4));
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i]!, true);
  return out;
}

/** Decode `bytes` into `target` at `stride` spacing from `offset` (a dim-major matrix column). */
export function decodeInto(bytes: Uint8Array, dim: number, target: Float32Array, offset: number, stride: number): void {
  if (bytes.byteLength !== dim * 4) throw new RangeError(`vector has ${bytes.byteLength} bytes, expected ${dim * 4}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let d = 0; d < dim; d++) target[offset + d * stride] = view.getFloat32(d * 4, true);
}

export function decodeVector(bytes: Uint8Array, dim: number): Float32Array {
  const out = new Float32Array(dim);
  decodeInto(bytes, dim, out, 0, 1);
  return out;
}
