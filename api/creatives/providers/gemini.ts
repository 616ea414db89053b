// Gemini image generation through the official SDK (@google/generative-ai): POST
// {GEMINI_BASE_URL}/v1beta/models/{model}:generateContent with `x-goog-api-key`, asking an
// image-capable model for the IMAGE modality; the picture comes back as an `inlineData`
// part (base64 + mimeType). SDK 0.24.1's GenerationConfig type predates
// `responseModalities`/`imageConfig`, so they are added to the JSON it sends as is.
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIFetchError,
  type GenerateContentResponse,
  type GenerationConfig,
} from "@google/generative-ai";
import { decodeImage } from "./decode.js";
import { ImageProviderError, type GeneratedImage, type ImageGenerator, type ImageRequest } from "./types.js";

export interface GeminiImagesOptions {
  apiKey: string;
  /** Without the API version, as GEMINI_BASE_URL. */
  baseUrl: string;
  model: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Finish reasons and block reasons that mean the safety system refused. */
const POLICY = new Set(["SAFETY", "IMAGE_SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_RECITATION"]);

export class GeminiImages implements ImageGenerator {
  readonly provider = "gemini" as const;
  readonly model: string;
  private readonly client: GoogleGenerativeAI;

  constructor(private readonly o: GeminiImagesOptions) {
    this.model = o.model;
    this.client = new GoogleGenerativeAI(o.apiKey);
  }

  async generate(req: ImageRequest): Promise<GeneratedImage> {
    const generationConfig = { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "1:1" } } as GenerationConfig;
    const model = this.client.getGenerativeModel({ model: this.model, generationConfig }, { baseUrl: this.o.baseUrl, timeout: this.o.timeoutMs });
    let response: GenerateContentResponse;
    try {
      ({ response } = await model.generateContent({ contents: [{ role: "user", parts: [{ text: req.prompt }] }] }, req.signal ? { signal: req.signal } : {}));
    } catch (err) {
      throw toProviderError(err);
    }
    const blocked = response.promptFeedback?.blockReason;
    if (blocked) throw new ImageProviderError("gemini", "content_policy", `Gemini blocked the prompt (${blocked})`);
    const candidate = response.candidates?.[0];
    const part = candidate?.content?.parts?.find((p) => p.inlineData?.data);
    if (!part?.inlineData) {
      const reason = candidate?.finishReason as string | undefined;
      if (reason && POLICY.has(reason)) throw new ImageProviderError("gemini", "content_policy", `Gemini refused to draw this image (${reason})`);
      throw new ImageProviderError("gemini", "bad_response", `Gemini returned no image${reason ? ` (finish reason ${reason})` : ""}`);
    }
    const { bytes, info } = decodeImage("gemini", part.inlineData.data, this.o.maxBytes);
    const u = response.usageMetadata;
    const usage = u ? { inputTokens: u.promptTokenCount ?? 0, outputTokens: u.candidatesTokenCount ?? 0 } : undefined;
    return { bytes, ...info, model: this.model, ...(usage ? { usage } : {}) };
  }
}

function toProviderError(err: unknown): ImageProviderError {
  if (err instanceof GoogleGenerativeAIFetchError) {
    const status = err.status ?? 0;
    const what = `Gemini answered ${status}${err.statusText ? ` ${err.statusText}` : ""}`;
    if (status === 429) return new ImageProviderError("gemini", "rate_limited", what, status, { cause: err });
    const keyInvalid = (err.errorDetails ?? []).some((d) => (d as { reason?: string }).reason === "API_KEY_INVALID");
    if (status === 401 || status === 403 || keyInvalid) return new ImageProviderError("gemini", "auth", what, status, { cause: err });
    if (status >= 500 || status === 408) return new ImageProviderError("gemini", "unavailable", what, status, { cause: err });
    if (status > 0) return new ImageProviderError("gemini", "bad_request", what, status, { cause: err });
  }
  if (err instanceof GoogleGenerativeAIAbortError) return new ImageProviderError("gemini", "unavailable", "Gemini timed out", undefined, { cause: err });
  return new ImageProviderError("gemini", "unavailable", "Gemini could not be reached", undefined, { cause: err });
}
