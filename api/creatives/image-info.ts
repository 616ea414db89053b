// What an image's bytes say about it: the format from its signature and the pixel size
// from its header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X). Used to check what a provider
// returned before it is stored, and what a logo download really is. Never decodes pixels.

export type ImageMime = "image/png" | "image/jpeg" | "image/webp";

export interface ImageInfo {
  mimeType: ImageMime;
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format and size of an image, or null when the bytes are not a PNG, JPEG or WebP we can read. */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && PNG_SIGNATURE.every((v, i) => b[i] === v)) return png(b);
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 30 && b.toString("ascii", 0, 4) === "RIFF" && b.toString("ascii", 8, 12) === "WEBP") return webp(b);
  return null;
}

function sized(mimeType: ImageMime, width: number, height: number): ImageInfo | null {
  return width > 0 && height > 0 ? { mimeType, width, height } : null;
}

function png(b: Buffer): ImageInfo | null {
  // the first chunk must be IHDR: length 13, type, then width and height (big-endian)
  if (b.readUInt32BE(8) !== 13 || b.toString("ascii", 12, 16) !== "IHDR") return null;
  return sized("image/png", b.readUInt32BE(16), b.readUInt32BE(20));
}

function jpeg(b: Buffer): ImageInfo | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    const length = b.readUInt16BE(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return sized("image/jpeg", b.readUInt16BE(i + 7), b.readUInt16BE(i + 5));
    }
    if (marker === 0xda || length < 2) return null; // scan data before a frame header
    i += 2 + length;
  }
  return null;
}

function webp(b: Buffer): ImageInfo | null {
  const chunk = b.toString("ascii", 12, 16);
  if (chunk === "VP8X") return sized("image/webp", 1 + b.readUIntLE(24, 3), 1 + b.readUIntLE(27, 3));
  if (chunk === "VP8L" && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return sized("image/webp", 1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff));
  }
  if (chunk === "VP8 " && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return sized("image/webp", b.readUInt16LE(26) & 0x3fff, b.readUInt16LE(28) & 0x3fff);
  }
  return null;
}
