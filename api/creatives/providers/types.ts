// An image generator (OpenAI Images, Gemini) behind one small interface, and the one error
// type its failures become. The service falls back to the local card on any of them.
import { AppError } from "../../../core/errors.js";
import type { ImageMime } from "../image-info.js";

export type ImageProviderName = "openai" | "gemini";

export interface ImageRequest {
  prompt: string;
  signal?: AbortSignal;
}

export interface GeneratedImage {
  bytes: Buffer;
  mimeType: ImageMime;
  width: number;
  height: number;
  /** The model that answered. */
  model: string;
  /** Token usage as the provider reported it (absent when it did not). */
  usage?: { inputTokens: number; outputTokens: number };
}

export interface ImageGenerator {
  readonly provider: ImageProviderName;
  readonly model: string;
  generate(req: ImageRequest): Promise<GeneratedImage>;
}

/**
 * Why a generation failed:
 * - `rate_limited` 429 (requests or quota); `unavailable` 5xx, network, timeout;
 * - `content_policy` the provider's safety system refused the prompt or the image;
 * - `auth` 401/403 (a bad key); `bad_request` any other 4xx; `bad_response` 2xx without a usable image.
 */
export type ImageFailure = "rate_limited" | "unavailable" | "content_policy" | "auth" | "bad_request" | "bad_response";

export class ImageProviderError extends AppError {
  constructor(
    readonly provider: ImageProviderName,
    readonly reason: ImageFailure,
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(reason === "rate_limited" ? "rate_limited" : reason === "content_policy" || reason === "bad_request" ? "bad_request" : "unavailable", message, options);
  }
}
