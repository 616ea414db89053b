// Render time and size of the local card: `npx tsx api/creatives/bench.ts`.
// Sequential renders after one warm-up (fonts registered), p50/p95 of wall time per card.
import { cpus } from "node:os";
import { createCanvas } from "@napi-rs/canvas";
import { renderCard, type CardInput } from "./render.js";

const brand = { primary: "#7c3aed", secondary: "#f472b6" };
const logoCanvas = createCanvas(300, 200);
const g = logoCanvas.getContext("2d");
g.fillStyle = "#16a34a";
g.fillRect(0, 0, 300, 200);
const logo = await logoCanvas.encode("png");

const cases: Record<string, CardInput> = {
  "short offer + CTA": { businessName: "Glow Studio", offer: "20% off facials — this Friday", callToAction: "Reply BOOK to grab a slot", brand },
  "with logo + headline": { businessName: "Glow Studio", headline: "This Friday only", offer: "20% off facials", callToAction: "Reply BOOK", brand, logo },
  "600-char offer": { businessName: "Glow Studio", offer: "Get 20% off every facial, massage, manicure and pedicure booked this weekend, plus a free consultation. ".repeat(6).slice(0, 600), brand },
  Hindi: { businessName: "ग्लो स्टूडियो", offer: "फेशियल पर २०% छूट — इस शुक्रवार", callToAction: "बुक करने के लिए जवाब दें", brand },
  Arabic: { businessName: "استوديو جلو", offer: "خصم ٢٠٪ على جميع جلسات العناية بالبشرة يوم الجمعة", callToAction: "احجز الآن", brand },
};

const runs = Number(process.argv[2] ?? 21);
await renderCard(cases["short offer + CTA"]!);
console.log(`${cpus()[0]?.model ?? "?"} × ${cpus().length}, Node ${process.version}, ${runs} runs each`);
for (const [name, input] of Object.entries(cases)) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const card = await renderCard(input);
    times.push(performance.now() - t);
    bytes = card.bytes.length;
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
  console.log(`${name.padEnd(22)} p50 ${q(0.5).padStart(4)} ms   p95 ${q(0.95).padStart(4)} ms   ${(bytes / 1024).toFixed(0).padStart(4)} KB`);
}
