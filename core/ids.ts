import { createHash } from "node:crypto";

/** A BullMQ-safe job id derived from parts (BullMQ forbids ':' in custom ids). */
export function jobId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_.=-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)).join("-");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
