// Gemini embeddings through LangChain's GoogleGenerativeAIEmbeddings. Two things it does
// not do well enough here are overridden: its batch call turns a failed request into
// empty vectors (a silent failure), and it has no timeout. So the batch step calls the
// same SDK (@google/generative-ai, as LangChain does) with `baseUrl` (GEMINI_BASE_URL;
// the SDK appends /v1beta/models/{model}:batchEmbedContents) and an abort signal, and lets
// errors through LangChain's retrying caller to us. Vectors are L2-normalized (Gemini's
// shortened outputs are not).
import { GoogleGenerativeAI, type EmbedContentRequest, type GenerativeModel, type TaskType } from "@google/generative-ai";
import { GoogleGenerativeAIEmbeddings } from "@langchain/google-genai";
import type { Embedder } from "../types.js";
import { checkDim, notConfigured, providerError, toUnitVector } from "./remote.js";

/** Native sizes; `dimensions` (outputDimensionality) shortens them. */
export const GEMINI_EMBEDDING_DIMS: Record<string, number> = {
  "gemini-embedding-001": 3072,
  "text-embedding-004": 768,
};
/** gemini-embedding-001 is trained to be shortened; 768 is one of Google's recommended sizes. */
const DEFAULT_DIMS: Record<string, number> = { "gemini-embedding-001": 768 };
const MAX_BATCH = 100; // the API's limit per batchEmbedContents call

export interface GeminiEmbedderOptions {
  apiKey: string | undefined;
  /** Without the version path, e.g. https://generativelanguage.googleapis.com. */
  baseUrl?: string;
  model?: string;
  /** Sent as outputDimensionality; required for unknown models. */
  dimensions?: number;
  /** Sent as taskType with every text (the Embedder contract does not tell queries from documents). */
  taskType?: `${TaskType}`;
  timeoutMs?: number;
  maxRetries?: number;
  batchSize?: number;
}

type Request = EmbedContentRequest & { outputDimensionality?: number };

/** LangChain's class with a batch step that fails loudly and times out. */
class StrictGeminiEmbeddings extends GoogleGenerativeAIEmbeddings {
  constructor(
    fields: ConstructorParameters<typeof GoogleGenerativeAIEmbeddings>[0] & { apiKey: string },
    private readonly sdk: GenerativeModel,
    private readonly timeoutMs: number,
  ) {
    super(fields);
  }

  protected override async _embedDocumentsContent(documents: string[]): Promise<number[][]> {
    const requests: Request[] = documents.map((text) => ({
      content: { role: "user", parts: [{ text: this.stripNewLines ? text.replace(/\n/g, " ") : text }] },
      ...(this.taskType ? { taskType: this.taskType } : {}),
      ...(this.outputDimensionality ? { outputDimensionality: this.outputDimensionality } : {}),
    }));
    const out: number[][] = [];
    for (let i = 0; i < requests.length; i += this.maxBatchSize) {
      const batch = requests.slice(i, i + this.maxBatchSize);
      const res = await this.sdk.batchEmbedContents({ requests: batch }, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (res.embeddings?.length !== batch.length) throw new Error(`${res.embeddings?.length ?? 0} embeddings for ${batch.length} texts`);
      for (const e of res.embeddings) out.push(e.values ?? []);
    }
    return out;
  }
}

export class GeminiEmbedder implements Embedder {
  readonly id: string;
  readonly dim: number;
  readonly model: string;
  private readonly client: StrictGeminiEmbeddings;

  constructor(opts: GeminiEmbedderOptions) {
    if (!opts.apiKey) throw notConfigured("gemini");
    this.model = (opts.model ?? "gemini-embedding-001").replace(/^models\//, "");
    const dim = opts.dimensions ?? DEFAULT_DIMS[this.model] ?? GEMINI_EMBEDDING_DIMS[this.model];
    if (dim === undefined) throw new RangeError(`Gemini embedding model ${this.model}: set its dimension (EMBEDDINGS_DIM)`);
    this.dim = checkDim(dim, `Gemini embedding model ${this.model}`);
    this.id = `gemini:${this.model}:${this.dim}`;
    const native = GEMINI_EMBEDDING_DIMS[this.model];
    const sdk = new GoogleGenerativeAI(opts.apiKey).getGenerativeModel({ model: this.model }, opts.baseUrl ? { baseUrl: opts.baseUrl } : {});
    this.client = new StrictGeminiEmbeddings(
      {
        apiKey: opts.apiKey,
        model: this.model,
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        // shorten only when the size differs from the model's own
        ...(this.dim !== native ? { outputDimensionality: this.dim } : {}),
        ...(opts.taskType ? { taskType: opts.taskType as TaskType } : {}),
        maxRetries: opts.maxRetries ?? 2,
        maxConcurrency: 2,
      },
      sdk,
      opts.timeoutMs ?? 20_000,
    );
    this.client.maxBatchSize = Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    let vectors: number[][];
    try {
      // one retried call per batch (LangChain's caller runs at most 2 at a time)
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += this.client.maxBatchSize) batches.push(texts.slice(i, i + this.client.maxBatchSize));
      vectors = (await Promise.all(batches.map((b) => this.client.embedDocuments(b)))).flat();
    } catch (err) {
      throw providerError("gemini", this.model, err);
    }
    if (vectors.length !== texts.length) throw providerError("gemini", this.model, new Error(`${vectors.length} vectors for ${texts.length} texts`));
    return vectors.map((v) => toUnitVector(v, this.dim, this.id));
  }
}
