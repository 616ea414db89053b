// CreativeService on the real PostgreSQL, with the OpenAI and Gemini image fakes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { estimateImageCostMicros } from "../../agent/pricing.js";
import { AppError, NotFoundError } from "../../core/errors.js";
import { createLogger } from "../../core/logger.js";
import { TenantRepo } from "../../core/repos/tenants.js";
import { parseKey } from "../../core/crypto.js";
import { startFakeGeminiImages, type FakeGeminiImages } from "../../test/fakes/gemini-images.js";
import { startFakeOpenAIImages, type FakeOpenAIImages } from "../../test/fakes/openai-images.js";
import { TEST_CREDENTIALS_KEY, testDb, uniqueSlug } from "../../test/support/db.js";
import { GeminiImages } from "./providers/gemini.js";
import { OpenAIImages } from "./providers/openai.js";
import type { ImageGenerator } from "./providers/types.js";
import { CreativeRepo } from "./repo.js";
import { CreativeService, WHATSAPP_IMAGE_MAX_BYTES } from "./service.js";
import { imageGeneratorFromConfig } from "./index.js";
import { pixels, pngSize } from "./testing/png.js";

const db = testDb();
const tenants = new TenantRepo(db, parseKey(TEST_CREDENTIALS_KEY));
const repo = new CreativeRepo(db);
const logger = createLogger("silent");
let openai: FakeOpenAIImages;
let gemini: FakeGeminiImages;
let tenantA: string;
let tenantB: string;

const service = (generator: ImageGenerator | null, publicBaseUrl: string | null = "https://growai.example.com/") =>
  new CreativeService({ repo, settings: (id) => tenants.settings(id), generator, publicBaseUrl: publicBaseUrl ?? undefined, logger });
const openaiGen = () => new OpenAIImages({ apiKey: openai.apiKey, baseUrl: openai.url, model: "gpt-image-1", timeoutMs: 10_000, maxBytes: WHATSAPP_IMAGE_MAX_BYTES });
const geminiGen = () => new GeminiImages({ apiKey: gemini.apiKey, baseUrl: gemini.url, model: "gemini-2.5-flash-image", timeoutMs: 10_000, maxBytes: WHATSAPP_IMAGE_MAX_BYTES });
const offer = { businessName: "Glow Studio", offer: "20% off facials — this Friday", callToAction: "Reply BOOK" };

beforeAll(async () => {
  [openai, gemini] = await Promise.all([startFakeOpenAIImages(), startFakeGeminiImages()]);
  tenantA = (await db.tenant.create({ data: { slug: uniqueSlug("cr-a"), name: "Glow Studio", settings: { brand: { primary: "#0F766E", secondary: "#facc15" } } } })).id;
  tenantB = (await db.tenant.create({ data: { slug: uniqueSlug("cr-b"), name: "Other" } })).id;
});
afterEach(() => {
  openai.requests.length = 0;
  gemini.requests.length = 0;
});
afterAll(async () => {
  await db.tenant.deleteMany({ where: { id: { in: [tenantA, tenantB] } } });
  await Promise.all([openai.close(), gemini.close(), db.$disconnect()]);
});

async function stored(id: string) {
  return db.creative.findUniqueOrThrow({ where: { id } });
}

