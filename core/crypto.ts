// AES-256-GCM for channel credentials at rest. Layout: version(1) | iv(12) | tag(16) | ciphertext.
// The associated data binds a ciphertext to its row (tenant + channel account), so a
// ciphertext copied onto another tenant's row does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from "node:crypto";

const VERSION = 1;

export function parseKey(key: string): Buffer {
  const buf = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, "hex") : Buffer.from(key, "base64");
  if (buf.length !== 32) throw new Error("credentials key must be 32 bytes");
  return buf;
}

export function encrypt(key: Buffer, plaintext: string, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ct]);
}

export function decrypt(key: Buffer, blob: Uint8Array, aad: string): string {
  const buf = Buffer.from(blob);
  if (buf.length < 29 || buf[0] !== VERSION) throw new Error("unknown credential ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(1, 13));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(buf.subarray(13, 29));
  return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
}

/** Constant-time comparison of two strings; false for different lengths. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  if (x.length !== y.length) {
    // compare anyway so the time does not depend on where the lengths differ
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
