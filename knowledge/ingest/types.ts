// Shapes shared by the document parsers: what a parser returns (sections), the limits it
// enforces, and the one error it throws for input it cannot take (a readable reason, plus
// per-row details for CSVs). Parsers are pure: bytes in, sections out, no I/O.
import { AppError } from "../../core/errors.js";

export type DocumentKind = "text" | "pdf" | "csv";
export const DOCUMENT_KINDS: readonly DocumentKind[] = ["text", "pdf", "csv"];

/** One piece of a document that becomes one knowledge entry (before size splitting). */
export interface Section {
  /** The heading it sits under, or the FAQ question; null for text before any heading. */
  heading: string | null;
  content: string;
  tags: string[];
}

export interface ParsedDocument {
  sections: Section[];
  /** Rows or pages that were skipped, each with its reason ("row 7: the answer is empty"). */
  skipped: string[];
  pages?: number;
  rows?: number;
}

export interface IngestLimits {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  maxPages: number;
  /** Data rows of a FAQ CSV (the header excluded). */
  maxRows: number;
  /** Entries one document may become. */
  maxEntries: number;
  /** A section longer than this is split into parts on paragraph/sentence boundaries. */
  maxEntryChars: number;
  /** Text characters a PDF may hold (checked page by page while extracting). */
  maxPdfChars: number;
  /** A PDF's text extraction (a worker thread) is stopped after this long. */
  pdfTimeoutMs: number;
  /** Heap of that worker thread (its V8 old generation), in MB. */
  pdfMemoryMb: number;
}

export const DEFAULT_LIMITS: IngestLimits = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxPages: 300,
  maxRows: 5000,
  maxEntries: 5000,
  maxEntryChars: 4000,
  maxPdfChars: 2_000_000,
  pdfTimeoutMs: 20_000,
  pdfMemoryMb: 256,
});

/** Input a parser cannot take. `details` lists per-row or per-page reasons when there are any. */
export class DocumentError extends AppError {
  constructor(message: string, details?: string[]) {
    super("bad_request", message, details?.length ? { details } : undefined);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
