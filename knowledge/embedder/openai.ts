// OpenAI embeddings through LangChain's OpenAIEmbeddings (which uses the official openai
// SDK: it asks for base64 and decodes it). Any OpenAI-compatible server works through
// `baseUrl` (OPENAI_BASE_URL). Nothing is counted or downloaded locally; the provider's
// errors surface with its message (401, 429, 5xx), after a bounded number of retries.
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "../types.js";
import { checkDim, notConfigured, providerError, toUnitVector } from "./remote.js";

/** Native sizes of OpenAI's embedding models; other models need `dimensions`. */
export const OPENAI_EMBEDDING_DIMS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export interface OpenAIEmbedderOptions {
  apiKey: string | undefined;
  /** Including /v1, e.g. https://api.openai.com/v1. */
  baseUrl?: string;
  model?: string;
  /** Output size. Sent as `dimensions` (text-embedding-3 models shorten their vectors); required for unknown models. */
  dimensions?: number;
  timeoutMs?: number;
  /** Retries of a failed request (429, 5xx, timeouts; never 400/401/403/404). */
  maxRetries?: number;
  /** Texts per request (OpenAI accepts up to 2048). */
  batchSize?: number;
  /**
   * Wire encoding of the vectors. Default: the SDK's base64 (smaller) for api.openai.com and
   * "float" for any other base URL — compatible servers that ignore base64 would send floats
   * the SDK then misreads (caught by the length check, but better never asked).
   */
  encodingFormat?: "base64" | "float";
}

export const OPENAI_API_BASE_URL = "https://api.openai.com/v1";

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly model: string;
  private readonly client: OpenAIEmbeddings;

  constructor(opts: OpenAIEmbedderOptions) {
    if (!opts.apiKey) throw notConfigured("openai");
    this.model = opts.model ?? "text-embedding-3-small";
    const dim = opts.dimensions ?? OPENAI_EMBEDDING_DIMS[this.model];
    if (dim === undefined) throw new RangeError(`OpenAI embedding model ${this.model}: set its dimension (EMBEDDINGS_DIM)`);
    this.dim = checkDim(dim, `OpenAI embedding model ${this.model}`);
    this.id = `openai:${this.model}:${this.dim}`;
    this.client = new OpenAIEmbeddings({
      apiKey: opts.apiKey,
      model: this.model,
      // only when asked: OpenAI-compatible servers may not know the parameter
      ...(opts.dimensions !== undefined ? { dimensions: opts.dimensions } : {}),
      batchSize: opts.batchSize ?? 256,
      // undefined lets the SDK ask for base64 and decode it
      encodingFormat: (opts.encodingFormat ?? (isOpenAI(opts.baseUrl) ? "base64" : "float")) === "float" ? "float" : undefined,
      timeout: opts.timeoutMs ?? 20_000,
      maxRetries: opts.maxRetries ?? 2,
      maxConcurrency: 2,
      configuration: opts.baseUrl ? { baseURL: opts.baseUrl } : {},
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    let vectors: number[][];
    try {
      vectors = await this.client.embedDocuments(texts);
    } catch (err) {
      throw providerError("openai", this.model, err);
    }
    if (vectors.length !== texts.length) throw providerError("openai", this.model, new Error(`${vectors.length} vectors for ${texts.length} texts`));
    return vectors.map((v) => toUnitVector(v, this.dim, this.id));
  }
}

function isOpenAI(baseUrl: string | undefined): boolean {
  return !baseUrl || baseUrl.replace(/\/+$/, "") === OPENAI_API_BASE_URL;
}
