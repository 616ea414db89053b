// The SMS sender (twilio SDK, base URL overridden) against the fake Twilio over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { startFakeTwilio, type FakeTwilio } from "../../test/fakes/twilio.js";
import type { ChannelSender, SenderAccount } from "../types.js";
import { createSmsSender, statusCallbackFor } from "./adapter.js";
import { rewriteOrigin } from "./api.js";
import { SmsSendError } from "./errors.js";
import { smsSegments } from "./format.js";

const BIZ = "+14155550100";
const LEAD = "+14155550123";
const CALLBACK = "https://growai.test/webhooks/twilio/sms/status";

let fake: FakeTwilio;
let account: SenderAccount;
let sender: ChannelSender;
let secret: string;

beforeEach(async () => {
  fake = await startFakeTwilio();
  const { accountSid, authToken } = fake.addAccount({ numbers: [BIZ] });
  secret = authToken;
  account = { externalId: BIZ, credentials: { accountSid, authToken } };
  sender = createSmsSender({ baseUrl: fake.baseUrl, statusCallbackUrl: CALLBACK, timeoutMs: 2000 });
});
afterEach(async () => {
  await fake.close();
});

async function sendError(promise: Promise<unknown>): Promise<SmsSendError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SmsSendError);
  expect(err).toBeInstanceOf(AppError);
  const e = err as SmsSendError;
  expect(JSON.stringify({ m: e.message, c: String(e.cause), d: e.details })).not.toContain(secret);
  return e;
}