describe("CreativeService", () => {
  it("with no AI provider renders the local card in the tenant's brand colours, stores and links it", async () => {
    const r = await service(null).create(tenantA, offer);
    expect(r).toMatchObject({ provider: "local", kind: "rendered", mimeType: "image/png", width: 1080, height: 1080, warnings: [] });
    expect(r.cost).toEqual({ provider: "local", model: null, inputTokens: 0, outputTokens: 0, costMicros: 0, known: true });
    expect(r.url).toMatch(/^https:\/\/growai\.example\.com\/creatives\/[A-Za-z0-9_-]{32}\.png$/);
    expect(r.url).not.toContain(tenantA);
    const row = await stored(r.id);
    expect(row.tenantId).toBe(tenantA);
    expect(pngSize(row.bytes)).toEqual([1080, 1080]);
    expect(row.bytes.length).toBe(r.byteSize);
    const at = await pixels(row.bytes);
    expect(at(20, 600)).toBe("#0f766e"); // brand primary from Tenant.settings.brand
    expect(at(1070, 1070)).toBe("#facc15"); // brand secondary
    // colours given in the request win over the settings
    const over = await service(null).create(tenantA, { ...offer, colours: { primary: "#1e3a8a" } });
    expect((await pixels((await stored(over.id)).bytes))(20, 600)).toBe("#1e3a8a");
  });

  it("generates with OpenAI through its fake: request shape, b64 decoded and stored, cost from usage", async () => {
    openai.script([{ image: { rgb: [200, 30, 90] } }]);
    const r = await service(openaiGen()).create(tenantA, { ...offer, style: "festive, Diwali lights" });
    expect(openai.requests).toHaveLength(1);
    const req = openai.requests[0]!;
    expect(req.authorization).toBe(`Bearer ${openai.apiKey}`);
    expect(req.path).toBe("/v1/images/generations");
    expect(req.body).toMatchObject({ model: "gpt-image-1", n: 1, size: "1024x1024", quality: "medium", output_format: "png" });
    expect(req.body.response_format).toBeUndefined();
    expect(req.body.prompt).toContain("20% off facials — this Friday");
    expect(req.body.prompt).toContain("#0f766e");
    expect(req.body.prompt).toContain("Diwali lights");
    expect(r).toMatchObject({ provider: "openai", kind: "generated", width: 1024, height: 1024, mimeType: "image/png" });
    expect(r.fallback).toBeUndefined();
    const row = await stored(r.id);
    expect(Buffer.from(row.bytes).equals(openai.images[0]!)).toBe(true);
    expect(row.prompt).toBe(req.body.prompt);
    const usage = (req.response as { usage: { input_tokens: number; output_tokens: number } }).usage;
    expect(r.cost).toMatchObject({ provider: "openai", model: "gpt-image-1", inputTokens: usage.input_tokens, outputTokens: 1056, known: true });
    expect(r.cost.costMicros).toBe(estimateImageCostMicros("gpt-image-1", { inputTokens: usage.input_tokens, outputTokens: 1056 }).costMicros);
    expect(r.cost.costMicros).toBeGreaterThan(42_000); // ≈ $0.042 for a medium 1024² image
  });

  it("generates with Gemini through its fake: route, key header, IMAGE modality, inlineData stored", async () => {
    gemini.script([{ image: { rgb: [20, 120, 220] } }]);
    const r = await service(geminiGen()).create(tenantA, offer);
    const req = gemini.requests[0]!;
    expect(req.path).toBe("/v1beta/models/gemini-2.5-flash-image:generateContent");
    expect(req.apiKey).toBe(gemini.apiKey);
    expect(req.body.generationConfig?.responseModalities).toContain("IMAGE");
    expect(req.body.contents?.[0]?.parts?.[0]?.text).toContain("20% off facials");
    expect(r).toMatchObject({ provider: "gemini", kind: "generated", width: 1024, height: 1024 });
    expect(Buffer.from((await stored(r.id)).bytes).equals(gemini.images.at(-1)!)).toBe(true);
    expect(r.cost).toMatchObject({ provider: "gemini", model: "gemini-2.5-flash-image", outputTokens: 1298 });
    expect(r.cost.costMicros).toBe(estimateImageCostMicros("gemini-2.5-flash-image", { inputTokens: r.cost.inputTokens, outputTokens: 1298 }).costMicros);
  });

  it("falls back to the local card on OpenAI's 429 and on its content-policy refusal, and says so", async () => {
    openai.script([{ status: 429 }, { policy: true }]);
    const limited = await service(openaiGen()).create(tenantA, offer);
    expect(limited).toMatchObject({ provider: "local", kind: "rendered", fallback: { from: "openai", reason: "rate_limited" } });
    expect(limited.cost.costMicros).toBe(0);
    expect(pngSize((await stored(limited.id)).bytes)).toEqual([1080, 1080]);
    const refused = await service(openaiGen()).create(tenantA, offer);
    expect(refused).toMatchObject({ provider: "local", fallback: { from: "openai", reason: "content_policy" } });
    expect(openai.requests.map((r) => r.status)).toEqual([429, 400]);
  });

  it("falls back on Gemini's 429, a blocked prompt and a refused image", async () => {
    gemini.script([{ status: 429 }, { blockPrompt: "SAFETY" }, { finish: "IMAGE_SAFETY" }]);
    const reasons = [];
    for (let i = 0; i < 3; i++) {
      const r = await service(geminiGen()).create(tenantA, offer);
      expect(r.provider).toBe("local");
      reasons.push(r.fallback?.reason);
    }
    expect(reasons).toEqual(["rate_limited", "content_policy", "content_policy"]);
  });

  it("refuses a provider answer that is not an image (bad_response → local), never storing it", async () => {
    openai.script([{ b64: Buffer.from("<html>not an image</html>").toString("base64") }]);
    const r = await service(openaiGen()).create(tenantA, offer);
    expect(r).toMatchObject({ provider: "local", fallback: { from: "openai", reason: "bad_response" } });
    expect(pngSize((await stored(r.id)).bytes)).toEqual([1080, 1080]);
  });

  it("treats a rejected key as an auth failure: the local card, and the reason says so", async () => {
    const wrongKey = new OpenAIImages({ apiKey: "sk-wrong", baseUrl: openai.url, model: "gpt-image-1", timeoutMs: 10_000, maxBytes: WHATSAPP_IMAGE_MAX_BYTES });
    const r = await service(wrongKey).create(tenantA, offer);
    expect(r).toMatchObject({ provider: "local", fallback: { from: "openai", reason: "auth" } });
    expect(openai.requests[0]!.status).toBe(401);
    const wrongGemini = new GeminiImages({ apiKey: "wrong", baseUrl: gemini.url, model: "gemini-2.5-flash-image", timeoutMs: 10_000, maxBytes: WHATSAPP_IMAGE_MAX_BYTES });
    expect((await service(wrongGemini).create(tenantA, offer)).fallback?.reason).toBe("auth"); // Google answers 400 with reason API_KEY_INVALID
  });

  it("prices images from the one price table (micro-USD)", () => {
    expect(estimateImageCostMicros("gpt-image-1")).toEqual({ costMicros: 42_240, known: true }); // 1056 image tokens × $40/M
    expect(estimateImageCostMicros("gpt-image-1", { inputTokens: 100, outputTokens: 1056 })).toEqual({ costMicros: 42_740, known: true });
    expect(estimateImageCostMicros("gemini-2.5-flash-image")).toEqual({ costMicros: 38_700, known: true }); // 1290 × $30/M, not the text model's price
    expect(estimateImageCostMicros("some-local-diffusion")).toEqual({ costMicros: 0, known: false });
  });

  it("stops when the caller aborts: no fallback card is made", async () => {
    openai.script([{ image: { rgb: [9, 9, 9] } }]);
    const ac = new AbortController();
    ac.abort();
    const before = await db.creative.count({ where: { tenantId: tenantB } });
    await expect(service(openaiGen()).create(tenantB, offer, ac.signal)).rejects.toThrow();
    expect(await db.creative.count({ where: { tenantId: tenantB } })).toBe(before);
  });

  it("provider: local skips the AI provider (no call, no cost)", async () => {
    const r = await service(openaiGen()).create(tenantA, { ...offer, provider: "local" });
    expect(r.provider).toBe("local");
    expect(openai.requests).toHaveLength(0);
  });

  it("walls tenants off: another tenant's id is not found; tokens are per creative and unguessable", async () => {
    const s = service(null);
    const a = await s.create(tenantA, offer);
    const b = await s.create(tenantA, offer);
    expect(await s.get(tenantA, a.id)).toMatchObject({ id: a.id, url: a.url });
    expect(await s.get(tenantB, a.id)).toBeNull();
    await expect(s.bytes(tenantB, a.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await s.bytes(tenantA, a.id)).sha256).toBe(a.sha256);
    expect(await s.get(tenantA, "not-a-uuid")).toBeNull();
    const [ta, tb] = await Promise.all([stored(a.id), stored(b.id)]);
    expect(ta.token).not.toBe(tb.token);
    expect(Buffer.from(ta.token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
  });

  it("answers bad input and unknown tenants with clear errors, and notes a missing PUBLIC_BASE_URL", async () => {
    await expect(service(null).create(tenantA, { businessName: "Glow", offer: "  " })).rejects.toThrow(/offer: say what the offer is/);
    await expect(service(null).create(tenantA, { ...offer, colours: { primary: "purple" } })).rejects.toBeInstanceOf(AppError);
    await expect(service(null).create("00000000-0000-4000-8000-000000000000", offer)).rejects.toBeInstanceOf(NotFoundError);
    const r = await service(null, null).create(tenantB, offer);
    expect(r.url).toBeNull();
    expect(r.path).toMatch(/^\/creatives\/[A-Za-z0-9_-]{32}\.png$/);
    expect(r.warnings.join()).toMatch(/PUBLIC_BASE_URL/);
  });

  it("uses an uploaded logo, and reports an unusable one instead of failing", async () => {
    const r = await service(null).create(tenantA, { ...offer, logo: new Uint8Array(Buffer.from("nope")) });
    expect(r.warnings.join()).toMatch(/not a PNG, JPEG or WebP image; the card has no logo/);
  });

  it("chooses the provider from config: OpenAI key first, then Gemini, else local", () => {
    const base = { CREATIVES_PROVIDER: "auto" as const, OPENAI_BASE_URL: openai.url, OPENAI_IMAGE_MODEL: "gpt-image-1", GEMINI_BASE_URL: gemini.url, GEMINI_IMAGE_MODEL: "gemini-2.5-flash-image", IMAGE_TIMEOUT_MS: 1000 };
    expect(imageGeneratorFromConfig({ ...base, OPENAI_API_KEY: "k", GOOGLE_API_KEY: "g" })?.provider).toBe("openai");
    expect(imageGeneratorFromConfig({ ...base, GOOGLE_API_KEY: "g" })?.provider).toBe("gemini");
    expect(imageGeneratorFromConfig(base)).toBeNull();
    expect(imageGeneratorFromConfig({ ...base, OPENAI_API_KEY: "k", CREATIVES_PROVIDER: "local" })).toBeNull();
    expect(() => imageGeneratorFromConfig({ ...base, CREATIVES_PROVIDER: "gemini" })).toThrow(/GOOGLE_API_KEY/);
  });
});
