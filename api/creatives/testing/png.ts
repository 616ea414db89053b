// Test helpers: read a PNG's header straight from its bytes, and sample pixels by decoding
// the PNG (with the canvas library's decoder — the bytes under test come from elsewhere).
import { createCanvas, loadImage } from "@napi-rs/canvas";

/** Signature + IHDR, parsed by hand: [width, height] or a thrown error. */
export function pngSize(bytes: Uint8Array): [number, number] {
  const b = Buffer.from(bytes);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((v, i) => b[i] === v)) throw new Error("not a PNG signature");
  if (b.readUInt32BE(8) !== 13 || b.toString("ascii", 12, 16) !== "IHDR") throw new Error("first chunk is not IHDR");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/** A pixel sampler over a decoded image: (x, y) → "#rrggbb". */
export async function pixels(bytes: Uint8Array): Promise<(x: number, y: number) => string> {
  const img = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return (x, y) => {
    const i = (y * img.width + x) * 4;
    return `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
  };
}