describe("send: wire format", () => {
  it("declares its channel and capabilities", () => {
    expect(sender.channel).toBe("sms");
    expect(sender.capabilities).toEqual({ buttons: false, readReceipts: false, typing: false, templates: false, maxTextLength: 612 });
  });

  it("POSTs the SDK's form to the fake's Messages.json with Basic auth", async () => {
    const result = await sender.send(account, { to: LEAD, text: "**See you** at 5 — bring your [card](https://pay.example/c1)!", callbackData: "0b6f1c3e-8a57-4c1e-9d0a-3f2b1c4d5e6f" });
    const [req] = fake.requests;
    expect(fake.requests).toHaveLength(1);
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe(`/2010-04-01/Accounts/${account.credentials.accountSid}/Messages.json`);
    expect(req?.headers["authorization"]).toBe(`Basic ${Buffer.from(`${account.credentials.accountSid}:${secret}`).toString("base64")}`);
    expect(req?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req?.headers["user-agent"]).toMatch(/^twilio-node\/6\.2\.0 /);
    expect(req?.form).toEqual({
      To: LEAD,
      From: BIZ,
      Body: "See you at 5 - bring your card https://pay.example/c1!",
      StatusCallback: `${CALLBACK}?cb=0b6f1c3e-8a57-4c1e-9d0a-3f2b1c4d5e6f`,
    });
    expect(req?.status).toBe(201);
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.providerMessageId).toBe(req?.sid);
  });

  it("renders buttons as a numbered reply line and keeps the body within 4 segments", async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Slot ${i} is free today.`).join(" ");
    await sender.send(account, { to: LEAD, text: `Which slot? ${long}`, buttons: [{ id: "a", title: "5:30 pm" }, { id: "b", title: "6 pm" }] });
    const body = fake.sends()[0]?.form["Body"] ?? "";
    expect(body.endsWith("\n\nReply 1 for 5:30 pm, 2 for 6 pm")).toBe(true);
    expect(smsSegments(body)).toMatchObject({ encoding: "GSM-7" });
    expect(smsSegments(body).segments).toBeLessThanOrEqual(4);
  });

  it("requests no status callback when no public URL is configured", async () => {
    const plain = createSmsSender({ baseUrl: fake.baseUrl });
    await plain.send(account, { to: LEAD, text: "hi", callbackData: "x" });
    expect(fake.sends()[0]?.form).not.toHaveProperty("StatusCallback");
  });

  it("fails with not_configured and makes no request without valid credentials or number", async () => {
    for (const bad of [
      { externalId: BIZ, credentials: {} },
      { externalId: BIZ, credentials: { accountSid: "AC123", authToken: "x".repeat(32) } },
      { externalId: BIZ, credentials: { accountSid: account.credentials.accountSid!, authToken: " " } },
      { externalId: "14155550100", credentials: account.credentials },
    ]) {
      const e = await sendError(sender.send(bad, { to: LEAD, text: "hi" }));
      expect(e).toMatchObject({ disposition: "fail", code: "not_configured" });
    }
    expect((await sendError(sender.send(account, { to: LEAD, text: "  " }))).disposition).toBe("fail");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("base URL", () => {
  it("rewrites only Twilio's API origin, keeping a path prefix", () => {
    const uri = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json";
    expect(rewriteOrigin(uri, "https://api.twilio.com")).toBe(uri);
    expect(rewriteOrigin(uri, "http://127.0.0.1:9999/")).toBe("http://127.0.0.1:9999/2010-04-01/Accounts/AC1/Messages.json");
    expect(rewriteOrigin(uri, "http://proxy.local/twilio")).toBe("http://proxy.local/twilio/2010-04-01/Accounts/AC1/Messages.json");
    expect(rewriteOrigin("https://messaging.twilio.com/v1/Services", "http://127.0.0.1:9999")).toBe("https://messaging.twilio.com/v1/Services");
  });

  it("sends nothing to a fake that is not configured (the override really routes the request)", async () => {
    const other = await startFakeTwilio();
    other.addAccount({ accountSid: account.credentials.accountSid, authToken: secret });
    await createSmsSender({ baseUrl: other.baseUrl }).send(account, { to: LEAD, text: "to the other fake" });
    expect(other.sends()).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);
    await other.close();
  });

  it("statusCallbackFor adds our id only when it is URL-safe", () => {
    expect(statusCallbackFor(undefined, "abc")).toBeUndefined();
    expect(statusCallbackFor(CALLBACK, undefined)).toBe(CALLBACK);
    expect(statusCallbackFor(CALLBACK, "a b")).toBe(CALLBACK);
    expect(statusCallbackFor(CALLBACK, "abc-1")).toBe(`${CALLBACK}?cb=abc-1`);
  });
});

describe("send: failures map to dispositions", () => {
  it.each([
    [20429, 429, "retry", "rate_limited"],
    [20500, 500, "retry", "unavailable"],
    [21610, 400, "fail", "forbidden"],
    [21211, 400, "fail", "bad_request"],
    [21614, 400, "fail", "bad_request"],
    [20404, 404, "fail", "not_found"],
  ] as const)("scripted %i (HTTP %i) → %s", async (code, status, disposition, appCode) => {
    fake.failNext(code, status);
    const e = await sendError(sender.send(account, { to: LEAD, text: "hi" }));
    expect(e).toMatchObject({ disposition, code: appCode, providerCode: String(code), httpStatus: status });
    expect(e.message).toContain((fake.requests[0]?.response as { message: string }).message);
  });

  it("429 with Retry-After → retry with retryAfterMs", async () => {
    fake.failNext(20429, 429, 1, { "retry-after": "2" });
    expect(await sendError(sender.send(account, { to: LEAD, text: "hi" }))).toMatchObject({ disposition: "retry", retryAfterMs: 2000, providerCode: "20429" });
  });

  it("the fake's own validation: invalid To → 21211, unknown From → 21606", async () => {
    expect(await sendError(sender.send(account, { to: "+1555", text: "hi" }))).toMatchObject({ disposition: "fail", providerCode: "21211", message: "SMS send failed: The 'To' number +1555 is not a valid phone number." });
    const elsewhere = { ...account, externalId: "+14155550199" };
    expect(await sendError(sender.send(elsewhere, { to: LEAD, text: "hi" }))).toMatchObject({ disposition: "fail", providerCode: "21606" });
  });

  it("a wrong auth token gets Twilio's 20003 (HTTP 401) → fail, token not echoed", async () => {
    const wrong = { ...account, credentials: { ...account.credentials, authToken: "f".repeat(32) } };
    const e = await sendError(sender.send(wrong, { to: LEAD, text: "hi" }));
    expect(fake.requests[0]?.status).toBe(401);
    expect(e).toMatchObject({ disposition: "fail", providerCode: "20003", code: "unauthorized", message: "SMS send failed: Authenticate" });
    expect(e.message).not.toContain("f".repeat(32));
  });

  it("a send the SDK refuses before any request → fail, not retried", async () => {
    const e = await sendError(sender.send(account, { to: undefined as unknown as string, text: "hi" }));
    expect(e.disposition).toBe("fail");
    expect(e.message).toMatch(/^SMS send refused by the client: .*to/);
    expect(fake.requests).toHaveLength(0);
  });

  it("network failure (server closed) → retry", async () => {
    await fake.close();
    const e = await sendError(sender.send(account, { to: LEAD, text: "hi" }));
    expect(e).toMatchObject({ disposition: "retry", message: "SMS send failed: network error" });
    fake = await startFakeTwilio(); // afterEach closes this one
  });

  it("timeout → retry, well before the server would answer", async () => {
    const fast = createSmsSender({ baseUrl: fake.baseUrl, timeoutMs: 150 });
    fake.delayNext(3000);
    const started = Date.now();
    const e = await sendError(fast.send(account, { to: LEAD, text: "hi" }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e).toMatchObject({ disposition: "retry", message: "SMS send timed out" });
  });

  it("caller abort → retry, reported as aborted", async () => {
    fake.delayNext(3000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await sendError(sender.send(account, { to: LEAD, text: "hi" }, controller.signal))).toMatchObject({ disposition: "retry", message: "SMS send aborted" });
  });

  it("the next send succeeds once scripted failures run out", async () => {
    fake.failNext(20429, 429, 2);
    await sendError(sender.send(account, { to: LEAD, text: "1" }));
    await sendError(sender.send(account, { to: LEAD, text: "2" }));
    expect((await sender.send(account, { to: LEAD, text: "3" })).providerMessageId).toMatch(/^SM/);
    expect(fake.sends().map((r) => r.form["Body"])).toEqual(["3"]);
  });
});
