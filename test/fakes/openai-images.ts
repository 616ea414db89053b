// A fake OpenAI Images API (POST /v1/images/generations) speaking the real wire format:
// Bearer auth, the GPT image models' parameters (b64_json always; `response_format` is
// refused for them, as the real API does), `usage` with image tokens, and OpenAI's error
// bodies {error:{message,type,param,code}} — 401 bad key, 429 rate limit, 400
// `moderation_blocked` (the safety system), 500. Answers from a script, one step a request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody } from "./http.js";
import { solidPng } from "./png.js";

export interface ImagesRequest {
  model?: string;
  prompt?: string;
  n?: number;
  size?: string;
  quality?: string;
  output_format?: string;
  response_format?: string;
  [k: string]: unknown;
}

export interface CapturedImagesRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: ImagesRequest;
  status: number;
  response: unknown;
}

export type ImagesStep =
  /** A square PNG of this colour (default 1024×1024); `usage: false` leaves `usage` out. */
  | { image: { rgb: [number, number, number]; side?: number }; usage?: false }
  /** Raw b64_json (e.g. not an image). */
  | { b64: string }
  | { status: 429 | 500 | 503 }
  | { policy: true };

export interface FakeOpenAIImages {
  /** Including /v1, for OPENAI_BASE_URL. */
  url: string;
  apiKey: string;
  requests: CapturedImagesRequest[];
  /** The PNG bytes of each image answered, in order. */
  images: Buffer[];
  script(steps: ImagesStep[]): void;
  close(): Promise<void>;
}

const MODELS = new Set(["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5"]);
const SIZES = new Set(["1024x1024", "1536x1024", "1024x1536", "auto"]);
const QUALITIES = new Set(["low", "medium", "high", "auto"]);
const FORMATS = new Set(["png", "jpeg", "webp"]);
const OUTPUT_TOKENS: Record<string, number> = { low: 272, medium: 1056, high: 4160, auto: 1056 };

const err = (message: string, type: string, code: string | null, param: string | null = null) => ({ error: { message, type, param, code } });

/** What the real API refuses about a GPT image request; null when acceptable. */
export function validateImagesRequest(b: ImagesRequest): { status: number; body: unknown } | null {
  if (typeof b.model !== "string" || !MODELS.has(b.model)) return { status: 400, body: err(`Invalid value: '${String(b.model)}'. Value must be one of ${[...MODELS].join(", ")}.`, "invalid_request_error", "invalid_value", "model") };
  if (typeof b.prompt !== "string" || b.prompt.length === 0) return { status: 400, body: err("Missing required parameter: 'prompt'.", "invalid_request_error", "missing_required_parameter", "prompt") };
  if (b.prompt.length > 32_000) return { status: 400, body: err("Invalid 'prompt': string too long.", "invalid_request_error", "string_above_max_length", "prompt") };
  if (b.response_format !== undefined) return { status: 400, body: err("Unknown parameter: 'response_format'.", "invalid_request_error", "unknown_parameter", "response_format") };
  if (b.n !== undefined && (!Number.isInteger(b.n) || b.n < 1 || b.n > 10)) return { status: 400, body: err("Invalid 'n'.", "invalid_request_error", "invalid_value", "n") };
  if (b.size !== undefined && !SIZES.has(b.size)) return { status: 400, body: err(`Invalid value: '${b.size}'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.`, "invalid_request_error", "invalid_value", "size") };
  if (b.quality !== undefined && !QUALITIES.has(b.quality)) return { status: 400, body: err(`Invalid value: '${b.quality}'.`, "invalid_request_error", "invalid_value", "quality") };
  if (b.output_format !== undefined && !FORMATS.has(b.output_format)) return { status: 400, body: err(`Invalid value: '${b.output_format}'.`, "invalid_request_error", "invalid_value", "output_format") };
  return null;
}

const ERRORS = {
  429: err("Rate limit reached for gpt-image-1 in organization org-fake on images per minute (IPM): Limit 5, Used 5, Requested 1. Please try again in 12s.", "requests", "rate_limit_exceeded"),
  500: err("The server had an error while processing your request. Sorry about that!", "server_error", null),
  503: err("The engine is currently overloaded, please try again later", "server_error", null),
};
const POLICY = err("Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req_fake.", "image_generation_user_error", "moderation_blocked");

export async function startFakeOpenAIImages(opts: { apiKey?: string } = {}): Promise<FakeOpenAIImages> {
  const apiKey = opts.apiKey ?? "sk-test-fake-openai-images";
  const requests: CapturedImagesRequest[] = [];
  const images: Buffer[] = [];
  let queue: ImagesStep[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    let body: ImagesRequest = {};
    try {
      body = text ? (JSON.parse(text) as ImagesRequest) : {};
    } catch {
      /* answered below */
    }
    const captured: CapturedImagesRequest = { method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body, status: 0, response: null };
    requests.push(captured);
    if (req.method !== "POST" || req.url !== "/v1/images/generations") return answerJson(res, captured, { status: 404, body: err(`Invalid URL (${req.method} ${req.url})`, "invalid_request_error", null) });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return answerJson(res, captured, { status: 401, body: err("Incorrect API key provided.", "invalid_request_error", "invalid_api_key") });
    if (!String(req.headers["content-type"]).startsWith("application/json")) return answerJson(res, captured, { status: 400, body: err("Invalid Content-Type header.", "invalid_request_error", null) });
    const problem = validateImagesRequest(body);
    if (problem) return answerJson(res, captured, problem);
    const step = queue.shift();
    if (!step) return answerJson(res, captured, { status: 500, body: err("fake: script exhausted", "server_error", null) });
    if ("status" in step) return answerJson(res, captured, { status: step.status, body: ERRORS[step.status], ...(step.status === 429 ? { headers: { "retry-after": "12" } } : {}) });
    if ("policy" in step) return answerJson(res, captured, { status: 400, body: POLICY });
    let b64: string;
    if ("b64" in step) b64 = step.b64;
    else {
      const png = solidPng(step.image.side ?? 1024, step.image.side ?? 1024, step.image.rgb);
      images.push(png);
      b64 = png.toString("base64");
    }
    const quality = body.quality ?? "auto";
    const inputTokens = Math.ceil((body.prompt ?? "").length / 4);
    const outputTokens = OUTPUT_TOKENS[quality] ?? 1056;
    const usage = "image" in step && step.usage === false ? {} : {
      usage: { input_tokens: inputTokens, input_tokens_details: { image_tokens: 0, text_tokens: inputTokens }, output_tokens: outputTokens, total_tokens: inputTokens + outputTokens },
    };
    answerJson(res, captured, {
      status: 200,
      body: { created: Math.floor(Date.now() / 1000), background: "opaque", data: [{ b64_json: b64 }], output_format: body.output_format ?? "png", quality: quality === "auto" ? "medium" : quality, size: body.size ?? "1024x1024", ...usage },
    });
  };

  const server = await listen(handle);
  return {
    url: `${server.baseUrl}/v1`,
    apiKey,
    requests,
    images,
    script(steps) {
      queue = [...steps];
    },
    close: () => server.close(),
  };
}
