// The WhatsApp sender against the fake Graph API over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { startFakeGraphApi, whatsappFixture, type FakeGraphApi, type GraphErrorBody } from "../../test/fakes/graph-api.js";
import type { SenderAccount } from "../types.js";
import { createWhatsAppSender, type WhatsAppSender } from "./adapter.js";
import { WhatsAppSendError } from "./errors.js";

const PN = "109876543210987";
const TOKEN = "EAAG-test-token-8c1d2e3f4a5b6c7d8e9f";
const account: SenderAccount = { externalId: PN, credentials: { accessToken: TOKEN } };
const TO = "919812345678";

let graph: FakeGraphApi;
let sender: WhatsAppSender;

beforeEach(async () => {
  graph = await startFakeGraphApi({ tokens: { [PN]: TOKEN } });
  sender = createWhatsAppSender({ baseUrl: graph.baseUrl, apiVersion: graph.apiVersion, timeoutMs: 2000 });
});
afterEach(async () => {
  await graph.close();
});

async function sendError(promise: Promise<unknown>): Promise<WhatsAppSendError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WhatsAppSendError);
  expect(err).toBeInstanceOf(AppError);
  const e = err as WhatsAppSendError;
  const visible = JSON.stringify({ message: e.message, details: e.details, providerCode: e.providerCode });
  expect(visible).not.toContain(TOKEN);
  return e;
}

describe("send: wire format", () => {
  it("declares its channel and capabilities", () => {
    expect(sender.channel).toBe("whatsapp");
    expect(sender.capabilities).toEqual({ buttons: true, readReceipts: true, typing: false, templates: true, freeFormWindowHours: 24 });
  });

  it("sends a text message with the right path, bearer token and body", async () => {
    const result = await sender.send(account, { to: TO, text: "Hello! We open at **10 am**." });
    const [req] = graph.requests;
    expect(graph.requests).toHaveLength(1);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe(`/v23.0/${PN}/messages`);
    expect(req?.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.body).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: TO,
      type: "text",
      text: { body: "Hello! We open at *10 am*.", preview_url: false },
    });
    expect(req?.status).toBe(200);
    expect(result.providerMessageId).toMatch(/^wamid\./);
    expect(result.providerMessageId).toBe(req?.providerMessageId);
  });

  it("adds context, callback data and link previews", async () => {
    await sender.send(account, {
      to: TO,
      text: "Pay here: [link](https://pay.example/abc)",
      replyTo: "wamid.INBOUND123",
      callbackData: "msg_01JH7Q8Z3K4M5N6P7R8S9T0V1W",
    });
    expect(graph.requests[0]?.body).toMatchObject({
      type: "text",
      text: { body: "Pay here: link: https://pay.example/abc", preview_url: true },
      context: { message_id: "wamid.INBOUND123" },
      biz_opaque_callback_data: "msg_01JH7Q8Z3K4M5N6P7R8S9T0V1W",
    });
  });

  it("sends buttons as an interactive reply-button message, titles capped at 20", async () => {
    const long = "x".repeat(1500);
    await sender.send(account, {
      to: TO,
      text: `Which slot? ${long}`,
      buttons: [
        { id: "slot:17:30", title: "5:30 pm" },
        { id: "slot:18:00", title: "6:00 pm, with the senior stylist" },
      ],
    });
    const body = graph.sends()[0]?.body as { type: string; interactive: { type: string; body: { text: string }; action: { buttons: unknown[] } } };
    expect(body.type).toBe("interactive");
    expect(body.interactive.type).toBe("button");
    expect(body.interactive.body.text.length).toBeLessThanOrEqual(1024);
    expect(body.interactive.body.text.startsWith("Which slot?")).toBe(true);
    expect(body.interactive.action.buttons).toEqual([
      { type: "reply", reply: { id: "slot:17:30", title: "5:30 pm" } },
      { type: "reply", reply: { id: "slot:18:00", title: "6:00 pm, with the s…" } },
    ]);
  });

  it("refuses more than 3 buttons or oversized ids before any request", async () => {
    const four = [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `B${i}` }));
    expect((await sendError(sender.send(account, { to: TO, text: "pick", buttons: four }))).disposition).toBe("fail");
    const bigId = [{ id: "i".repeat(257), title: "ok" }];
    expect((await sendError(sender.send(account, { to: TO, text: "pick", buttons: bigId }))).disposition).toBe("fail");
    expect(graph.requests).toHaveLength(0);
  });

  it("fails with not_configured and makes no request when the access token is missing", async () => {
    const e = await sendError(sender.send({ externalId: PN, credentials: {} }, { to: TO, text: "hi" }));
    expect(e.disposition).toBe("fail");
    expect(e.code).toBe("not_configured");
    expect(graph.requests).toHaveLength(0);
  });

  it("marks a message as read", async () => {
    await sender.markRead(account, "wamid.INBOUND123");
    expect(graph.requests[0]?.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.INBOUND123" });
    expect(graph.requests[0]?.status).toBe(200);
  });
});

