import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { detectDelimiter, parseFaqCsv } from "./csv.js";
import { entryDrafts, splitContent } from "./entries.js";
import { detectKind, DocumentError, parseDocument, unsupportedReason, DEFAULT_LIMITS } from "./index.js";
import PDFDocument from "pdfkit";
import { extractPdf, parsePdf, TOO_COMPLEX } from "./pdf.js";
import { markdownBlocks, parseText } from "./text.js";

const fixture = (name: string) => new Uint8Array(readFileSync(resolve(import.meta.dirname, "../../test/fixtures/ingest", name)));
const bytes = (s: string) => new TextEncoder().encode(s);

describe("FAQ CSV", () => {
  it("reads a header, quoted multi-line answers and a category column as tags", () => {
    const doc = parseFaqCsv(fixture("faq.csv"), DEFAULT_LIMITS);
    expect(doc.rows).toBe(5);
    expect(doc.skipped).toEqual([]);
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Do you take walk-ins?", "How do I pay?", "Is there parking nearby?", "Do you do bridal hair?", "What is your refund policy?",
    ]);
    const parking = doc.sections[2]!;
    expect(parking.content).toBe("Yes — the Harbour car park is two minutes away and costs £2 an hour.\nStreet parking on Quay Road is free after 6pm.");
    expect(parking.tags).toEqual(["location"]);
    expect(doc.sections[1]!.content).toBe("We take cash, all major cards, Apple Pay and Google Pay.");
  });

  it("reads Excel's export: BOM, semicolons, CRLF, non-English header names", () => {
    const doc = parseFaqCsv(fixture("faq-excel-semicolon.csv"), DEFAULT_LIMITS);
    expect(doc.sections).toEqual([
      { heading: "Is the studio wheelchair accessible?", content: "Yes, there is step-free access and an accessible toilet.", tags: [] },
      { heading: "Can I bring my dog?", content: "Well-behaved dogs are welcome; we keep water bowls by the door.", tags: [] },
    ]);
  });

  it("takes question, answer as the first two columns when there is no header", () => {
    const doc = parseFaqCsv(fixture("faq-no-header.csv"), DEFAULT_LIMITS);
    expect(doc.sections.map((s) => s.heading)).toEqual(["Do you have wifi?", "Are children welcome?"]);
    expect(doc.sections[0]!.content).toContain("GlowGuest");
  });

  it("skips bad rows with a reason naming the row, and keeps the good ones", () => {
    const doc = parseFaqCsv(fixture("faq-bad-rows.csv"), DEFAULT_LIMITS);
    expect(doc.sections.map((s) => s.heading)).toEqual(["What time do you open?", "Do you offer student discount?"]);
    expect(doc.skipped).toEqual(["row 3: the answer to “Do you sell shampoo?” is empty", "row 4: the question is empty"]);
  });

  it("refuses a file with no usable row, listing why", () => {
    const err = catchSync(() => parseFaqCsv(bytes("question,answer\nHello?,\n,Bye\n"), DEFAULT_LIMITS));
    expect(err).toBeInstanceOf(DocumentError);
    expect(err.message).toMatch(/no usable rows/);
    expect(err.details).toEqual(["row 2: the answer to “Hello?” is empty", "row 3: the question is empty"]);
  });

  it("explains a broken quote with the line it is on", () => {
    const err = catchSync(() => parseFaqCsv(fixture("faq-broken-quote.csv"), DEFAULT_LIMITS));
    expect(err).toBeInstanceOf(DocumentError);
    expect(err.message).toMatch(/could not be read.*quote/i);
  });

  it("enforces the row limit and refuses one-column files", () => {
    const many = "q,a\n" + Array.from({ length: 12 }, (_, i) => `Question ${i}?,Answer ${i}.`).join("\n");
    expect(() => parseFaqCsv(bytes(many), { maxRows: 10 })).toThrow(/12 rows; the most I can take is 10/);
    expect(() => parseFaqCsv(bytes("just one column\nanother\n"), DEFAULT_LIMITS)).toThrow(/one column/);
    expect(() => parseFaqCsv(bytes("\n\n"), DEFAULT_LIMITS)).toThrow(/empty/);
  });

  it("detects the delimiter outside quotes on the first line", () => {
    expect(detectDelimiter('"a,b";c;d\n1,2')).toBe(";");
    expect(detectDelimiter("q\ta\n")).toBe("\t");
    expect(detectDelimiter("question,answer")).toBe(",");
  });

  it("decodes a Windows-1252 export (not valid UTF-8)", () => {
    const latin = Uint8Array.from([...bytes("q,a\nHow much is a caf"), 0xe9, ...bytes("?,\"\xa33\"\n".replace("\xa3", ""))]);
    const doc = parseFaqCsv(latin, DEFAULT_LIMITS);
    expect(doc.sections[0]!.heading).toBe("How much is a café?");
  });
});

