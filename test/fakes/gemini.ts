// A fake Gemini API server (node:http on 127.0.0.1:0) speaking generateContent's wire
// format: POST /v1beta/models/{model}:generateContent with `x-goog-api-key`, answering
// functionCall or text parts with usageMetadata, or Google's error bodies (429, 500);
// and the embedding routes (:batchEmbedContents, :embedContent; gemini-embeddings.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fakeGeminiEmbeddings, type FakeGeminiEmbeddings } from "./gemini-embeddings.js";

export interface GeminiPart {
  text?: string;
  functionCall?: { name: string; args: Record<string, unknown> };
  functionResponse?: { name: string; response: unknown };
}

export interface GenerateContentRequest {
  contents: Array<{ role: string; parts: GeminiPart[] }>;
  tools?: Array<{ functionDeclarations?: Array<{ name: string; description?: string; parameters?: unknown }> }>;
  systemInstruction?: { parts: GeminiPart[] };
  [k: string]: unknown;
}

export interface RecordedGeminiRequest {
  model: string;
  body: GenerateContentRequest;
}

export type GeminiUsage = { promptTokenCount: number; candidatesTokenCount: number };
export type GeminiStep =
  | { functionCall: { name: string; args: Record<string, unknown> }; usage?: GeminiUsage }
  | { text: string; usage?: GeminiUsage }
  | { status: 429 | 500 | 503 };
export type GeminiScriptEntry = GeminiStep | ((req: RecordedGeminiRequest) => GeminiStep);

export interface FakeGemini {
  /** For GEMINI_BASE_URL (the client appends /v1beta/models/...). */
  url: string;
  apiKey: string;
  requests: RecordedGeminiRequest[];
  rejected: string[];
  /** :batchEmbedContents and :embedContent (gemini-embeddings.ts). */
  embeddings: FakeGeminiEmbeddings;
  script(steps: GeminiScriptEntry[]): void;
  close(): Promise<void>;
}

const STATUS_TEXT = { 400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" } as const;
const MESSAGES = {
  429: "Resource has been exhausted (e.g. check quota).",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
};

function error(res: ServerResponse, status: keyof typeof STATUS_TEXT, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: status, message, status: STATUS_TEXT[status] } }));
}

/** What the real API rejects about a request body; null when acceptable. */
export function validateGenerateContent(body: GenerateContentRequest): string | null {
  if (!Array.isArray(body.contents) || body.contents.length === 0) return "contents is not specified";
  for (const c of body.contents) {
    if (!["user", "model", "function"].includes(c.role)) return `Please use a valid role: user, model. (got ${c.role})`;
    if (!Array.isArray(c.parts) || c.parts.length === 0) return "contents.parts must not be empty";
  }
  for (const t of body.tools ?? []) {
    for (const f of t.functionDeclarations ?? []) if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(f.name)) return `bad function name ${f.name}`;
  }
  return null;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startFakeGemini(opts: { apiKey?: string; models?: string[] } = {}): Promise<FakeGemini> {
  const apiKey = opts.apiKey ?? "gemini-test-key";
  const requests: RecordedGeminiRequest[] = [];
  const rejected: string[] = [];
  let queue: GeminiScriptEntry[] = [];
  const embeddings = fakeGeminiEmbeddings(apiKey);

  const server = createServer(async (req, res) => {
    const reject = (status: 400 | 403 | 404, message: string) => {
      rejected.push(message);
      error(res, status, message);
    };
    try {
      const e = /^\/v1beta\/models\/([^/:]+):(batchEmbedContents|embedContent)$/.exec(req.url ?? "");
      if (req.method === "POST" && e) return await embeddings.handle(req, res, decodeURIComponent(e[1]!), e[2] as "batchEmbedContents" | "embedContent");
      const m = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(req.url ?? "");
      if (req.method !== "POST" || !m) return reject(404, `unknown route ${req.method} ${req.url}`);
      if (req.headers["x-goog-api-key"] !== apiKey) return reject(400, "API key not valid. Please pass a valid API key.");
      const model = decodeURIComponent(m[1]!);
      if (opts.models && !opts.models.includes(model)) return reject(404, `models/${model} is not found`);
      const body = (await readJson(req)) as GenerateContentRequest;
      const problem = validateGenerateContent(body);
      if (problem) return reject(400, problem);
      const recorded = { model, body };
      requests.push(recorded);
      const entry = queue.shift();
      if (!entry) return error(res, 500, "fake: script exhausted");
      const step = typeof entry === "function" ? entry(recorded) : entry;
      if ("status" in step) return error(res, step.status, MESSAGES[step.status]);
      const usage = step.usage ?? { promptTokenCount: 120, candidatesTokenCount: 15 };
      const part = "functionCall" in step ? { functionCall: step.functionCall } : { text: step.text };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          candidates: [{ content: { role: "model", parts: [part] }, finishReason: "STOP", index: 0 }],
          usageMetadata: { ...usage, totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount },
          modelVersion: model,
          responseId: `fake-${requests.length}`,
        }),
      );
    } catch (err) {
      reject(400, `Invalid JSON payload received. ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    rejected,
    embeddings,
    script(steps) {
      queue = [...steps];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
