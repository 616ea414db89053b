import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { isRtl, renderCard } from "./render.js";
import { pixels, pngSize } from "./testing/png.js";
import { WHATSAPP_IMAGE_MAX_BYTES } from "./service.js";

const brand = { primary: "#7c3aed", secondary: "#f472b6" };

async function greenLogo(): Promise<Buffer> {
  const c = createCanvas(300, 200);
  const g = c.getContext("2d");
  g.fillStyle = "#16a34a";
  g.fillRect(0, 0, 300, 200);
  return c.encode("png");
}

describe("local card renderer", () => {
  it("produces a 1080×1080 PNG well under WhatsApp's 5 MB", async () => {
    const card = await renderCard({ businessName: "Glow Studio", offer: "20% off facials — this Friday", callToAction: "Reply BOOK", brand });
    expect(card.mimeType).toBe("image/png");
    expect(pngSize(card.bytes)).toEqual([1080, 1080]);
    expect(card.bytes.length).toBeLessThan(WHATSAPP_IMAGE_MAX_BYTES);
    expect(card.truncated).toBe(false);
    expect(card.warnings).toEqual([]);
  });

  it("paints the brand colours: primary background, secondary circle and call-to-action band", async () => {
    const card = await renderCard({ businessName: "Glow Studio", offer: "20% off", callToAction: "Book now", brand: { primary: "#0f766e", secondary: "#facc15" } });
    const at = await pixels(card.bytes);
    expect(at(20, 600)).toBe("#0f766e"); // left margin, mid-height
    expect(at(1075, 5)).toBe("#facc15"); // inside the corner circle
    expect(at(1070, 1070)).toBe("#facc15"); // band, right of any text
  });

  it("draws the logo, and leaves out (with a warning) bytes that are not an image", async () => {
    const withLogo = await renderCard({ businessName: "Glow", offer: "20% off", brand, logo: await greenLogo() });
    expect((await pixels(withLogo.bytes))(150, 150)).toBe("#16a34a");
    const broken = await renderCard({ businessName: "Glow", offer: "20% off", brand, logo: Buffer.from("not an image at all") });
    expect(broken.warnings.join()).toMatch(/logo could not be read/);
    expect((await pixels(broken.bytes))(150, 150)).not.toBe("#16a34a");
  });

  it("fits a very long offer by shrinking and, past the smallest size, cutting with an ellipsis", async () => {
    const long = await renderCard({ businessName: "A business with a name far too long to fit on one line of the card header at all", offer: "Get 20% off every facial, massage and manicure booked this weekend, plus a free consultation. ".repeat(3), brand });
    expect(long.truncated).toBe(false);
    const huge = await renderCard({ businessName: "Glow", offer: "discount ".repeat(400), brand });
    expect(huge.truncated).toBe(true);
    expect(pngSize(huge.bytes)).toEqual([1080, 1080]);
    // the band stays clear: nothing drawn over it
    expect((await pixels(huge.bytes))(540, 1070)).toBe(brand.secondary);
  });

  it("renders Hindi and Arabic (shaped by HarfBuzz), drawing text in the offer area", async () => {
    for (const offer of ["फेशियल पर २०% छूट — इस शुक्रवार", "خصم ٢٠٪ على جميع جلسات العناية بالبشرة يوم الجمعة"]) {
      const card = await renderCard({ businessName: "ग्लो स्टूडियो", offer, callToAction: "احجز الآن", brand });
      expect(pngSize(card.bytes)).toEqual([1080, 1080]);
      const at = await pixels(card.bytes);
      let ink = 0;
      for (let y = 330; y < 600; y += 6) for (let x = 80; x < 1000; x += 6) if (at(x, y) !== brand.primary) ink++;
      expect(ink).toBeGreaterThan(100);
    }
    expect(isRtl("خصم ٢٠٪")).toBe(true);
    expect(isRtl("20% off خصم")).toBe(false);
  });
});