describe("text and markdown", () => {
  it("splits at ATX and setext headings, keeping the parent heading in the title", () => {
    const doc = parseText(fixture("policies.md"));
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Salon policies", "Salon policies › Late arrivals", "Salon policies › Deposits", "Salon policies › Patch tests",
    ]);
    expect(doc.sections[2]!.content).toBe("Treatments over £100 need a 20% deposit when you book. The deposit is refunded if you\ncancel at least 48 hours before.");
  });

  it("keeps text with no headings as one section and ignores headings inside code fences", () => {
    expect(parseText(bytes("We are open 9 to 5.\n\nClosed on Sundays.")).sections).toEqual([
      { heading: null, content: "We are open 9 to 5.\n\nClosed on Sundays.", tags: [] },
    ]);
    const blocks = markdownBlocks("```\n# not a heading\n```\n# Real");
    expect(blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual(["Real"]);
  });

  it("refuses empty and binary text", () => {
    expect(() => parseText(bytes("  \n\n "))).toThrow(/empty/);
    expect(() => parseText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/binary/);
  });
});

describe("PDF (unpdf, offline)", () => {
  it("extracts the text of every page and uses larger fonts as headings", async () => {
    const doc = await parsePdf(fixture("price-list.pdf"), DEFAULT_LIMITS);
    expect(doc.pages).toBe(2);
    expect(doc.sections.map((s) => s.heading)).toEqual([
      "Glow Studio Price List 2026", "Glow Studio Price List 2026 › Hair", "Glow Studio Price List 2026 › Nails",
      "Glow Studio Price List 2026 › Facials", "Glow Studio Price List 2026 › Cancellations",
    ]);
    const hair = doc.sections[1]!.content;
    expect(hair).toContain("Women's cut and blow-dry costs £48.");
    expect(hair.split("\n\n")).toHaveLength(2);
    expect(doc.sections[3]!.content).toMatch(/signature hydrating facial costs £65 and lasts 60 minutes\. The express glow facial is £40/);
  });

  it("never touches the network (pdf.js runs in a worker thread whose fetch refuses and counts)", async () => {
    const realFetch = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (() => {
      calls++;
      throw new Error("no network in this test");
    }) as typeof fetch;
    try {
      const extracted = await extractPdf(fixture("price-list.pdf"), DEFAULT_LIMITS);
      expect(extracted.pages).toBe(2);
      expect(extracted.fetches).toBe(0);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(calls).toBe(0);
  });

  it("says why a PDF cannot be read: a scan, a password, damage, not a PDF, too many pages", async () => {
    await expect(parsePdf(fixture("scanned.pdf"), DEFAULT_LIMITS)).rejects.toThrow(/no text I can read.*scan/);
    await expect(parsePdf(fixture("locked.pdf"), DEFAULT_LIMITS)).rejects.toThrow(/password-protected/);
    const damaged = fixture("price-list.pdf").slice(0, 300);
    await expect(parsePdf(damaged, DEFAULT_LIMITS)).rejects.toBeInstanceOf(DocumentError);
    await expect(parsePdf(bytes("hello"), DEFAULT_LIMITS)).rejects.toThrow(/not a PDF/);
    await expect(parsePdf(fixture("price-list.pdf"), { maxPages: 1 })).rejects.toThrow(/2 pages; the most I can take is 1/);
  });
});

describe("entries", () => {
  it("titles entries '<doc>: <heading>' and merges questions that share one answer", () => {
    const drafts = entryDrafts("faq.csv", [
      { heading: "Do you take cards?", content: "Yes.", tags: ["payment"] },
      { heading: "Can I pay by card?", content: "Yes.", tags: ["cards"] },
      { heading: null, content: "Intro text.", tags: [] },
    ], 4000);
    expect(drafts).toEqual([
      { title: "faq.csv: Do you take cards? / Can I pay by card?", content: "Yes.", tags: ["payment", "cards"] },
      { title: "faq.csv", content: "Intro text.", tags: [] },
    ]);
  });

  it("splits long sections into numbered parts on paragraph and sentence boundaries", () => {
    const para = "This sentence is exactly forty chars ok. ".repeat(5).trim();
    const parts = splitContent([para, para, para].join("\n\n"), 450);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 450)).toBe(true);
    const drafts = entryDrafts("doc", [{ heading: "Long", content: [para, para, para].join("\n\n"), tags: [] }], 450);
    expect(drafts.map((d) => d.title)).toEqual(["doc: Long (1/2)", "doc: Long (2/2)"]);
  });
});

