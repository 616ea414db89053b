// GeminiEmbedder through LangChain's class and the Google SDK against the fake Gemini
// server: batchEmbedContents wire format, batching at 100, dimensions, and errors that
// surface (LangChain's own batch path would turn them into empty vectors).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "../../test/fakes/gemini.js";
import { dot } from "./local.js";
import { GeminiEmbedder } from "./gemini.js";

describe("GeminiEmbedder", () => {
  let fake: FakeGemini;
  const make = (o: Partial<ConstructorParameters<typeof GeminiEmbedder>[0]> = {}) =>
    new GeminiEmbedder({ apiKey: fake.apiKey, baseUrl: fake.url, maxRetries: 0, ...o });

  beforeAll(async () => {
    fake = await startFakeGemini();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.embeddings.calls.length = 0;
    fake.embeddings.rejected.length = 0;
    fake.embeddings.fail([]);
  });

  it("records provider, model and dim in its id (gemini-embedding-001 shortened to 768 by default)", () => {
    expect(make().id).toBe("gemini:gemini-embedding-001:768");
    expect(make({ dimensions: 3072 }).id).toBe("gemini:gemini-embedding-001:3072");
    expect(make({ model: "models/text-embedding-004" }).id).toBe("gemini:text-embedding-004:768");
  });

  it("sends batchEmbedContents with the model on every request and returns unit vectors", async () => {
    const [a, b] = await make({ taskType: "RETRIEVAL_DOCUMENT" }).embed(["Opening hours\nMonday closed", "gel manicure"]);
    expect(fake.embeddings.rejected).toEqual([]);
    expect(fake.embeddings.calls).toEqual([
      {
        model: "gemini-embedding-001",
        method: "batchEmbedContents",
        requests: [
          { model: "models/gemini-embedding-001", content: { role: "user", parts: [{ text: "Opening hours Monday closed" }] }, taskType: "RETRIEVAL_DOCUMENT", outputDimensionality: 768 },
          { model: "models/gemini-embedding-001", content: { role: "user", parts: [{ text: "gel manicure" }] }, taskType: "RETRIEVAL_DOCUMENT", outputDimensionality: 768 },
        ],
      },
    ]);
    expect(a!.length).toBe(768);
    // the fake's shortened vectors are not unit length; ours are
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(dot(a!, b!)).toBeLessThan(0.9);
  });

  it("does not ask to shorten a model's native size", async () => {
    await make({ model: "text-embedding-004" }).embed(["x"]);
    expect(fake.embeddings.calls[0]!.requests[0]).not.toHaveProperty("outputDimensionality");
  });

  it("splits into batches of at most 100 and keeps the order", async () => {
    const texts = Array.from({ length: 230 }, (_, i) => `treatment number ${i}`);
    const vectors = await make().embed(texts);
    expect(fake.embeddings.calls.map((c) => c.requests.length).sort((x, y) => y - x)).toEqual([100, 100, 30]);
    const [one] = await make().embed(["treatment number 150"]);
    expect(Array.from(vectors[150]!)).toEqual(Array.from(one!));
  });

  it("surfaces an invalid key with Google's message", async () => {
    const err = await make({ apiKey: "wrong-key", maxRetries: 3 }).embed(["x"]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unavailable", provider: "gemini", providerStatus: 400 });
    expect((err as Error).message).toMatch(/authentication failed: \[400 Bad Request\] API key not valid/);
    expect((err as Error).message).not.toContain("wrong-key");
    expect(fake.embeddings.rejected).toHaveLength(1);
  });

  it("surfaces 429 and 500 instead of returning empty vectors", async () => {
    fake.embeddings.fail([429]);
    await expect(make().embed(["x"])).rejects.toMatchObject({ code: "rate_limited", providerStatus: 429, message: expect.stringContaining("Resource has been exhausted") });
    fake.embeddings.fail([500, 500]);
    await expect(make({ maxRetries: 1 }).embed(["x"])).rejects.toThrow(/failed \(HTTP 500\): \[500 Internal Server Error\] An internal error/);
    fake.embeddings.fail([503]);
    const [v] = await make({ maxRetries: 1 }).embed(["x"]);
    expect(v!.length).toBe(768);
  });

  it("surfaces an unknown model as the API's 404", async () => {
    await expect(make({ model: "no-such-model", dimensions: 8 }).embed(["x"])).rejects.toThrow(/HTTP 404.*models\/no-such-model is not found/);
  });

  it("refuses a missing key", () => {
    expect(() => new GeminiEmbedder({ apiKey: "" })).toThrow(/Gemini embeddings are not configured \(set GOOGLE_API_KEY\)/);
  });
});
