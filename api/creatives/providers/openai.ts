// OpenAI Images API through the official SDK: POST {OPENAI_BASE_URL}/images/generations
// with a GPT image model (b64_json is what those models return), one square image.
// The SDK's own retries are off: a failure falls back to the local card at once, and the
// owner can ask again.
import OpenAI from "openai";
import { decodeImage } from "./decode.js";
import { ImageProviderError, type GeneratedImage, type ImageGenerator, type ImageRequest } from "./types.js";

export interface OpenAIImagesOptions {
  apiKey: string;
  /** Including /v1, as OPENAI_BASE_URL. */
  baseUrl: string;
  model: string;
  timeoutMs: number;
  maxBytes: number;
  /** low | medium | high: the price per image grows with it (agent/pricing.ts). */
  quality?: "low" | "medium" | "high";
  fetch?: typeof fetch;
}

/** OpenAI's codes for a prompt or image its safety system refused. */
const POLICY_CODES = new Set(["moderation_blocked", "content_policy_violation", "content_filter"]);

export class OpenAIImages implements ImageGenerator {
  readonly provider = "openai" as const;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly o: OpenAIImagesOptions) {
    this.model = o.model;
    this.client = new OpenAI({ apiKey: o.apiKey, baseURL: o.baseUrl, timeout: o.timeoutMs, maxRetries: 0, ...(o.fetch ? { fetch: o.fetch } : {}) });
  }

  async generate(req: ImageRequest): Promise<GeneratedImage> {
    let res: OpenAI.Images.ImagesResponse;
    try {
      res = await this.client.images.generate(
        { model: this.model, prompt: req.prompt, n: 1, size: "1024x1024", quality: this.o.quality ?? "medium", output_format: "png" },
        req.signal ? { signal: req.signal } : undefined,
      );
    } catch (err) {
      throw toProviderError(err);
    }
    const { bytes, info } = decodeImage("openai", res.data?.[0]?.b64_json, this.o.maxBytes);
    const usage = res.usage ? { inputTokens: res.usage.input_tokens, outputTokens: res.usage.output_tokens } : undefined;
    return { bytes, ...info, model: this.model, ...(usage ? { usage } : {}) };
  }
}

function toProviderError(err: unknown): ImageProviderError {
  if (err instanceof OpenAI.APIConnectionError) {
    return new ImageProviderError("openai", "unavailable", err instanceof OpenAI.APIConnectionTimeoutError ? "OpenAI timed out" : "OpenAI could not be reached", undefined, { cause: err });
  }
  if (err instanceof OpenAI.APIError) {
    const status = err.status ?? 0;
    const what = `OpenAI answered ${status}${err.code ? ` (${err.code})` : ""}`;
    if (status === 429) return new ImageProviderError("openai", "rate_limited", what, status, { cause: err });
    if (err.code && POLICY_CODES.has(err.code)) return new ImageProviderError("openai", "content_policy", "OpenAI's safety system refused this image", status, { cause: err });
    if (status === 401 || status === 403) return new ImageProviderError("openai", "auth", what, status, { cause: err });
    if (status >= 500 || status === 408) return new ImageProviderError("openai", "unavailable", what, status, { cause: err });
    return new ImageProviderError("openai", "bad_request", what, status, { cause: err });
  }
  return new ImageProviderError("openai", "unavailable", "OpenAI image generation failed", undefined, { cause: err });
}
