// LLM provider factory. A tier exists only when a provider key does; with no keys the
// deployment runs on the local tier alone. Every client points at a configurable base URL.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatGoogleGenerativeAI } from "@langchain/google-genai";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../../core/config.js";
import type { TierName } from "../types.js";

export type LlmTier = Exclude<TierName, "local">;
export type ProviderName = "openai" | "gemini";

export interface ModelSettings {
  openai?: { apiKey: string; baseUrl: string; fastModel: string; smartModel: string };
  gemini?: { apiKey: string; baseUrl: string; fastModel: string; smartModel: string };
  timeoutMs: number;
  /** Retries inside one provider before falling back to the next (keep it small). */
  maxRetries: number;
}

export interface ProviderModel {
  tier: LlmTier;
  provider: ProviderName;
  model: string;
  chat: BaseChatModel;
}

export function modelSettingsFromConfig(config: Config, maxRetries = 1): ModelSettings {
  const s: ModelSettings = { timeoutMs: config.LLM_TIMEOUT_MS, maxRetries };
  if (config.OPENAI_API_KEY) {
    s.openai = {
      apiKey: config.OPENAI_API_KEY,
      baseUrl: config.OPENAI_BASE_URL,
      fastModel: config.OPENAI_FAST_MODEL,
      smartModel: config.OPENAI_SMART_MODEL,
    };
  }
  if (config.GOOGLE_API_KEY) {
    s.gemini = {
      apiKey: config.GOOGLE_API_KEY,
      baseUrl: config.GEMINI_BASE_URL,
      fastModel: config.GEMINI_FAST_MODEL,
      smartModel: config.GEMINI_SMART_MODEL,
    };
  }
  return s;
}

function openai(s: ModelSettings, tier: LlmTier): ProviderModel | undefined {
  if (!s.openai) return undefined;
  const model = tier === "fast" ? s.openai.fastModel : s.openai.smartModel;
  const chat = new ChatOpenAI({
    model,
    apiKey: s.openai.apiKey,
    configuration: { baseURL: s.openai.baseUrl },
    timeout: s.timeoutMs,
    maxRetries: s.maxRetries,
    // Non-streaming: usage comes from the response, never from local token counting
    // (which would try to download tiktoken encodings).
    streaming: false,
    useResponsesApi: false,
  });
  return { tier, provider: "openai", model, chat };
}

function gemini(s: ModelSettings, tier: LlmTier): ProviderModel | undefined {
  if (!s.gemini) return undefined;
  const model = tier === "fast" ? s.gemini.fastModel : s.gemini.smartModel;
  const chat = new ChatGoogleGenerativeAI({
    model,
    apiKey: s.gemini.apiKey,
    baseUrl: s.gemini.baseUrl,
    maxRetries: s.maxRetries,
    streaming: false,
  });
  return { tier, provider: "gemini", model, chat };
}

/** Each LLM tier's providers in preference order (OpenAI first, then Gemini). */
export function createProviders(s: ModelSettings): Record<LlmTier, ProviderModel[]> {
  const build = (tier: LlmTier) => [openai(s, tier), gemini(s, tier)].filter((p): p is ProviderModel => !!p);
  return { fast: build("fast"), smart: build("smart") };
}
