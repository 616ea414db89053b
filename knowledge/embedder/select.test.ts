// embedderFromConfig: which embedder each configuration gets, as a table.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.js";
import { embedderFromConfig } from "./select.js";

const base = { DATABASE_URL: "postgresql://u@127.0.0.1:5432/db", ADMIN_TOKEN: "t".repeat(24), CREDENTIALS_KEY: "a".repeat(64) };
const config = (env: Record<string, string>) => loadConfig({ ...base, ...env });

describe("embedderFromConfig", () => {
  const cases: Array<[string, Record<string, string>, string | RegExp]> = [
    ["no keys, auto (the default)", {}, "local-hash-v1:512"],
    ["auto with an OpenAI key", { OPENAI_API_KEY: "sk-1" }, "openai:text-embedding-3-small:1536"],
    ["auto with a Google key", { GOOGLE_API_KEY: "g-1" }, "gemini:gemini-embedding-001:768"],
    ["auto with both keys prefers OpenAI", { OPENAI_API_KEY: "sk-1", GOOGLE_API_KEY: "g-1" }, "openai:text-embedding-3-small:1536"],
    ["local even with keys", { EMBEDDINGS_PROVIDER: "local", OPENAI_API_KEY: "sk-1" }, "local-hash-v1:512"],
    ["gemini asked for, both keys", { EMBEDDINGS_PROVIDER: "gemini", OPENAI_API_KEY: "sk-1", GOOGLE_API_KEY: "g-1" }, "gemini:gemini-embedding-001:768"],
    ["openai model and dim", { OPENAI_API_KEY: "sk-1", OPENAI_EMBEDDING_MODEL: "text-embedding-3-large", EMBEDDINGS_DIM: "1024" }, "openai:text-embedding-3-large:1024"],
    ["gemini model", { EMBEDDINGS_PROVIDER: "gemini", GOOGLE_API_KEY: "g-1", GEMINI_EMBEDDING_MODEL: "text-embedding-004" }, "gemini:text-embedding-004:768"],
    ["openai asked for without its key", { EMBEDDINGS_PROVIDER: "openai", GOOGLE_API_KEY: "g-1" }, /OpenAI embeddings are not configured \(set OPENAI_API_KEY\)/],
    ["gemini asked for without its key", { EMBEDDINGS_PROVIDER: "gemini", OPENAI_API_KEY: "sk-1" }, /Gemini embeddings are not configured \(set GOOGLE_API_KEY\)/],
    ["an unknown OpenAI-compatible model needs a dim", { OPENAI_API_KEY: "sk-1", OPENAI_EMBEDDING_MODEL: "nomic-embed-text" }, /set its dimension \(EMBEDDINGS_DIM\)/],
  ];

  it.each(cases)("%s", (_name, env, want) => {
    const c = config(env);
    if (typeof want === "string") expect(embedderFromConfig(c).id).toBe(want);
    else expect(() => embedderFromConfig(c)).toThrow(want);
  });

  it("rejects an unknown provider name at boot", () => {
    expect(() => config({ EMBEDDINGS_PROVIDER: "cohere" })).toThrow(/EMBEDDINGS_PROVIDER/);
  });
});
