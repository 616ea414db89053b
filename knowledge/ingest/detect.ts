// Which parser an upload needs, from its file name, MIME type and first bytes. Owners'
// phones and laptops report CSVs as text/csv, application/csv or application/vnd.ms-excel,
// so the extension decides between those; a PDF is recognized by its magic bytes too.
import { isPdf } from "./pdf.js";
import type { DocumentKind } from "./types.js";

const CSV_MIME = new Set(["text/csv", "application/csv", "text/comma-separated-values", "text/tab-separated-values", "text/x-csv"]);
const TEXT_MIME = new Set(["text/plain", "text/markdown", "text/x-markdown"]);

export function extensionOf(filename: string | undefined): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(filename ?? "");
  return m ? m[1]!.toLowerCase() : "";
}

export function detectKind(f: { filename?: string; mimeType?: string; bytes?: Uint8Array }): DocumentKind | null {
  const ext = extensionOf(f.filename);
  const mime = (f.mimeType ?? "").split(";")[0]!.trim().toLowerCase();
  if (ext === "pdf" || mime === "application/pdf" || (f.bytes && isPdf(f.bytes))) return "pdf";
  if (ext === "csv" || ext === "tsv" || CSV_MIME.has(mime)) return "csv";
  if (ext === "txt" || ext === "md" || ext === "markdown" || TEXT_MIME.has(mime)) return "text";
  return null;
}

/** What the owner is told when a file is none of the kinds we read. */
export function unsupportedReason(f: { filename?: string; mimeType?: string }): string {
  const ext = extensionOf(f.filename);
  const what = ext ? `.${ext} files` : f.mimeType ? `${f.mimeType} files` : "that kind of file";
  const hint = ["doc", "docx", "odt", "pages", "rtf"].includes(ext)
    ? " Could you save it as a PDF and send that?"
    : ["xls", "xlsx", "ods", "numbers"].includes(ext)
      ? " Could you export the sheet as CSV (question, answer columns) and send that?"
      : "";
  return `I can't read ${what} yet — I can add PDFs, FAQ spreadsheets saved as CSV (question, answer columns) and plain text.${hint}`;
}
