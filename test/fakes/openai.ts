// A fake OpenAI Chat Completions (and Embeddings, see openai-embeddings.ts) server
// (node:http on 127.0.0.1:0) speaking the real wire format, for driving the real
// ChatOpenAI / OpenAIEmbeddings clients in tests. It validates what a real server
// would reject (auth, model, message and tool shapes, tool results without a matching
// assistant tool call) and answers from a script, one step per request.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fakeOpenAIEmbeddings, type FakeOpenAIEmbeddings } from "./openai-embeddings.js";

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  [k: string]: unknown;
}

export type Usage = { prompt_tokens: number; completion_tokens: number };
export type OpenAIStep =
  | { toolCall: { name: string; args: Record<string, unknown>; id?: string }; usage?: Usage }
  /** A tool call whose `arguments` string is sent as is (e.g. truncated JSON, as models sometimes emit). */
  | { toolCall: { name: string; rawArguments: string; id?: string }; usage?: Usage }
  | { text: string; usage?: Usage }
  | { status: 429 | 500 | 503 }
  /** Never answer (until the client gives up or the server closes): a timeout. */
  | { hang: true };
export type OpenAIScriptEntry = OpenAIStep | ((req: ChatRequest) => OpenAIStep);

export interface FakeOpenAI {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  url: string;
  apiKey: string;
  /** Every request that reached the script (valid ones), in order. */
  requests: ChatRequest[];
  /** Requests rejected by validation, with the reason. */
  rejected: string[];
  /** POST /v1/embeddings: its requests, rejections and scripted failures (openai-embeddings.ts). */
  embeddings: FakeOpenAIEmbeddings;
  /** Queue steps; with `repeat`, the last step answers forever once the queue is empty. */
  script(steps: OpenAIScriptEntry[], opts?: { repeat?: boolean }): void;
  close(): Promise<void>;
}

const ERRORS = {
  429: { message: "Rate limit reached for requests. Please try again in 20ms.", type: "requests", param: null, code: "rate_limit_exceeded" },
  500: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null },
  503: { message: "The engine is currently overloaded, please try again later", type: "server_error", param: null, code: null },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function invalid(res: ServerResponse, rejected: string[], message: string, status = 400, code: string | null = null) {
  rejected.push(message);
  send(res, status, { error: { message, type: "invalid_request_error", param: null, code } });
}

/** What a real server rejects about the request body; null when it is acceptable. */
export function validateChatRequest(body: ChatRequest, models?: string[]): string | null {
  if (typeof body.model !== "string" || (models && !models.includes(body.model))) return `model_not_found: ${String(body.model)}`;
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages must be a non-empty array";
  const open = new Set<string>();
  for (const m of body.messages) {
    if (!["system", "developer", "user", "assistant", "tool"].includes(m.role)) return `bad role ${m.role}`;
    if (m.role === "assistant" && m.tool_calls) {
      for (const c of m.tool_calls) {
        if (c.type !== "function" || typeof c.function?.arguments !== "string") return "bad assistant tool_call";
        open.add(c.id);
      }
    }
    if (m.role === "tool" && (!m.tool_call_id || !open.has(m.tool_call_id))) {
      return "messages with role 'tool' must be a response to a preceeding message with 'tool_calls'";
    }
  }
  for (const t of body.tools ?? []) {
    if (t.type !== "function" || typeof t.function?.name !== "string" || typeof t.function.parameters !== "object") {
      return "bad tool definition";
    }
  }
  return null;
}

function completion(body: ChatRequest, step: Extract<OpenAIStep, { usage?: Usage }>, n: number) {
  const usage = step.usage ?? { prompt_tokens: 100, completion_tokens: 20 };
  const message =
    "toolCall" in step
      ? {
          role: "assistant",
          content: null,
          refusal: null,
          tool_calls: [{ id: step.toolCall.id ?? `call_fake${n}`, type: "function", function: { name: step.toolCall.name, arguments: "rawArguments" in step.toolCall ? step.toolCall.rawArguments : JSON.stringify(step.toolCall.args) } }],
        }
      : { role: "assistant", content: step.text, refusal: null };
  return {
    id: `chatcmpl-fake${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: "toolCall" in step ? "tool_calls" : "stop" }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    system_fingerprint: "fp_fake",
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

export async function startFakeOpenAI(opts: { apiKey?: string; models?: string[] } = {}): Promise<FakeOpenAI> {
  const apiKey = opts.apiKey ?? "sk-test-fake-openai";
  const requests: ChatRequest[] = [];
  const rejected: string[] = [];
  let queue: OpenAIScriptEntry[] = [];
  let repeat = false;
  let n = 0;
  const embeddings = fakeOpenAIEmbeddings(apiKey);

  const server = createServer(async (req, res) => {
    try {
      if (req.url === "/v1/embeddings") return await embeddings.handle(req, res);
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return invalid(res, rejected, `unknown route ${req.method} ${req.url}`, 404);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return invalid(res, rejected, "Incorrect API key provided", 401, "invalid_api_key");
      const body = (await readJson(req)) as ChatRequest;
      const problem = validateChatRequest(body, opts.models);
      if (problem) return invalid(res, rejected, problem, problem.startsWith("model_not_found") ? 404 : 400);
      requests.push(body);
      const entry = queue.length > 1 || !repeat ? queue.shift() : queue[0];
      if (!entry) return send(res, 500, { error: { ...ERRORS[500], message: "fake: script exhausted" } });
      const step = typeof entry === "function" ? entry(body) : entry;
      if ("hang" in step) return;
      if ("status" in step) return send(res, step.status, { error: ERRORS[step.status] });
      send(res, 200, completion(body, step, ++n));
    } catch (err) {
      invalid(res, rejected, `unparseable request: ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    rejected,
    embeddings,
    script(steps, o = {}) {
      queue = [...steps];
      repeat = o.repeat ?? false;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
