// Bytes → text for text and CSV uploads: UTF-8 (a BOM is dropped), falling back to
// Windows-1252 for files that are not valid UTF-8 (Excel's "CSV" on Windows). Binary data
// (NUL bytes) is refused rather than indexed as garbage.
import { DocumentError } from "./types.js";

export function decodeText(bytes: Uint8Array, what: string): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new DocumentError(`This ${what} looks like a binary file, not text.`);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** CRLF/CR → LF, non-breaking and zero-width spaces normalized, trailing spaces dropped. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u200B\uFEFF]/g, "")
    .replace(/\u00A0/g, " ")
    .replace(/[ \t]+$/gm, "");
}
