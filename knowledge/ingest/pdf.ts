// PDF → sections, with unpdf (a bundled, worker-less build of Mozilla's pdf.js that runs
// on Node 20 with no native canvas and fetches nothing: see knowledge/README.md). Text
// items are put back into lines; a line set in a clearly larger font than the body text
// is a heading (bigger = higher level); a vertical gap larger than the usual line spacing
// starts a paragraph. Scanned PDFs (no text layer) and password-protected ones get a reason.
// The extraction itself runs in a worker thread (pdf-extract.worker.mjs) with a heap cap, a
// deadline and a cap on extracted characters: a PDF too big or complex is refused with a
// sentence, and never blocks or crashes the process that asked.
import { Worker } from "node:worker_threads";
import { sectionsFromBlocks, type Block } from "./blocks.js";
import { DEFAULT_LIMITS, DocumentError, type IngestLimits, type ParsedDocument } from "./types.js";

interface Item {
  str: string;
  y: number;
  fontSize: number;
  hasEOL: boolean;
}
interface Line {
  text: string;
  y: number;
  size: number;
}

const HEADING_RATIO = 1.15;
const MAX_HEADING_CHARS = 100;

function linesOf(items: Item[]): Line[] {
  const lines: Line[] = [];
  let parts: string[] = [];
  let y = NaN;
  let size = 0;
  const flush = () => {
    const text = parts.join("").replace(/\s+/g, " ").trim();
    if (text) lines.push({ text, y, size });
    parts = [];
    size = 0;
  };
  for (const it of items) {
    if (parts.length && Math.abs(it.y - y) > Math.max(2, it.fontSize * 0.5)) flush();
    if (!parts.length) y = it.y;
    parts.push(it.str);
    if (it.str.trim()) size = Math.max(size, Math.round(it.fontSize * 10) / 10);
    if (it.hasEOL) flush();
  }
  flush();
  return lines;
}

/** The font size carrying the most characters: the body text. */
function bodySize(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  let best = 0;
  let most = -1;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best;
}

function blocksOf(pages: Line[][]): Block[] {
  const all = pages.flat();
  const body = bodySize(all);
  const headingSizes = [...new Set(all.filter((l) => isHeading(l, body)).map((l) => l.size))].sort((a, b) => b - a);
  const blocks: Block[] = [];
  for (const lines of pages) {
    let para: string[] = [];
    let prev: Line | null = null;
    const flush = () => {
      if (para.length) blocks.push({ kind: "paragraph", text: joinLines(para) });
      para = [];
    };
    for (const line of lines) {
      if (isHeading(line, body)) {
        flush();
        blocks.push({ kind: "heading", level: headingSizes.indexOf(line.size) + 1, text: line.text });
        prev = null;
        continue;
      }
      // a gap of more than ~1.6 lines between two body lines is a paragraph break
      if (prev && Math.abs(prev.y - line.y) > Math.max(line.size, prev.size) * 1.6) flush();
      para.push(line.text);
      prev = line;
    }
    flush();
  }
  return blocks;
}

function isHeading(l: Line, body: number): boolean {
  return body > 0 && l.size >= body * HEADING_RATIO && l.text.length <= MAX_HEADING_CHARS && /\p{L}/u.test(l.text);
}

/** Lines of a paragraph joined with spaces; a word hyphenated across lines is rejoined. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, l) => (acc.endsWith("-") && /^\p{Ll}/u.test(l) ? acc.slice(0, -1) + l : acc ? `${acc} ${l}` : l), "");
}

export type PdfLimits = Pick<IngestLimits, "maxPages"> & Partial<Pick<IngestLimits, "maxPdfChars" | "pdfTimeoutMs" | "pdfMemoryMb">>;

const SPLIT = "Please split it into smaller files, or send the pages with the prices and policies customers ask about.";
export const TOO_COMPLEX = `This PDF is too large or complex for me to read. ${SPLIT}`;

type Extracted = { pages: number; items: Array<Array<[string, number, number, boolean]>>; fetches: number };
type WorkerReply =
  | ({ ok: true } & Extracted)
  | { ok: false; code: "password" | "damaged" | "pages" | "chars"; numPages?: number; chars?: number };

const WORKER_URL = new URL("./pdf-extract.worker.mjs", import.meta.url);

/**
 * The text items of every page, extracted in a worker thread with `resourceLimits` (heap
 * `pdfMemoryMb`), terminated after `pdfTimeoutMs`, refused past `maxPdfChars` characters.
 * `fetches` counts network calls pdf.js attempted in the worker (refused there; expected 0).
 */
export function extractPdf(bytes: Uint8Array, limits: PdfLimits): Promise<Extracted> {
  const timeoutMs = limits.pdfTimeoutMs ?? DEFAULT_LIMITS.pdfTimeoutMs;
  const memoryMb = limits.pdfMemoryMb ?? DEFAULT_LIMITS.pdfMemoryMb;
  const maxChars = limits.maxPdfChars ?? DEFAULT_LIMITS.maxPdfChars;
  return new Promise((resolve, reject) => {
    // pdf.js may detach the buffer it is given: the worker gets its own copy
    const worker = new Worker(WORKER_URL, {
      workerData: { bytes: new Uint8Array(bytes), maxPages: limits.maxPages, maxChars },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.ceil(memoryMb / 8)) },
      stdout: true, stderr: true,
    });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => settle(() => reject(new DocumentError(TOO_COMPLEX))), timeoutMs);
    worker.on("message", (m: WorkerReply) => settle(() => (m.ok ? resolve(m) : reject(refusal(m, limits.maxPages, maxChars)))));
    // out of memory (ERR_WORKER_OUT_OF_MEMORY) or anything thrown in the worker
    worker.on("error", (err: Error & { code?: string }) =>
      settle(() => reject(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? new DocumentError(TOO_COMPLEX) : new DocumentError("I couldn't read this PDF — the file looks damaged."))),
    );
    worker.on("exit", () => settle(() => reject(new DocumentError(TOO_COMPLEX))));
  });
}

function refusal(m: Extract<WorkerReply, { ok: false }>, maxPages: number, maxChars: number): DocumentError {
  switch (m.code) {
    case "password":
      return new DocumentError("This PDF is password-protected. Please send a copy without a password.");
    case "pages":
      return new DocumentError(`This PDF has ${m.numPages} pages; the most I can take is ${maxPages}. Please split it.`);
    case "chars":
      return new DocumentError(`This PDF is too large for me to read: it has more than ${maxChars.toLocaleString("en-GB")} characters of text. ${SPLIT}`);
    default:
      return new DocumentError("I couldn't read this PDF — the file looks damaged.");
  }
}

export async function parsePdf(bytes: Uint8Array, limits: PdfLimits): Promise<ParsedDocument> {
  if (!isPdf(bytes)) throw new DocumentError("This file is not a PDF (it does not start with %PDF).");
  const { pages: numPages, items } = await extractPdf(bytes, limits);
  const pages = items.map((page) => linesOf(page.map(([str, y, fontSize, hasEOL]) => ({ str, y, fontSize, hasEOL }))));
  const sections = sectionsFromBlocks(blocksOf(pages));
  if (!sections.length) {
    throw new DocumentError("This PDF has no text I can read — it may be a scan or photos of pages. Please send a text PDF or the text itself.");
  }
  return { sections, skipped: [], pages: numPages };
}

export function isPdf(bytes: Uint8Array): boolean {
  // the header may follow a little junk (the spec allows it within the first 1024 bytes)
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return head.includes("%PDF-");
}
