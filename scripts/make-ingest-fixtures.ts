// Writes the PDF fixtures of the ingestion tests (test/fixtures/ingest/*.pdf) with pdfkit,
// a real PDF writer: `npx tsx scripts/make-ingest-fixtures.ts`. Output is deterministic
// (fixed dates, no random ids) so re-running it changes nothing. The CSV and text
// fixtures next to them are hand-written files, as owners would export them.
import { createWriteStream } from "node:fs";
import { join, resolve } from "node:path";
import PDFDocument from "pdfkit";

const OUT = resolve(import.meta.dirname, "../test/fixtures/ingest");
const FIXED = new Date("2026-01-05T10:00:00Z");

function write(name: string, build: (doc: PDFKit.PDFDocument) => void, opts: PDFKit.PDFDocumentOptions = {}): Promise<void> {
  const doc = new PDFDocument({ info: { Title: name, Author: "Glow Studio", CreationDate: FIXED, ModDate: FIXED }, ...opts });
  const done = new Promise<void>((ok, fail) => {
    const out = createWriteStream(join(OUT, name));
    out.on("finish", ok).on("error", fail);
    doc.pipe(out);
  });
  build(doc);
  doc.end();
  return done;
}

const h1 = (d: PDFKit.PDFDocument, t: string) => d.font("Helvetica-Bold").fontSize(22).text(t).moveDown(0.5);
const h2 = (d: PDFKit.PDFDocument, t: string) => d.font("Helvetica-Bold").fontSize(15).text(t).moveDown(0.3);
const p = (d: PDFKit.PDFDocument, t: string) => d.font("Helvetica").fontSize(11).text(t).moveDown(0.8);

await write("price-list.pdf", (d) => {
  h1(d, "Glow Studio Price List 2026");
  p(d, "All prices include VAT. Prices are per person and valid from January 2026.");
  h2(d, "Hair");
  p(d, "Women's cut and blow-dry costs £48. Men's cut costs £27. Children under 12 pay £16.");
  p(d, "Full head of highlights starts at £95, half head at £70. A toner is included with every colour service.");
  h2(d, "Nails");
  p(d, "A gel manicure costs £32 and takes about 45 minutes. Gel removal on its own is £10.");
  d.addPage();
  h2(d, "Facials");
  p(d, "The signature hydrating facial costs £65 and lasts 60 minutes. The express glow facial is £40 for 30 minutes, ideal before an event.");
  h2(d, "Cancellations");
  p(d, "Please give us 24 hours' notice to cancel or move an appointment. Late cancellations are charged at half the treatment price.");
});

// Vector drawing only (like a scan): no text layer at all.
await write("scanned.pdf", (d) => {
  d.rect(72, 72, 300, 200).fill("#888888");
  d.circle(300, 500, 80).fill("#444444");
});

// Opening needs a password (RC4/AES encryption with a user password).
await write("locked.pdf", (d) => {
  h1(d, "Staff rota");
  p(d, "Confidential.");
}, { userPassword: "s3cret", ownerPassword: "0wner" });

console.log(`wrote PDF fixtures to ${OUT}`);
