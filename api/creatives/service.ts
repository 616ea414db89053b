// CreativeService: one image per call, for a campaign. An AI image when a generator is
// configured (OpenAI, else Gemini), otherwise — and whenever the provider fails (429, 5xx,
// content policy, a bad answer) — the local branded card, with the reason in `fallback`.
// Never a fake image. Stored in the Creative table and served at /creatives/<token>.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { estimateImageCostMicros } from "../../agent/pricing.js";
import { AppError, NotFoundError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { brandFromSettings, hexColour, type Brand } from "./brand.js";
import { checkLogoBytes, DEFAULT_LOGO_LIMITS, fetchLogo, LogoError, type LogoFetchOptions } from "./logo.js";
import { ImageProviderError, type GeneratedImage, type ImageFailure, type ImageGenerator, type ImageProviderName } from "./providers/types.js";
import { renderCard } from "./render.js";
import type { CreativeRepo, CreativeRow, ServedCreative } from "./repo.js";

/** WhatsApp Cloud API's limit for an image message (JPEG or PNG): "5 MB", read as 5,000,000 bytes to be safe. */
export const WHATSAPP_IMAGE_MAX_BYTES = 5_000_000;

export const creativeInputSchema = z.object({
  /** The offer, e.g. "20% off facials — this Friday". */
  offer: z.string().trim().min(1, "say what the offer is").max(600),
  headline: z.string().trim().max(160).optional(),
  callToAction: z.string().trim().max(80).optional(),
  businessName: z.string().trim().min(1).max(120),
  /** Overrides of the tenant's brand colours. */
  colours: z.object({ primary: hexColour.optional(), secondary: hexColour.optional() }).optional(),
  /** https URL of a logo (else the brand's logoUrl); fetched with a size cap, private hosts refused. */
  logoUrl: z.string().trim().max(2048).optional(),
  /** Logo bytes (PNG, JPEG or WebP), instead of a URL. */
  logo: z.instanceof(Uint8Array).optional(),
  /** A few words of style for an AI image ("festive, Diwali lights"). */
  style: z.string().trim().max(200).optional(),
  /** The whole AI prompt, instead of the one built from the fields above. */
  prompt: z.string().trim().max(4000).optional(),
  /** `local`: the branded card even when an AI provider is configured (no cost). */
  provider: z.enum(["auto", "local"]).default("auto"),
});
export type CreativeInput = z.input<typeof creativeInputSchema>;

export interface CreativeCost {
  provider: ImageProviderName | "local";
  /** The image model, null for the local card. */
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Estimated cost in micro-USD (agent/pricing.ts); 0 for the local card and for failed calls. */
  costMicros: number;
  /** False when the model is not in the price table. */
  known: boolean;
}

export interface CreativeView {
  id: string;
  /** Absolute URL WhatsApp can fetch; null when PUBLIC_BASE_URL is not set. */
  url: string | null;
  /** The path on this server (/creatives/<token>.<ext>). */
  path: string;
  width: number;
  height: number;
  mimeType: string;
  sha256: string;
  kind: "generated" | "rendered";
  provider: ImageProviderName | "local";
  createdAt: Date;
}

export interface CreativeResult extends CreativeView {
  byteSize: number;
  /** The AI provider failed and the local card was made instead. */
  fallback?: { from: ImageProviderName; reason: ImageFailure; message: string };
  cost: CreativeCost;
  /** Things left out (an unusable logo, text cut to fit, no PUBLIC_BASE_URL). */
  warnings: string[];
}

export interface CreativeServiceDeps {
  repo: CreativeRepo;
  /** The tenant's settings JSON (brand in `brand`); throws NotFoundError for an unknown tenant. */
  settings(tenantId: string): Promise<unknown>;
  /** The AI generator, or null: the local card only. */
  generator: ImageGenerator | null;
  publicBaseUrl?: string | undefined;
  logger: Logger;
  maxBytes?: number;
  logo?: LogoFetchOptions;
}

const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg" };

/** 24 random bytes (192 bits) as 32 URL-safe characters. */
export function newToken(): string {
  return randomBytes(24).toString("base64url");
}

export function isToken(s: string): boolean {
  return TOKEN.test(s);
}

export function creativePath(token: string, mimeType: string): string {
  return `/creatives/${token}.${EXT[mimeType] ?? "png"}`;
}

/** The absolute URL of a creative from PUBLIC_BASE_URL (null without one: WhatsApp needs a public https URL). */
export function creativeUrl(publicBaseUrl: string | undefined, token: string, mimeType: string): string | null {
  return publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, "")}${creativePath(token, mimeType)}` : null;
}

export function aiPrompt(i: z.output<typeof creativeInputSchema>, brand: Brand): string {
  if (i.prompt) return i.prompt;
  return [
    `A square promotional image for social media and WhatsApp, for "${i.businessName}", a small local business.`,
    `The offer: ${i.offer}.`,
    i.headline ? `Headline: ${i.headline}.` : "",
    i.callToAction ? `Call to action: ${i.callToAction}.` : "",
    `Use the brand colours ${brand.primary} and ${brand.secondary}.`,
    i.style ? `Style: ${i.style}.` : "Style: clean, modern, bright and professional.",
    "Show the offer as short, legible text spelled exactly as given; no other words, no logos, no watermarks.",
  ].filter(Boolean).join(" ");
}

export class CreativeService {
  private readonly maxBytes: number;

  constructor(private readonly d: CreativeServiceDeps) {
    this.maxBytes = d.maxBytes ?? WHATSAPP_IMAGE_MAX_BYTES;
  }

  /** Which provider `create` tries first: "openai" | "gemini" | "local". */
  get provider(): ImageProviderName | "local" {
    return this.d.generator?.provider ?? "local";
  }

  async create(tenantId: string, raw: CreativeInput, signal?: AbortSignal): Promise<CreativeResult> {
    if (!tenantId) throw new AppError("bad_request", "a tenant is required");
    const parsed = creativeInputSchema.safeParse(raw);
    if (!parsed.success) throw new AppError("bad_request", `the creative request is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    const input = parsed.data;
    const settingsBrand = brandFromSettings(await this.d.settings(tenantId));
    const brand: Brand = { ...settingsBrand, ...(input.colours?.primary ? { primary: input.colours.primary } : {}), ...(input.colours?.secondary ? { secondary: input.colours.secondary } : {}) };
    const log = this.d.logger.child({ tenantId, component: "creatives" });
    const warnings: string[] = [];

    let generated: GeneratedImage | null = null;
    let fallback: CreativeResult["fallback"];
    const prompt = aiPrompt(input, brand);
    const generator = input.provider === "local" ? null : this.d.generator;
    if (generator) {
      try {
        generated = await generator.generate({ prompt, ...(signal ? { signal } : {}) });
      } catch (err) {
        if (signal?.aborted) throw err; // the caller gave up: no card either
        const e = err instanceof ImageProviderError ? err : new ImageProviderError(generator.provider, "unavailable", "image generation failed", undefined, { cause: err });
        fallback = { from: e.provider, reason: e.reason, message: e.message };
        log.warn({ provider: e.provider, reason: e.reason, status: e.httpStatus }, "image generation failed; rendering the local card");
      }
    }

    let image: { bytes: Buffer; mimeType: string; width: number; height: number };
    let cost: CreativeCost;
    if (generated) {
      image = generated;
      const usage = generated.usage;
      const { costMicros, known } = estimateImageCostMicros(generated.model, usage);
      cost = { provider: generator!.provider, model: generated.model, inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0, costMicros, known };
    } else {
      const logo = await this.logo(input, brand, warnings);
      const card = await renderCard({
        businessName: input.businessName, offer: input.offer, brand,
        ...(input.headline ? { headline: input.headline } : {}),
        ...(input.callToAction ? { callToAction: input.callToAction } : {}),
        ...(logo ? { logo } : {}),
      });
      warnings.push(...card.warnings);
      if (card.truncated) warnings.push("the text was too long for the card and was shortened");
      image = card;
      cost = { provider: "local", model: null, inputTokens: 0, outputTokens: 0, costMicros: 0, known: true };
    }
    if (image.bytes.length > this.maxBytes) throw new AppError("internal", `the image is larger than ${this.maxBytes} bytes`);

    const row = await this.d.repo.create(tenantId, {
      kind: generated ? "generated" : "rendered",
      provider: generated ? generator!.provider : "local",
      prompt: generated ? prompt : null,
      mimeType: image.mimeType, width: image.width, height: image.height, bytes: image.bytes,
      sha256: createHash("sha256").update(image.bytes).digest("hex"),
      token: newToken(),
    });
    if (!this.d.publicBaseUrl) warnings.push("PUBLIC_BASE_URL is not set, so the image has no public URL WhatsApp can fetch");
    return { ...this.view(row), byteSize: image.bytes.length, ...(fallback ? { fallback } : {}), cost, warnings };
  }

  /** A creative of this tenant (null for another tenant's id or an unknown one). */
  async get(tenantId: string, id: string): Promise<CreativeView | null> {
    if (!tenantId) throw new AppError("bad_request", "a tenant is required");
    if (!UUID.test(id)) return null;
    const row = await this.d.repo.get(tenantId, id);
    return row ? this.view(row) : null;
  }

  /** A creative's bytes, within its tenant (e.g. to upload it to a provider's media API). */
  async bytes(tenantId: string, id: string): Promise<ServedCreative> {
    if (!tenantId) throw new AppError("bad_request", "a tenant is required");
    const found = UUID.test(id) ? await this.d.repo.bytes(tenantId, id) : null;
    if (!found) throw new NotFoundError("creative");
    return found;
  }

  private view(row: CreativeRow): CreativeView {
    return {
      id: row.id, url: creativeUrl(this.d.publicBaseUrl, row.token, row.mimeType), path: creativePath(row.token, row.mimeType),
      width: row.width, height: row.height, mimeType: row.mimeType, sha256: row.sha256, kind: row.kind, provider: row.provider, createdAt: row.createdAt,
    };
  }

  /** The logo to draw: given bytes, else the given URL, else the brand's; unusable → a warning, no logo. */
  private async logo(input: z.output<typeof creativeInputSchema>, brand: Brand, warnings: string[]): Promise<Buffer | undefined> {
    const limits = this.d.logo ?? DEFAULT_LOGO_LIMITS;
    try {
      if (input.logo) return checkLogoBytes(input.logo, limits.maxBytes).bytes;
      const url = input.logoUrl ?? brand.logoUrl;
      if (url) return (await fetchLogo(url, limits)).bytes;
    } catch (err) {
      if (!(err instanceof LogoError)) throw err;
      warnings.push(`${err.message}; the card has no logo`);
    }
    return undefined;
  }
}
