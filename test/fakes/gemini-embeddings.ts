// The fake Gemini server's embedding routes (mounted by gemini.ts):
//   POST /v1beta/models/{model}:batchEmbedContents  {requests:[{model:"models/…", content:{parts:[{text}]}, taskType?, outputDimensionality?}]}
//     → {embeddings:[{values:[…]}]}
//   POST /v1beta/models/{model}:embedContent        {content, taskType?, outputDimensionality?} → {embedding:{values}}
// Validates what the real API rejects (key, model, batch size, the per-request model
// matching the URL's, empty parts, task type, dimensionality) and answers Google's error
// envelope {error:{code,message,status}}.
import type { IncomingMessage, ServerResponse } from "node:http";
import { fakeVector } from "./embedding-vectors.js";

export interface EmbedRequest {
  model?: string;
  content?: { role?: string; parts?: Array<{ text?: unknown }> };
  taskType?: string;
  title?: string;
  outputDimensionality?: number;
}

export interface RecordedEmbedCall {
  model: string;
  method: "batchEmbedContents" | "embedContent";
  requests: EmbedRequest[];
}

export const FAKE_GEMINI_EMBEDDING_MODELS: Record<string, { dim: number; shortens: boolean }> = {
  "gemini-embedding-001": { dim: 3072, shortens: true },
  "text-embedding-004": { dim: 768, shortens: true },
  "embedding-001": { dim: 768, shortens: false },
};
const TASK_TYPES = ["TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY", "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY"];
const STATUS = { 400: "INVALID_ARGUMENT", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" } as const;
const FAILURE_MESSAGES = {
  429: "Resource has been exhausted (e.g. check quota).",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
};

export type GeminiEmbedFailure = 429 | 500 | 503;

export interface FakeGeminiEmbeddings {
  calls: RecordedEmbedCall[];
  rejected: string[];
  /** Answer the next calls with these failures, one each, then succeed again. */
  fail(failures: GeminiEmbedFailure[]): void;
  handle(req: IncomingMessage, res: ServerResponse, model: string, method: RecordedEmbedCall["method"]): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Problems with one embed request; `at` names it in the message like Google does. */
function checkRequest(r: EmbedRequest, model: string, at: string, perRequestModel: boolean): string | null {
  const native = FAKE_GEMINI_EMBEDDING_MODELS[model]!;
  if (perRequestModel && r.model !== `models/${model}`) return `* ${at}.model: the model of each request (${String(r.model)}) must be the model in the URL (models/${model})`;
  const parts = r.content?.parts;
  if (!Array.isArray(parts) || parts.length === 0) return `* ${at}.content.parts: contents.parts must not be empty.`;
  if (parts.some((p) => typeof p.text !== "string" || p.text.length === 0)) return `* ${at}.content.parts: a text part must not be empty.`;
  if (r.taskType !== undefined && !TASK_TYPES.includes(r.taskType)) return `Invalid value at '${at}.task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), "${r.taskType}"`;
  if (r.title !== undefined && r.taskType !== "RETRIEVAL_DOCUMENT") return `* ${at}.title: title is only supported with task type RETRIEVAL_DOCUMENT.`;
  const d = r.outputDimensionality;
  if (d !== undefined) {
    if (!native.shortens) return `* ${at}.output_dimensionality: models/${model} does not support output dimensionality.`;
    if (!Number.isInteger(d) || d < 1 || d > native.dim) return `* ${at}.output_dimensionality: must be between 1 and ${native.dim}.`;
  }
  return null;
}

export function fakeGeminiEmbeddings(apiKey: string): FakeGeminiEmbeddings {
  const calls: RecordedEmbedCall[] = [];
  const rejected: string[] = [];
  let failures: GeminiEmbedFailure[] = [];
  const error = (res: ServerResponse, status: keyof typeof STATUS, message: string, validation = true) => {
    if (validation) rejected.push(message);
    send(res, status, { error: { code: status, message, status: STATUS[status] } });
  };

  return {
    calls,
    rejected,
    fail(f) {
      failures = [...f];
    },
    async handle(req, res, model, method) {
      if (req.headers["x-goog-api-key"] !== apiKey) return error(res, 400, "API key not valid. Please pass a valid API key.");
      if (!FAKE_GEMINI_EMBEDDING_MODELS[model]) return error(res, 404, `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      let body: { requests?: EmbedRequest[] } & EmbedRequest;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch (err) {
        return error(res, 400, `Invalid JSON payload received. ${(err as Error).message}`);
      }
      const requests = method === "batchEmbedContents" ? body.requests : [body];
      if (!Array.isArray(requests) || requests.length === 0) return error(res, 400, "* BatchEmbedContentsRequest.requests: requests must not be empty.");
      if (requests.length > 100) return error(res, 400, "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch");
      for (let i = 0; i < requests.length; i++) {
        const at = method === "batchEmbedContents" ? `BatchEmbedContentsRequest.requests[${i}]` : "EmbedContentRequest";
        const problem = checkRequest(requests[i]!, model, at, method === "batchEmbedContents");
        if (problem) return error(res, 400, problem);
      }
      calls.push({ model, method, requests });
      const failure = failures.shift();
      if (failure !== undefined) return error(res, failure, FAILURE_MESSAGES[failure], false);
      const native = FAKE_GEMINI_EMBEDDING_MODELS[model]!.dim;
      const values = requests.map((r) => {
        const text = r.content!.parts!.map((p) => p.text as string).join(" ");
        // like the real service: a shortened vector is a prefix of the full one, not re-normalized
        return fakeVector(text, native, 0x9e1).slice(0, r.outputDimensionality ?? native);
      });
      if (method === "embedContent") return send(res, 200, { embedding: { values: values[0] } });
      send(res, 200, { embeddings: values.map((v) => ({ values: v })) });
    },
  };
}
