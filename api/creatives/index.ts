// Builds the creatives part from the configuration: the AI generator it names (if any),
// the service and the public route.
import type { Router } from "express";
import type { Config } from "../../core/config.js";
import type { Db } from "../../core/db.js";
import type { Logger } from "../../core/logger.js";
import type { LogoFetchOptions } from "./logo.js";
import { GeminiImages } from "./providers/gemini.js";
import { OpenAIImages } from "./providers/openai.js";
import type { ImageGenerator } from "./providers/types.js";
import { CreativeRepo } from "./repo.js";
import { creativeRoutes } from "./route.js";
import { CreativeService, WHATSAPP_IMAGE_MAX_BYTES } from "./service.js";

export { CreativeService, creativeUrl, type CreativeInput, type CreativeResult, type CreativeView } from "./service.js";
export { brandFromSettings, brandSchema, type Brand } from "./brand.js";

type ImageConfig = Pick<Config, "CREATIVES_PROVIDER" | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_IMAGE_MODEL" | "GOOGLE_API_KEY" | "GEMINI_BASE_URL" | "GEMINI_IMAGE_MODEL" | "IMAGE_TIMEOUT_MS">;

/** auto: OpenAI when its key is set, else Gemini when its key is, else none (the local card). */
export function imageGeneratorFromConfig(c: ImageConfig, o: { fetch?: typeof fetch; maxBytes?: number } = {}): ImageGenerator | null {
  const maxBytes = o.maxBytes ?? WHATSAPP_IMAGE_MAX_BYTES;
  const want = c.CREATIVES_PROVIDER;
  if (want === "local") return null;
  if (want === "openai" || (want === "auto" && c.OPENAI_API_KEY)) {
    if (!c.OPENAI_API_KEY) throw new Error("CREATIVES_PROVIDER=openai needs OPENAI_API_KEY");
    return new OpenAIImages({ apiKey: c.OPENAI_API_KEY, baseUrl: c.OPENAI_BASE_URL, model: c.OPENAI_IMAGE_MODEL, timeoutMs: c.IMAGE_TIMEOUT_MS, maxBytes, ...(o.fetch ? { fetch: o.fetch } : {}) });
  }
  if (want === "gemini" || (want === "auto" && c.GOOGLE_API_KEY)) {
    if (!c.GOOGLE_API_KEY) throw new Error("CREATIVES_PROVIDER=gemini needs GOOGLE_API_KEY");
    return new GeminiImages({ apiKey: c.GOOGLE_API_KEY, baseUrl: c.GEMINI_BASE_URL, model: c.GEMINI_IMAGE_MODEL, timeoutMs: c.IMAGE_TIMEOUT_MS, maxBytes });
  }
  return null;
}

export interface CreativesDeps {
  config: ImageConfig & Pick<Config, "PUBLIC_BASE_URL">;
  db: Db;
  settings(tenantId: string): Promise<unknown>;
  logger: Logger;
  fetch?: typeof fetch;
  logo?: LogoFetchOptions;
}

export function createCreatives(d: CreativesDeps): { service: CreativeService; router: Router } {
  const repo = new CreativeRepo(d.db);
  const service = new CreativeService({
    repo, settings: d.settings, logger: d.logger, publicBaseUrl: d.config.PUBLIC_BASE_URL,
    generator: imageGeneratorFromConfig(d.config, d.fetch ? { fetch: d.fetch } : {}),
    ...(d.logo ? { logo: d.logo } : {}),
  });
  return { service, router: creativeRoutes({ byToken: (token) => repo.byToken(token) }) };
}
