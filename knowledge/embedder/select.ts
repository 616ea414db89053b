// Which embedder a deployment uses, from configuration. EMBEDDINGS_PROVIDER=auto picks
// OpenAI when OPENAI_API_KEY is set, else Gemini when GOOGLE_API_KEY is, else the local
// hashing embedder. Naming a provider without its key is a configuration error, never a
// quiet fall back to local vectors.
import type { Config } from "../../core/config.js";
import type { Embedder } from "../types.js";
import { GeminiEmbedder } from "./gemini.js";
import { LocalHashEmbedder } from "./local.js";
import { OpenAIEmbedder } from "./openai.js";
import { notConfigured } from "./remote.js";

export type EmbedderConfig = Pick<
  Config,
  | "EMBEDDINGS_PROVIDER" | "EMBEDDINGS_DIM" | "LLM_TIMEOUT_MS"
  | "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_EMBEDDING_MODEL"
  | "GOOGLE_API_KEY" | "GEMINI_BASE_URL" | "GEMINI_EMBEDDING_MODEL"
>;

export type EmbedderChoice = "local" | "openai" | "gemini";

/** The provider the configuration asks for (throws "not configured" when its key is missing). */
export function chooseEmbedder(config: EmbedderConfig): EmbedderChoice {
  switch (config.EMBEDDINGS_PROVIDER) {
    case "local":
      return "local";
    case "openai":
      if (!config.OPENAI_API_KEY) throw notConfigured("openai");
      return "openai";
    case "gemini":
      if (!config.GOOGLE_API_KEY) throw notConfigured("gemini");
      return "gemini";
    case "auto":
      return config.OPENAI_API_KEY ? "openai" : config.GOOGLE_API_KEY ? "gemini" : "local";
  }
}

export function embedderFromConfig(config: EmbedderConfig): Embedder {
  const choice = chooseEmbedder(config);
  const common = { dimensions: config.EMBEDDINGS_DIM, timeoutMs: config.LLM_TIMEOUT_MS };
  if (choice === "openai") {
    return new OpenAIEmbedder({ ...common, apiKey: config.OPENAI_API_KEY, baseUrl: config.OPENAI_BASE_URL, model: config.OPENAI_EMBEDDING_MODEL });
  }
  if (choice === "gemini") {
    return new GeminiEmbedder({ ...common, apiKey: config.GOOGLE_API_KEY, baseUrl: config.GEMINI_BASE_URL, model: config.GEMINI_EMBEDDING_MODEL });
  }
  return new LocalHashEmbedder();
}