describe("send: failures map to dispositions", () => {
  it.each([
    ["error-130429-rate-limit.json", 400, "retry", "130429", "rate_limited"],
    ["error-130429-rate-limit.json", 500, "retry", "130429", "rate_limited"],
    ["error-131056-pair-rate-limit.json", 400, "retry", "131056", "rate_limited"],
    ["error-131047-reengagement.json", 400, "hold", "131047", "conflict"],
    ["error-190-oauth.json", 401, "fail", "190", "unauthorized"],
    ["error-100-invalid-parameter.json", 400, "fail", "100", "bad_request"],
    ["error-131026-undeliverable.json", 400, "fail", "131026", "bad_request"],
  ] as const)("%s (HTTP %i) → %s", async (file, status, disposition, providerCode, code) => {
    const body = whatsappFixture<GraphErrorBody>(file);
    graph.failNext(body, status);
    const e = await sendError(sender.send(account, { to: TO, text: "hi" }));
    expect(e.disposition).toBe(disposition);
    expect(e.providerCode).toBe(providerCode);
    expect(e.code).toBe(code);
    expect(e.httpStatus).toBe(status);
    expect(e.retryAfterMs).toBeUndefined();
    expect(e.message).toContain(body.error.message);
    expect(graph.requests[0]?.status).toBe(status);
  });

  it("a wrong token gets Graph's real 190 answer → fail, token not echoed", async () => {
    const e = await sendError(sender.send({ externalId: PN, credentials: { accessToken: "EAAG-revoked-token-000" } }, { to: TO, text: "hi" }));
    expect(graph.requests[0]?.status).toBe(401);
    expect(e).toMatchObject({ disposition: "fail", providerCode: "190" });
    expect(e.message).toContain("Invalid OAuth access token");
    expect(e.message).not.toContain("EAAG-revoked-token-000");
  });

  it("HTTP 429 with Retry-After → retry with retryAfterMs", async () => {
    graph.failNext(whatsappFixture("error-130429-rate-limit.json"), 429, { headers: { "retry-after": "7" } });
    const e = await sendError(sender.send(account, { to: TO, text: "hi" }));
    expect(e).toMatchObject({ disposition: "retry", providerCode: "130429", retryAfterMs: 7000, httpStatus: 429 });
  });

  it("the next send succeeds once scripted failures run out", async () => {
    graph.failNext(whatsappFixture("error-131056-pair-rate-limit.json"), 400, 2);
    await sendError(sender.send(account, { to: TO, text: "1" }));
    await sendError(sender.send(account, { to: TO, text: "2" }));
    const ok = await sender.send(account, { to: TO, text: "3" });
    expect(ok.providerMessageId).toMatch(/^wamid\./);
    expect(graph.sends()).toHaveLength(1);
  });

  it("redacts the access token if the provider ever echoes it", async () => {
    graph.failNext({ error: { message: `Token ${TOKEN} is not allowed`, type: "OAuthException", code: 10 } }, 403);
    const e = await sendError(sender.send(account, { to: TO, text: "hi" }));
    expect(e.message).toContain("Token [redacted] is not allowed");
    expect(e.disposition).toBe("fail");
  });

  it("network failure (server closed) → retry", async () => {
    await graph.close();
    const e = await sendError(sender.send(account, { to: TO, text: "hi" }));
    expect(e.disposition).toBe("retry");
    expect(e.message).toBe("WhatsApp send failed: network error");
    expect(e.cause).toBeDefined();
    graph = await startFakeGraphApi(); // afterEach closes this one
  });

  it("timeout → retry, well before the server would answer", async () => {
    const fast = createWhatsAppSender({ baseUrl: graph.baseUrl, apiVersion: graph.apiVersion, timeoutMs: 100 });
    graph.delayNext(3000);
    const started = Date.now();
    const e = await sendError(fast.send(account, { to: TO, text: "hi" }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e.disposition).toBe("retry");
    expect(e.message).toBe("WhatsApp send timed out");
  });

  it("caller abort → retry, reported as aborted", async () => {
    graph.delayNext(3000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await sendError(sender.send(account, { to: TO, text: "hi" }, controller.signal));
    expect(e).toMatchObject({ disposition: "retry", message: "WhatsApp send aborted" });
  });
});
