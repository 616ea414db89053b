// The PDF text extraction of knowledge/ingest/pdf.ts, run in a worker_threads Worker with a
// heap cap (resourceLimits) and a deadline set by the parent, so a huge or pathological PDF
// costs this thread, never the process. Plain JavaScript on purpose: a worker thread does
// not inherit vitest's or tsx's TypeScript loader, and this file must load under both and
// under plain node. It only extracts (unpdf); lines, headings and sections are built by the
// parent from what it posts back: {ok: true, pages, items: [[str, y, fontSize, hasEOL], …][],
// fetches} or {ok: false, code: "password" | "damaged" | "pages" | "chars", numPages?, chars?}.
import { parentPort, workerData } from "node:worker_threads";
import { getDocumentProxy } from "unpdf";

// pdf.js must fetch nothing (no worker, font or cMap): any attempt is refused and counted
let fetches = 0;
globalThis.fetch = () => {
  fetches++;
  return Promise.reject(new Error("no network for the PDF parser"));
};

const { bytes, maxPages, maxChars } = workerData;

async function run() {
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, { isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  } catch (err) {
    return { ok: false, code: err?.name === "PasswordException" ? "password" : "damaged" };
  }
  try {
    if (pdf.numPages > maxPages) return { ok: false, code: "pages", numPages: pdf.numPages };
    // page by page (what unpdf's extractTextItems does), stopping once the text is too long
    const pages = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items = [];
      for (const it of content.items) {
        if (it.str == null) continue;
        chars += it.str.length;
        items.push([it.str, it.transform[5], Math.hypot(it.transform[2], it.transform[3]), Boolean(it.hasEOL)]);
      }
      page.cleanup();
      if (chars > maxChars) return { ok: false, code: "chars", chars };
      pages.push(items);
    }
    return { ok: true, pages: pdf.numPages, items: pages, fetches };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

parentPort.postMessage(await run());
