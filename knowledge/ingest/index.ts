// Document ingestion, the pure part: bytes of a text, PDF or FAQ CSV → entry drafts for the
// knowledge store. No I/O beyond the parser libraries; the api layer stores and queues.
import { parseFaqCsv } from "./csv.js";
import { entryDrafts, type EntryDraft } from "./entries.js";
import { parsePdf } from "./pdf.js";
import { parseText } from "./text.js";
import { DEFAULT_LIMITS, DocumentError, formatBytes, type DocumentKind, type IngestLimits, type ParsedDocument } from "./types.js";

export interface ParsedEntries {
  entries: EntryDraft[];
  /** Rows that were skipped, with reasons (CSV). */
  skipped: string[];
  pages?: number;
  rows?: number;
}

export function checkSize(byteSize: number, limits: Pick<IngestLimits, "maxBytes"> = DEFAULT_LIMITS): void {
  if (byteSize === 0) throw new DocumentError("The file is empty.");
  if (byteSize > limits.maxBytes) {
    throw new DocumentError(`The file is ${formatBytes(byteSize)}; the most I can take is ${formatBytes(limits.maxBytes)}.`);
  }
}

export async function parseDocument(
  d: { name: string; kind: DocumentKind; bytes: Uint8Array },
  limits: IngestLimits = DEFAULT_LIMITS,
): Promise<ParsedEntries> {
  checkSize(d.bytes.byteLength, limits);
  let parsed: ParsedDocument;
  if (d.kind === "pdf") parsed = await parsePdf(d.bytes, limits);
  else if (d.kind === "csv") parsed = parseFaqCsv(d.bytes, limits);
  else parsed = parseText(d.bytes);
  const entries = entryDrafts(d.name, parsed.sections, limits.maxEntryChars);
  if (entries.length > limits.maxEntries) {
    throw new DocumentError(`This document would become ${entries.length} entries; the most is ${limits.maxEntries}. Please split it.`);
  }
  return {
    entries, skipped: parsed.skipped,
    ...(parsed.pages !== undefined ? { pages: parsed.pages } : {}), ...(parsed.rows !== undefined ? { rows: parsed.rows } : {}),
  };
}

export { detectKind, extensionOf, unsupportedReason } from "./detect.js";
export { DEFAULT_LIMITS, DOCUMENT_KINDS, DocumentError, formatBytes, type DocumentKind, type IngestLimits } from "./types.js";
export type { EntryDraft } from "./entries.js";
