// Shared setup of the LLM-tier tests: fake OpenAI and Gemini servers, the real
// PostgreSQL checkpointer, and two tenants with different facts.
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startFakeGemini, type FakeGemini } from "../../test/fakes/gemini.js";
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from "../../test/fakes/openai.js";
import { testDatabaseUrl } from "../../test/support/db.js";
import type { MemoryContactDirectory } from "../../tools/testing/memory-directory.js";
import type { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import { createCheckpointer } from "../checkpointer.js";
import { createAgent, type AgentDeps } from "../index.js";
import type { ModelSettings } from "../models/providers.js";
import { seededDirectory, seededStore, tenant } from "./fixtures.js";

export const VAGUE =
  "My sister and I are coming next week and would love something relaxing, maybe facials, what would you suggest for us both?";

export interface LlmHarness {
  glow: ReturnType<typeof tenant>;
  other: ReturnType<typeof tenant>;
  openai: FakeOpenAI;
  gemini: FakeGemini;
  store: MemoryKnowledgeStore;
  /** Glow Salon's customers (CUSTOMER_NAMES); wired only when a test passes it in `extra`. */
  directory: MemoryContactDirectory;
  agentWith(withGemini: boolean, timeoutMs?: number, extra?: Partial<AgentDeps>): ReturnType<typeof createAgent>;
}

/** Registers the vitest hooks; the returned object is filled in by beforeAll. */
export function llmHarness(): LlmHarness {
  let checkpointer: PostgresSaver;
  const h = { glow: tenant("Glow Salon"), other: tenant("Other Spa") } as LlmHarness;
  const settings = (withGemini: boolean, timeoutMs = 5000): ModelSettings => {
    const s: ModelSettings = {
      timeoutMs,
      maxRetries: 0,
      openai: { apiKey: h.openai.apiKey, baseUrl: h.openai.url, fastModel: "gpt-4o-mini", smartModel: "gpt-4o" },
    };
    if (withGemini) {
      s.gemini = { apiKey: h.gemini.apiKey, baseUrl: h.gemini.url, fastModel: "gemini-2.5-flash", smartModel: "gemini-2.5-pro" };
    }
    return s;
  };
  h.agentWith = (withGemini, timeoutMs, extra = {}) =>
    createAgent({ knowledge: h.store, checkpointer, models: settings(withGemini, timeoutMs), minScore: 0.5, ...extra });
  beforeAll(async () => {
    h.openai = await startFakeOpenAI({ models: ["gpt-4o-mini", "gpt-4o"] });
    h.gemini = await startFakeGemini({ models: ["gemini-2.5-flash", "gemini-2.5-pro"] });
    checkpointer = await createCheckpointer(testDatabaseUrl());
    h.store = await seededStore(h.glow, h.other);
    h.directory = seededDirectory(h.glow, h.other);
  });
  afterEach(() => {
    expect(h.openai.rejected).toEqual([]);
    expect(h.gemini.rejected).toEqual([]);
    h.openai.requests.length = 0;
    h.gemini.requests.length = 0;
  });
  afterAll(async () => {
    await Promise.all([h.openai?.close(), h.gemini?.close(), checkpointer?.end()]);
  });
  return h;
}

export const toolText = (req: ChatRequest) =>
  req.messages.filter((m) => m.role === "tool").map((m) => String(m.content)).join("\n");
