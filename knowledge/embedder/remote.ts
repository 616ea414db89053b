// What the provider embedders (OpenAI, Gemini) share: turning a provider's vector into a
// unit Float32Array of the declared dim (a wrong length is an error, never padded), and
// turning a provider failure into one clear AppError that keeps the provider's message.
import { AppError } from "../../core/errors.js";

export type EmbeddingProvider = "openai" | "gemini";

const NAMES: Record<EmbeddingProvider, string> = { openai: "OpenAI", gemini: "Gemini" };
const KEYS: Record<EmbeddingProvider, string> = { openai: "OPENAI_API_KEY", gemini: "GOOGLE_API_KEY" };

/** A provider call that failed; `status` is the provider's HTTP status when there was one. */
export class EmbeddingProviderError extends AppError {
  constructor(
    readonly provider: EmbeddingProvider,
    readonly providerStatus: number | undefined,
    message: string,
    cause?: unknown,
  ) {
    super(providerStatus === 429 ? "rate_limited" : "unavailable", message, { cause });
  }
}

export function notConfigured(provider: EmbeddingProvider): AppError {
  return new AppError("not_configured", `${NAMES[provider]} embeddings are not configured (set ${KEYS[provider]})`);
}

/** The provider's status and message from an SDK error, without the request URL or key. */
export function providerError(provider: EmbeddingProvider, model: string, err: unknown): EmbeddingProviderError {
  if (err instanceof EmbeddingProviderError) return err;
  const e = (err ?? {}) as { status?: unknown; message?: unknown; name?: unknown };
  const status = typeof e.status === "number" ? e.status : undefined;
  let message = typeof e.message === "string" ? e.message : String(err);
  // @google/generative-ai prefixes "[GoogleGenerativeAI Error]: Error fetching from <url>: [429 Too Many Requests]"
  message = message.replace(/^\[GoogleGenerativeAI Error\]:\s*/, "").replace(/Error fetching from \S+:?\s*/, "");
  // LangChain appends a troubleshooting link to errors it recognizes
  message = message.replace(/\s*Troubleshooting URL:\s*\S+\s*$/, "").trim();
  const timedOut = /timeout|timed out|aborted/i.test(`${String(e.name)} ${message}`) && status === undefined;
  const what =
    status === 401 || status === 403 || /API key not valid/i.test(message) ? "authentication failed" :
    status === 429 ? "rate limited" :
    timedOut ? "timed out" :
    status !== undefined ? `failed (HTTP ${status})` : "failed";
  return new EmbeddingProviderError(provider, status, `${NAMES[provider]} embeddings (${model}) ${what}: ${message.slice(0, 300)}`, err);
}

/** A provider vector as a unit-length Float32Array; throws unless it has exactly `dim` finite values. */
export function toUnitVector(values: ArrayLike<number> | undefined, dim: number, id: string): Float32Array {
  if (!values || values.length !== dim) {
    throw new AppError("unavailable", `embedder ${id} returned a vector of length ${values?.length ?? 0}, expected ${dim}`);
  }
  const v = Float32Array.from(values);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) throw new AppError("unavailable", `embedder ${id} returned a non-finite value`);
    norm += x * x;
  }
  if (norm === 0) throw new AppError("unavailable", `embedder ${id} returned an all-zero vector`);
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < dim; i++) v[i]! *= inv;
  return v;
}

/** Check a configured dimension: a positive integer within what vectors may hold here. */
export function checkDim(dim: number, what: string): number {
  if (!Number.isInteger(dim) || dim < 1 || dim > 8192) throw new RangeError(`${what}: dimension must be an integer in [1, 8192], got ${dim}`);
  return dim;
}
