// Deterministic stand-in vectors for the fake embedding servers: signed feature hashing
// of a text's lowercased words and their character 3-grams into `dim` dimensions, unit
// length. Texts sharing words or word pieces land close, so search through a fake works;
// the numbers say nothing about a real provider's quality.
function hash(s: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function fakeVector(text: string, dim: number, seed: number): number[] {
  const v = new Array<number>(dim).fill(0);
  const add = (feature: string, w: number) => {
    const h = hash(feature, seed);
    v[h % dim]! += h & 0x80000000 ? -w : w;
  };
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    add(`w:${word}`, 1);
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.5);
  }
  const norm = Math.hypot(...v) || 1;
  // float32 precision, as a provider sends
  return v.map((x) => Math.fround(x / norm));
}

/** Little-endian float32 bytes, base64: OpenAI's `encoding_format: "base64"`. */
export function toBase64Float32(values: number[]): string {
  const buf = Buffer.alloc(values.length * 4);
  values.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

/** A rough token count (about four characters a token), for usage fields. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