describe("parseDocument and detection", () => {
  it("checks size first and routes by kind", async () => {
    await expect(parseDocument({ name: "x", kind: "text", bytes: new Uint8Array() })).rejects.toThrow(/empty/);
    await expect(parseDocument({ name: "x", kind: "text", bytes: bytes("a".repeat(2000)) }, { ...DEFAULT_LIMITS, maxBytes: 1024 })).rejects.toThrow(
      /2 KB; the most I can take is 1 KB/,
    );
    const faq = await parseDocument({ name: "faq.csv", kind: "csv", bytes: fixture("faq.csv") });
    expect(faq.entries[0]).toEqual({ title: "faq.csv: Do you take walk-ins?", content: "Yes, when a chair is free. Booking ahead is safer on Saturdays.", tags: ["booking"] });
  });

  it("detects kinds from names, MIME types and magic bytes", () => {
    expect(detectKind({ filename: "Prices.PDF" })).toBe("pdf");
    expect(detectKind({ filename: "scan", mimeType: "application/octet-stream", bytes: fixture("price-list.pdf") })).toBe("pdf");
    expect(detectKind({ filename: "faq.csv", mimeType: "application/vnd.ms-excel" })).toBe("csv");
    expect(detectKind({ mimeType: "text/csv; charset=utf-8" })).toBe("csv");
    expect(detectKind({ filename: "notes.md" })).toBe("text");
    expect(detectKind({ filename: "menu.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" })).toBeNull();
    expect(unsupportedReason({ filename: "menu.docx" })).toMatch(/can't read \.docx files.*save it as a PDF/);
    expect(unsupportedReason({ filename: "faq.xlsx" })).toMatch(/export the sheet as CSV/);
  });
});

function catchSync(f: () => unknown): DocumentError {
  try {
    f();
  } catch (err) {
    return err as DocumentError;
  }
  throw new Error("expected an error");
}

/** A real PDF (pdfkit) of `pages` pages of body text: big enough to be slow and heavy to parse. */
async function bigPdf(pages: number): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: new Date("2026-01-05T10:00:00Z") } });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((ok) => doc.on("end", () => ok()));
  doc.on("data", (c: Buffer) => chunks.push(c));
  const line = "Our treatments are priced per person and include a consultation before every appointment. ";
  for (let i = 0; i < pages; i++) doc.addPage().font("Helvetica").fontSize(11).text(`Page ${i + 1}. ${line.repeat(25)}`);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe("PDF isolation: a worker thread with a deadline, a heap cap and a text cap", () => {
  let big: Uint8Array;
  const roomy = { ...DEFAULT_LIMITS, maxPages: 10_000 };
  it("reads a big PDF within the limits", async () => {
    big = await bigPdf(400);
    const doc = await parsePdf(big, roomy);
    expect(doc.pages).toBe(400);
    expect(doc.sections.map((s) => s.content).join(" ")).toContain("Page 400.");
  }, 60_000);

  it("refuses a PDF whose text passes the character cap, without reading every page", async () => {
    const started = Date.now();
    await expect(parsePdf(big, { ...roomy, maxPdfChars: 20_000 })).rejects.toThrow(
      /^This PDF is too large for me to read: it has more than 20,000 characters of text\. Please split it/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it("stops a parse that runs past its deadline, with a sentence, and the process carries on", async () => {
    const started = Date.now();
    let ticks = 0;
    const tick = setInterval(() => ticks++, 10);
    try {
      await expect(parsePdf(big, { ...roomy, pdfTimeoutMs: 300 })).rejects.toThrow(TOO_COMPLEX);
    } finally {
      clearInterval(tick);
    }
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(3_000);
    // the parse ran on another thread: this one kept its timers going throughout
    expect(ticks).toBeGreaterThan(10);
    await expect(parsePdf(big, { ...roomy, pdfTimeoutMs: 300 })).rejects.toBeInstanceOf(DocumentError);
  }, 30_000);

  it("refuses a PDF that needs more memory than the worker's heap cap, instead of crashing", async () => {
    await expect(parsePdf(big, { ...roomy, pdfMemoryMb: 2 })).rejects.toThrow(TOO_COMPLEX);
    // the same file with the default cap still reads: the limit, not the file, refused it
    expect((await parsePdf(fixture("price-list.pdf"), DEFAULT_LIMITS)).pages).toBe(2);
  }, 30_000);
});
