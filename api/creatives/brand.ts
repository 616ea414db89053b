// A business's brand as creatives use it: Tenant.settings.brand = {primary, secondary,
// logoUrl?}. Read leniently — a bad value falls back to its default, never a crash — and
// validated strictly where an owner sets it (`brandSchema`).
import { z } from "zod";

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** "#abc" or "#aabbcc", normalized to lower-case "#aabbcc". */
export const hexColour = z
  .string()
  .trim()
  .regex(HEX, "must be a hex colour such as #7c3aed")
  .transform((v) => normalizeHex(v));

export const brandSchema = z.object({
  primary: hexColour.optional(),
  secondary: hexColour.optional(),
  /** An https URL of the logo (PNG, JPEG or WebP; fetched with a size cap, see logo.ts). */
  logoUrl: z.url({ protocol: /^https$/ }).max(2048).optional(),
});
export type BrandSettings = z.infer<typeof brandSchema>;

export interface Brand {
  primary: string;
  secondary: string;
  logoUrl?: string;
}

export const DEFAULT_BRAND: Readonly<Brand> = Object.freeze({ primary: "#4338ca", secondary: "#f59e0b" });

export function normalizeHex(v: string): string {
  const h = v.trim().toLowerCase();
  return h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h;
}

/** The brand from a tenant's settings JSON: each field that is missing or invalid takes its default. */
export function brandFromSettings(settings: unknown): Brand {
  const raw = settings && typeof settings === "object" ? (settings as { brand?: unknown }).brand : undefined;
  const obj = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const field = <K extends keyof BrandSettings>(key: K): BrandSettings[K] | undefined => {
    const parsed = brandSchema.shape[key].safeParse(obj[key]);
    return parsed.success ? (parsed.data as BrandSettings[K]) : undefined;
  };
  const logoUrl = field("logoUrl");
  return {
    primary: field("primary") ?? DEFAULT_BRAND.primary,
    secondary: field("secondary") ?? DEFAULT_BRAND.secondary,
    ...(logoUrl ? { logoUrl } : {}),
  };
}

/** [r, g, b] of a normalized "#rrggbb". */
export function rgb(hex: string): [number, number, number] {
  const h = normalizeHex(hex);
  return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
}

/** WCAG relative luminance, 0 (black) … 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function textColourOn(background: string): string {
  return contrastRatio("#ffffff", background) >= contrastRatio("#111827", background) ? "#ffffff" : "#111827";
}
