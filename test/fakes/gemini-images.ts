// A fake Gemini API for image generation, speaking generateContent's wire format:
// POST /v1beta/models/{model}:generateContent with `x-goog-api-key`; an image-capable model
// asked for the IMAGE modality answers a text part and an `inlineData` part (base64 PNG)
// with usageMetadata; without IMAGE in responseModalities it answers text only, as the real
// one does. Google's error bodies {error:{code,message,status}}: 400 API_KEY_INVALID, 404,
// 429 RESOURCE_EXHAUSTED, 500; a blocked prompt (promptFeedback.blockReason) and a refused
// image (finishReason IMAGE_SAFETY, no parts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody } from "./http.js";
import { solidPng } from "./png.js";

export interface GeminiImageRequestBody {
  contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
  generationConfig?: { responseModalities?: string[]; imageConfig?: { aspectRatio?: string }; [k: string]: unknown };
  [k: string]: unknown;
}

export interface CapturedGeminiImageRequest {
  method: string;
  path: string;
  model: string;
  apiKey: string | undefined;
  body: GeminiImageRequestBody;
  status: number;
  response: unknown;
}

export type GeminiImageStep =
  | { image: { rgb: [number, number, number]; side?: number } }
  | { status: 429 | 500 | 503 }
  /** The prompt itself is blocked: no candidates, promptFeedback.blockReason. */
  | { blockPrompt: "SAFETY" | "PROHIBITED_CONTENT" | "OTHER" }
  /** The candidate stops without an image. */
  | { finish: "IMAGE_SAFETY" | "SAFETY" | "PROHIBITED_CONTENT" };

export interface FakeGeminiImages {
  /** For GEMINI_BASE_URL (the SDK appends /v1beta/models/...). */
  url: string;
  apiKey: string;
  requests: CapturedGeminiImageRequest[];
  images: Buffer[];
  script(steps: GeminiImageStep[]): void;
  close(): Promise<void>;
}

const IMAGE_MODELS = new Set(["gemini-2.5-flash-image", "gemini-2.5-flash-image-preview", "gemini-3-pro-image-preview"]);
const STATUS = { 400: "INVALID_ARGUMENT", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" } as const;
const MESSAGES = {
  429: "Resource has been exhausted (e.g. check quota).",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
};
const gErr = (code: keyof typeof STATUS, message: string, details?: unknown[]) => ({ error: { code, message, status: STATUS[code], ...(details ? { details } : {}) } });

export async function startFakeGeminiImages(opts: { apiKey?: string } = {}): Promise<FakeGeminiImages> {
  const apiKey = opts.apiKey ?? "test-fake-gemini-images-key";
  const requests: CapturedGeminiImageRequest[] = [];
  const images: Buffer[] = [];
  let queue: GeminiImageStep[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    let body: GeminiImageRequestBody = {};
    try {
      body = text ? (JSON.parse(text) as GeminiImageRequestBody) : {};
    } catch {
      /* answered below */
    }
    const m = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(req.url ?? "");
    const key = req.headers["x-goog-api-key"] as string | undefined;
    const captured: CapturedGeminiImageRequest = { method: req.method ?? "", path: req.url ?? "", model: m?.[1] ?? "", apiKey: key, body, status: 0, response: null };
    requests.push(captured);
    if (req.method !== "POST" || !m) return answerJson(res, captured, { status: 404, body: gErr(404, `Method not found: ${req.url}`) });
    if (key !== apiKey) {
      return answerJson(res, captured, { status: 400, body: gErr(400, "API key not valid. Please pass a valid API key.", [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com" }]) });
    }
    if (!IMAGE_MODELS.has(m[1]!)) return answerJson(res, captured, { status: 404, body: gErr(404, `models/${m[1]} is not found for API version v1beta, or is not supported for generateContent.`) });
    const prompt = body.contents?.[0]?.parts?.map((p) => p.text ?? "").join("") ?? "";
    if (!Array.isArray(body.contents) || body.contents.length === 0 || !prompt) return answerJson(res, captured, { status: 400, body: gErr(400, "* GenerateContentRequest.contents: contents is not specified") });
    const modalities = (body.generationConfig?.responseModalities ?? []).map((s) => s.toUpperCase());
    if (modalities.some((x) => x !== "TEXT" && x !== "IMAGE")) return answerJson(res, captured, { status: 400, body: gErr(400, "Invalid value at 'generation_config.response_modalities'") });
    const step = queue.shift();
    if (!step) return answerJson(res, captured, { status: 500, body: gErr(500, "fake: script exhausted") });
    if ("status" in step) return answerJson(res, captured, { status: step.status, body: gErr(step.status, MESSAGES[step.status]) });
    const promptTokenCount = Math.ceil(prompt.length / 4);
    const meta = { modelVersion: m[1], responseId: `fake-${requests.length}` };
    if ("blockPrompt" in step) {
      return answerJson(res, captured, { status: 200, body: { promptFeedback: { blockReason: step.blockPrompt }, usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount }, ...meta } });
    }
    if ("finish" in step) {
      return answerJson(res, captured, { status: 200, body: { candidates: [{ content: { role: "model", parts: [] }, finishReason: step.finish, index: 0 }], usageMetadata: { promptTokenCount, totalTokenCount: promptTokenCount }, ...meta } });
    }
    const parts: unknown[] = [{ text: "Here is your promotional image." }];
    let candidatesTokenCount = 8;
    if (modalities.includes("IMAGE")) {
      const png = solidPng(step.image.side ?? 1024, step.image.side ?? 1024, step.image.rgb);
      images.push(png);
      parts.push({ inlineData: { mimeType: "image/png", data: png.toString("base64") } });
      candidatesTokenCount += 1290;
    }
    answerJson(res, captured, {
      status: 200,
      body: {
        candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount, candidatesTokenCount, totalTokenCount: promptTokenCount + candidatesTokenCount },
        ...meta,
      },
    });
  };

  const server = await listen(handle);
  return {
    url: server.baseUrl,
    apiKey,
    requests,
    images,
    script(steps) {
      queue = [...steps];
    },
    close: () => server.close(),
  };
}
