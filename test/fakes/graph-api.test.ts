// The fake Graph API refuses what Graph refuses. Raw fetch, no client code in between.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGraphApi, type FakeGraphApi } from "./graph-api.js";

const PN = "109876543210987";
const OTHER_PN = "208765432109876";
const TOKEN = "tok-109";
let graph: FakeGraphApi;

beforeAll(async () => {
  graph = await startFakeGraphApi({ tokens: { [PN]: TOKEN } });
  graph.setToken(OTHER_PN, "tok-208");
});
afterAll(async () => {
  await graph.close();
});
beforeEach(() => graph.reset());

const text = { messaging_product: "whatsapp", recipient_type: "individual", to: "919812345678", type: "text", text: { body: "hi" } };

async function post(body: unknown, opts: { token?: string | null; path?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  const res = await fetch(`${graph.baseUrl}${opts.path ?? `/v23.0/${PN}/messages`}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { error?: { code: number; message: string; error_subcode?: number; error_data?: { details: string } }; messages?: Array<{ id: string }> } };
}

describe("fake Graph API", () => {
  it("accepts a valid text send with the real response shape", async () => {
    const { status, json } = await post(text);
    expect(status).toBe(200);
    expect(json).toMatchObject({ messaging_product: "whatsapp", contacts: [{ input: "919812345678", wa_id: "919812345678" }] });
    expect(json.messages?.[0]?.id).toMatch(/^wamid\.[A-Za-z0-9_-]{32}$/);
    expect(graph.sends()[0]?.providerMessageId).toBe(json.messages?.[0]?.id);
  });

  it.each([
    ["no token", null],
    ["an unknown token", "nope"],
  ])("answers 190 with HTTP 401 for %s", async (_l, token) => {
    const { status, json } = await post(text, { token });
    expect(status).toBe(401);
    expect(json.error?.code).toBe(190);
    expect(graph.sends()).toHaveLength(0);
  });

  it("answers 100/33 when a valid token does not own the phone number id", async () => {
    const { status, json } = await post(text, { token: "tok-208" });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(json.error?.message).toContain(`'${PN}'`);
  });

  it("answers 2500 for another version or edge", async () => {
    expect((await post(text, { path: `/v19.0/${PN}/messages` })).json.error?.code).toBe(2500);
    expect((await post(text, { path: `/v23.0/${PN}/media` })).json.error?.code).toBe(2500);
  });

  it.each([
    ["wrong product", { ...text, messaging_product: "sms" }],
    ["empty text", { ...text, text: { body: "  " } }],
    ["text over 4096", { ...text, text: { body: "x".repeat(4097) } }],
    ["bad recipient", { ...text, to: "not-a-number" }],
    ["unsupported type", { ...text, type: "image" }],
    ["4 buttons", { ...text, type: "interactive", interactive: { type: "button", body: { text: "pick" }, action: { buttons: [1, 2, 3, 4].map((i) => ({ type: "reply", reply: { id: `b${i}`, title: `B${i}` } })) } } }],
    ["title over 20", { ...text, type: "interactive", interactive: { type: "button", body: { text: "pick" }, action: { buttons: [{ type: "reply", reply: { id: "a", title: "x".repeat(21) } }] } } }],
    ["duplicate ids", { ...text, type: "interactive", interactive: { type: "button", body: { text: "pick" }, action: { buttons: [{ type: "reply", reply: { id: "a", title: "A" } }, { type: "reply", reply: { id: "a", title: "B" } }] } } }],
  ])("answers code 100 with HTTP 400 for %s", async (_l, body) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(json.error?.code).toBe(100);
    expect(json.error?.error_data?.details).toBeTruthy();
  });

  it("waitForSends resolves once enough sends arrived and rejects at its deadline", async () => {
    const waiting = graph.waitForSends(2, 2000);
    await post(text);
    await post(text);
    expect(await waiting).toHaveLength(2);
    await expect(graph.waitForSends(3, 50)).rejects.toThrow(/expected 3 sends, saw 2/);
  });
});
