// The fake embedding endpoints refuse what the real ones refuse, in the providers' own
// error envelopes, so a client sending a wrong body fails here as it would in production.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "./gemini.js";
import { startFakeOpenAI, type FakeOpenAI } from "./openai.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
const json = async (res: Response): Promise<any> => res.json();

describe("fake OpenAI /v1/embeddings", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  const post = (body: unknown, key = fake.apiKey) =>
    fetch(`${fake.url}/embeddings`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("answers floats by default, in the documented shape", async () => {
    const res = await post({ model: "text-embedding-3-small", input: "hello", dimensions: 4 });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ object: "list", model: "text-embedding-3-small", data: [{ object: "embedding", index: 0 }], usage: { prompt_tokens: 2, total_tokens: 2 } });
    expect(body.data[0].embedding).toHaveLength(4);
  });

  it.each([
    [{ model: "text-embedding-3-small", input: [] }, 400, "'$.input' is invalid"],
    [{ model: "text-embedding-3-small", input: ["ok", ""] }, 400, "'$.input' is invalid"],
    [{ model: "text-embedding-ada-002", input: "x", dimensions: 8 }, 400, "does not support specifying dimensions"],
    [{ model: "text-embedding-3-small", input: "x", dimensions: 4000 }, 400, "Invalid value for 'dimensions'"],
    [{ model: "text-embedding-3-small", input: "x", encoding_format: "int8" }, 400, "Supported values are: 'float' and 'base64'"],
    [{ model: "gpt-4o", input: "x" }, 404, "does not exist"],
  ])("refuses %j", async (body, status, message) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect((await json(res)).error.message).toContain(message);
  });

  it("refuses a wrong key with 401 and a 429 carries rate-limit headers", async () => {
    expect((await post({ model: "text-embedding-3-small", input: "x" }, "sk-other")).status).toBe(401);
    fake.embeddings.fail([429]);
    const res = await post({ model: "text-embedding-3-small", input: "x" });
    expect(res.status).toBe(429);
    expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect((await json(res)).error.code).toBe("rate_limit_exceeded");
  });
});

describe("fake Gemini embeddings", () => {
  let fake: FakeGemini;
  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());
  const post = (path: string, body: unknown) =>
    fetch(`${fake.url}/v1beta/models/${path}`, { method: "POST", headers: { "x-goog-api-key": fake.apiKey, "content-type": "application/json" }, body: JSON.stringify(body) });
  const req = (text: string, extra: Record<string, unknown> = {}) => ({ model: "models/gemini-embedding-001", content: { parts: [{ text }] }, ...extra });

  it("answers batchEmbedContents and embedContent in the documented shape", async () => {
    const batch = await json(await post("gemini-embedding-001:batchEmbedContents", { requests: [req("a", { outputDimensionality: 8 }), req("b")] }));
    expect(batch.embeddings.map((e: { values: number[] }) => e.values.length)).toEqual([8, 3072]);
    const one = await json(await post("gemini-embedding-001:embedContent", { content: { parts: [{ text: "a" }] }, outputDimensionality: 8 }));
    expect(one.embedding.values).toEqual(batch.embeddings[0].values);
  });

  it.each([
    [{ requests: [req("a", { model: "models/text-embedding-004" })] }, "must be the model in the URL"],
    [{ requests: [{ model: "models/gemini-embedding-001", content: { parts: [] } }] }, "must not be empty"],
    [{ requests: [req("a", { taskType: "RETRIEVAL" })] }, "task_type"],
    [{ requests: [req("a", { outputDimensionality: 5000 })] }, "output_dimensionality"],
    [{ requests: Array.from({ length: 101 }, () => req("a")) }, "at most 100 requests"],
  ])("refuses %#", async (body, message) => {
    const res = await post("gemini-embedding-001:batchEmbedContents", body);
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(error.message).toContain(message);
  });
});
