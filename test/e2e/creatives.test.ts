// Creatives through the whole app: the container picks OpenAI images from the config (its
// fake here), the public route of the real express app serves what was stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAIImages, type FakeOpenAIImages } from "../fakes/openai-images.js";
import { startHarness, type Harness } from "../support/harness.js";

let h: Harness;
let openai: FakeOpenAIImages;

beforeAll(async () => {
  openai = await startFakeOpenAIImages();
  h = await startHarness({ workers: false, env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, PUBLIC_BASE_URL: "https://growai.example.com" } });
});
afterAll(async () => {
  await h.close();
  await openai.close();
});

describe("creatives end to end", () => {
  it("generates with the configured provider and serves the image publicly by token", async () => {
    const { tenantId } = await h.createTenant();
    openai.script([{ image: { rgb: [1, 2, 3] } }]);
    const ai = await h.c.creatives.create(tenantId, { businessName: "Test Salon", offer: "20% off cuts this week" });
    expect(ai).toMatchObject({ provider: "openai", width: 1024 });
    expect(ai.url).toBe(`https://growai.example.com${ai.path}`);
    const res = await fetch(`${h.baseUrl}${ai.path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(openai.images[0]!)).toBe(true);

    const card = await h.c.creatives.create(tenantId, { businessName: "Test Salon", offer: "20% off cuts this week", provider: "local" });
    const served = await fetch(`${h.baseUrl}${card.path}`);
    expect(served.headers.get("etag")).toBe(`"${card.sha256}"`);
    expect((await fetch(`${h.baseUrl}/creatives/${"x".repeat(32)}`)).status).toBe(404);
  });
});
