// The fake OpenAI server's POST /v1/embeddings (mounted by openai.ts). Validates what the
// real endpoint rejects — auth, model, empty or oversized input, `dimensions` on a model
// without it, unknown encoding_format — and answers in the real shape, as float arrays or
// as base64 little-endian float32 (the official SDK asks for base64 by default).
import type { IncomingMessage, ServerResponse } from "node:http";
import { fakeVector, roughTokens, toBase64Float32 } from "./embedding-vectors.js";

export interface EmbeddingsRequest {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
  [k: string]: unknown;
}

/** Native sizes; only text-embedding-3 models accept `dimensions`. */
export const FAKE_OPENAI_EMBEDDING_MODELS: Record<string, { dim: number; shortens: boolean }> = {
  "text-embedding-3-small": { dim: 1536, shortens: true },
  "text-embedding-3-large": { dim: 3072, shortens: true },
  "text-embedding-ada-002": { dim: 1536, shortens: false },
};

export type EmbeddingsFailure = 429 | 500 | 503 | { hangMs: number };

export interface FakeOpenAIEmbeddings {
  /** Valid requests, in order (the JSON body as sent). */
  requests: EmbeddingsRequest[];
  /** Why requests were refused (validation only, not scripted failures). */
  rejected: string[];
  /** Answer the next requests with these failures, one each, then succeed again. */
  fail(failures: EmbeddingsFailure[]): void;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const SERVER_ERRORS = {
  429: { message: "Rate limit reached for text-embedding-3-small in organization org-fake on requests per min (RPM): Limit 3000, Used 3000, Requested 1. Please try again in 20ms.", type: "requests", param: null, code: "rate_limit_exceeded" },
  500: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null },
  503: { message: "The engine is currently overloaded, please try again later", type: "server_error", param: null, code: null },
};
const INVALID_INPUT = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

export function validateEmbeddingsRequest(body: EmbeddingsRequest): { status: number; message: string; code?: string } | null {
  const model = FAKE_OPENAI_EMBEDDING_MODELS[body?.model];
  if (typeof body?.model !== "string" || !model) return { status: 404, message: `The model \`${String(body?.model)}\` does not exist or you do not have access to it.`, code: "model_not_found" };
  const inputs = typeof body.input === "string" ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 2048) return { status: 400, message: INVALID_INPUT };
  if (inputs.some((t) => typeof t !== "string" || t.length === 0)) return { status: 400, message: INVALID_INPUT };
  if (body.dimensions !== undefined) {
    if (!model.shortens) return { status: 400, message: "This model does not support specifying dimensions." };
    if (!Number.isInteger(body.dimensions) || body.dimensions < 1 || body.dimensions > model.dim) {
      return { status: 400, message: `Invalid value for 'dimensions' = ${String(body.dimensions)}. Must be between 1 and ${model.dim}.` };
    }
  }
  if (body.encoding_format !== undefined && body.encoding_format !== "float" && body.encoding_format !== "base64") {
    return { status: 400, message: `Invalid value: '${String(body.encoding_format)}'. Supported values are: 'float' and 'base64'.`, code: "invalid_value" };
  }
  return null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export function fakeOpenAIEmbeddings(apiKey: string): FakeOpenAIEmbeddings {
  const requests: EmbeddingsRequest[] = [];
  const rejected: string[] = [];
  let failures: EmbeddingsFailure[] = [];
  const refuse = (res: ServerResponse, status: number, message: string, code: string | null = null) => {
    rejected.push(message);
    send(res, status, { error: { message, type: "invalid_request_error", param: null, code } });
  };

  return {
    requests,
    rejected,
    fail(f) {
      failures = [...f];
    },
    async handle(req, res) {
      if (req.method !== "POST") return refuse(res, 405, `Method ${req.method} not allowed`);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return refuse(res, 401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_api_key");
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      let body: EmbeddingsRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as EmbeddingsRequest;
      } catch {
        return refuse(res, 400, "We could not parse the JSON body of your request.");
      }
      const problem = validateEmbeddingsRequest(body);
      if (problem) return refuse(res, problem.status, problem.message, problem.code ?? null);
      requests.push(body);
      const failure = failures.shift();
      if (failure !== undefined) {
        if (typeof failure === "object") {
          await new Promise((r) => setTimeout(r, failure.hangMs));
          if (res.destroyed) return;
        } else {
          const headers: Record<string, string> = failure === 429
            ? { "retry-after": "0", "x-ratelimit-limit-requests": "3000", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "20ms" }
            : {};
          return send(res, failure, { error: SERVER_ERRORS[failure] }, headers);
        }
      }
      const inputs = typeof body.input === "string" ? [body.input] : body.input;
      const dim = body.dimensions ?? FAKE_OPENAI_EMBEDDING_MODELS[body.model]!.dim;
      const base64 = body.encoding_format === "base64";
      const tokens = inputs.reduce((n, t) => n + roughTokens(t), 0);
      send(res, 200, {
        object: "list",
        data: inputs.map((text, index) => {
          const v = fakeVector(text, dim, 0x0a1);
          return { object: "embedding", index, embedding: base64 ? toBase64Float32(v) : v };
        }),
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    },
  };
}
