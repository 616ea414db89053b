// The local creative: a branded promo card drawn with @napi-rs/canvas (Skia, HarfBuzz
// shaping, so Devanagari and Arabic join and order correctly) and encoded as PNG off the
// main thread. Flat brand colours (they also keep the PNG small and fast to encode).
//
//  ┌────────────────────────────────┐
//  │ [logo] Business name        ◯  │  header: name fits 2 lines
//  │ ▬▬                             │  accent bar (secondary)
//  │ Headline (optional)            │  ≤ 2 lines
//  │ THE OFFER, AS LARGE AS IT      │  shrinks to fit its box
//  │ FITS                           │
//  ├────────────────────────────────┤
//  │ Call to action (optional)      │  band in the secondary colour
//  └────────────────────────────────┘
import { createCanvas, loadImage, type Image } from "@napi-rs/canvas";
import { textColourOn, type Brand } from "./brand.js";
import { cardFonts } from "./fonts.js";
import { cleanText, fitText, type FittedText } from "./layout.js";

export interface CardInput {
  businessName: string;
  offer: string;
  headline?: string;
  callToAction?: string;
  brand: Pick<Brand, "primary" | "secondary">;
  /** Logo bytes (PNG, JPEG or WebP), already size-checked. */
  logo?: Uint8Array;
  /** Square side in pixels (default 1080, WhatsApp's recommended width). */
  size?: number;
}

export interface RenderedCard {
  bytes: Buffer;
  mimeType: "image/png";
  width: number;
  height: number;
  /** Some text was cut (it did not fit even at the smallest size). */
  truncated: boolean;
  /** What was left out and why (e.g. an unreadable logo). */
  warnings: string[];
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0900-\u097f]/;

/** Right-to-left when the first strong character is Hebrew or Arabic. */
export function isRtl(text: string): boolean {
  for (const ch of text) {
    if (RTL.test(ch)) return true;
    if (LTR.test(ch)) return false;
  }
  return false;
}

async function decodeLogo(bytes: Uint8Array): Promise<Image | null> {
  try {
    const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return img.width > 0 && img.height > 0 ? img : null;
  } catch {
    return null;
  }
}

export async function renderCard(input: CardInput): Promise<RenderedCard> {
  const S = input.size ?? 1080;
  const u = S / 1080; // layout unit: every figure below is for a 1080 px card
  const fonts = cardFonts();
  const canvas = createCanvas(S, S);
  const ctx = canvas.getContext("2d");
  const warnings: string[] = [];
  let truncated = false;
  const { primary, secondary } = input.brand;
  const ink = textColourOn(primary);
  const measure = (weight: number) => (text: string, size: number) => {
    ctx.font = `${weight} ${size}px ${fonts}`;
    return ctx.measureText(text).width;
  };
  const draw = (fit: FittedText, weight: number, x: number, top: number, width: number, colour: string, text: string) => {
    const rtl = isRtl(text);
    ctx.font = `${weight} ${fit.size}px ${fonts}`;
    ctx.fillStyle = colour;
    ctx.textBaseline = "top";
    ctx.direction = rtl ? "rtl" : "ltr";
    ctx.textAlign = rtl ? "right" : "left";
    fit.lines.forEach((line, i) => ctx.fillText(line, rtl ? x + width : x, top + i * fit.lineAdvance));
    truncated ||= fit.truncated;
  };

  // background, and a circle of the secondary colour cut by the top-right corner
  ctx.fillStyle = primary;
  ctx.fillRect(0, 0, S, S);
  ctx.fillStyle = secondary;
  ctx.beginPath();
  ctx.arc(S * 0.95, S * 0.02, 230 * u, 0, Math.PI * 2);
  ctx.fill();

  const margin = 80 * u;
  const inner = S - 2 * margin;

  // header: logo, then the business name beside it
  let nameX = margin;
  if (input.logo) {
    const logo = await decodeLogo(input.logo);
    if (!logo) warnings.push("the logo could not be read as an image; the card has none");
    else {
      const box = 140 * u;
      const scale = Math.min(box / logo.width, box / logo.height);
      const w = logo.width * scale;
      const h = logo.height * scale;
      ctx.fillStyle = "#ffffff";
      ctx.beginPath();
      ctx.roundRect(margin - 10 * u, margin - 10 * u, box + 20 * u, box + 20 * u, 24 * u);
      ctx.fill();
      ctx.drawImage(logo, margin + (box - w) / 2, margin + (box - h) / 2, w, h);
      nameX = margin + box + 40 * u;
    }
  }
  const name = cleanText(input.businessName);
  const nameWidth = S - nameX - 260 * u; // clear of the corner circle
  const nameFit = fitText(name, measure(700), { maxWidth: nameWidth, maxHeight: 140 * u, maxSize: Math.round(48 * u), minSize: Math.round(26 * u), lineHeight: 1.25, maxLines: 2 });
  draw(nameFit, 700, nameX, margin + (140 * u - nameFit.lines.length * nameFit.lineAdvance) / 2, nameWidth, ink, name);

  // accent bar
  ctx.fillStyle = secondary;
  ctx.fillRect(margin, 270 * u, 120 * u, 12 * u);

  // headline, then the offer in the space left above the band
  let top = 320 * u;
  const headline = input.headline ? cleanText(input.headline) : "";
  if (headline) {
    const fit = fitText(headline, measure(400), { maxWidth: inner, maxHeight: 140 * u, maxSize: Math.round(52 * u), minSize: Math.round(28 * u), lineHeight: 1.3, maxLines: 2 });
    draw(fit, 400, margin, top, inner, ink, headline);
    top += fit.lines.length * fit.lineAdvance + 30 * u;
  }
  const cta = input.callToAction ? cleanText(input.callToAction) : "";
  const bandTop = cta ? S - 190 * u : S - 36 * u;
  const offer = cleanText(input.offer);
  const offerFit = fitText(offer, measure(700), { maxWidth: inner, maxHeight: bandTop - 50 * u - top, maxSize: Math.round(124 * u), minSize: Math.round(34 * u), lineHeight: 1.2 });
  draw(offerFit, 700, margin, top, inner, ink, offer);

  // the band, with the call to action
  ctx.fillStyle = secondary;
  ctx.fillRect(0, bandTop, S, S - bandTop);
  if (cta) {
    const fit = fitText(cta, measure(700), { maxWidth: inner, maxHeight: 120 * u, maxSize: Math.round(58 * u), minSize: Math.round(28 * u), lineHeight: 1.2, maxLines: 2 });
    draw(fit, 700, margin, bandTop + (S - bandTop - fit.lines.length * fit.lineAdvance) / 2, inner, textColourOn(secondary), cta);
  }

  const bytes = await canvas.encode("png");
  return { bytes, mimeType: "image/png", width: S, height: S, truncated, warnings };
}

