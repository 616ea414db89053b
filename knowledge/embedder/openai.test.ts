// OpenAIEmbedder through the real LangChain/openai client against the fake OpenAI server:
// wire format (base64 by default), batching, dimensions, and errors surfaced clearly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeVector } from "../../test/fakes/embedding-vectors.js";
import { listen, type FakeServer } from "../../test/fakes/http.js";
import { startFakeOpenAI, type FakeOpenAI } from "../../test/fakes/openai.js";
import { dot } from "./local.js";
import { OpenAIEmbedder } from "./openai.js";

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

describe("OpenAIEmbedder", () => {
  let fake: FakeOpenAI;
  // the fake stands in for api.openai.com: the SDK's default base64 encoding, as there
  const make = (o: Partial<ConstructorParameters<typeof OpenAIEmbedder>[0]> = {}) =>
    new OpenAIEmbedder({ apiKey: fake.apiKey, baseUrl: fake.url, maxRetries: 0, encodingFormat: "base64", ...o });

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.embeddings.requests.length = 0;
    fake.embeddings.rejected.length = 0;
    fake.embeddings.fail([]);
  });

  it("records provider, model and dim in its id", () => {
    expect(make().id).toBe("openai:text-embedding-3-small:1536");
    expect(make({ model: "text-embedding-3-large", dimensions: 256 }).id).toBe("openai:text-embedding-3-large:256");
  });

  it("sends the official request shape and decodes the base64 float32 answer into unit vectors", async () => {
    const [a, b] = await make().embed(["Opening hours\nMonday closed", "gel manicure"]);
    expect(fake.embeddings.requests).toEqual([
      { model: "text-embedding-3-small", input: ["Opening hours Monday closed", "gel manicure"], encoding_format: "base64" },
    ]);
    expect(fake.embeddings.rejected).toEqual([]);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a!.length).toBe(1536);
    // the same numbers the fake encoded, so the base64 decoding is right
    const want = unit(fakeVector("Opening hours Monday closed", 1536, 0x0a1));
    expect(Array.from(a!).every((x, i) => Math.abs(x - want[i]!) < 1e-6)).toBe(true);
    expect(dot(b!, b!)).toBeCloseTo(1, 5);
  });

  it("asks for a shorter vector with `dimensions` and checks what comes back", async () => {
    const e = make({ dimensions: 256 });
    const [v] = await e.embed(["balayage"]);
    expect(fake.embeddings.requests[0]).toMatchObject({ dimensions: 256 });
    expect(v!.length).toBe(256);
  });

  it("splits large inputs into batches and keeps the order", async () => {
    const texts = ["one", "two", "three", "four", "five"];
    const vectors = await make({ batchSize: 2 }).embed(texts);
    expect(fake.embeddings.requests.map((r) => r.input)).toEqual([["one", "two"], ["three", "four"], ["five"]]);
    const single = await make().embed(["four"]);
    expect(Array.from(vectors[3]!)).toEqual(Array.from(single[0]!));
  });

  it("asks a compatible (non-OpenAI) server for floats, and reads them", async () => {
    const [v] = await make({ encodingFormat: undefined }).embed(["gel manicure"]);
    expect(fake.embeddings.requests[0]).toMatchObject({ encoding_format: "float" });
    const [w] = await make().embed(["gel manicure"]);
    expect(Array.from(v!).every((x, i) => Math.abs(x - w![i]!) < 1e-6)).toBe(true);
  });

  it("makes no request for no texts", async () => {
    expect(await make().embed([])).toEqual([]);
    expect(fake.embeddings.requests).toHaveLength(0);
  });

  it("surfaces a 401 with the provider's message, without retrying", async () => {
    const err = await make({ apiKey: "sk-wrong", maxRetries: 3 }).embed(["x"]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unavailable", provider: "openai", providerStatus: 401 });
    expect((err as Error).message).toMatch(/^OpenAI embeddings \(text-embedding-3-small\) authentication failed: 401 Incorrect API key provided/);
    expect((err as Error).message).not.toContain("sk-wrong");
    expect(fake.embeddings.rejected).toHaveLength(1);
  });

  it("surfaces a 429 as rate_limited once retries are spent, and recovers when a retry succeeds", async () => {
    fake.embeddings.fail([429]);
    const err = await make().embed(["x"]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "rate_limited", providerStatus: 429 });
    expect((err as Error).message).toContain("Rate limit reached");

    fake.embeddings.fail([429]);
    const [v] = await make({ maxRetries: 1 }).embed(["x"]);
    expect(v!.length).toBe(1536);
    expect(fake.embeddings.requests).toHaveLength(3);
  });

  it("surfaces a 500 after its retries", async () => {
    fake.embeddings.fail([500, 500]);
    const err = await make({ maxRetries: 1 }).embed(["x"]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/failed \(HTTP 500\): 500 The server had an error/);
    expect(fake.embeddings.requests).toHaveLength(2);
  });

  it("gives up after its timeout", async () => {
    fake.embeddings.fail([{ hangMs: 1500 }]);
    const t0 = Date.now();
    const err = await make({ timeoutMs: 200 }).embed(["x"]).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/timed out/);
    expect(Date.now() - t0).toBeLessThan(1400);
  });

  it("refuses a missing key and an unknown model without a dimension", () => {
    expect(() => new OpenAIEmbedder({ apiKey: undefined })).toThrow(/OpenAI embeddings are not configured \(set OPENAI_API_KEY\)/);
    expect(() => make({ model: "nomic-embed-text" })).toThrow(/set its dimension/);
    expect(make({ model: "nomic-embed-text", dimensions: 768 }).id).toBe("openai:nomic-embed-text:768");
  });

  describe("against a compatible server that answers floats of the wrong size", () => {
    let server: FakeServer;
    const formats: unknown[] = [];
    beforeAll(async () => {
      server = await listen(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        formats.push((JSON.parse(Buffer.concat(chunks).toString()) as { encoding_format?: unknown }).encoding_format);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2, 0.3] }], model: "m", usage: { prompt_tokens: 1, total_tokens: 1 } }));
      });
    });
    afterAll(() => server.close());

    it("refuses the vector instead of storing it", async () => {
      const e = new OpenAIEmbedder({ apiKey: "k", baseUrl: `${server.baseUrl}/v1`, model: "local-model", dimensions: 768, maxRetries: 0 });
      await expect(e.embed(["x"])).rejects.toThrow(/returned a vector of length 3, expected 768/);
      expect(formats).toEqual(["float"]);
    });

    it("refuses what the SDK misreads when base64 is asked of a server that ignores it", async () => {
      const e = new OpenAIEmbedder({ apiKey: "k", baseUrl: `${server.baseUrl}/v1`, model: "local-model", dimensions: 3, maxRetries: 0, encodingFormat: "base64" });
      await expect(e.embed(["x"])).rejects.toThrow(/returned a vector of length 0, expected 3/);
    });
  });
});
