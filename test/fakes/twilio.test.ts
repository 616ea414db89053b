// The fake Twilio checks requests the way Twilio does and answers in Twilio's shapes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyTwilioSignature } from "../../channels/twilio/verify.js";
import { newAccountSid, signedForm, startFakeTwilio, twilioFixture, type FakeTwilio } from "./twilio.js";

const BIZ = "+14155550100";
let fake: FakeTwilio;
let sid: string;
let token: string;

beforeAll(async () => {
  fake = await startFakeTwilio();
  ({ accountSid: sid, authToken: token } = fake.addAccount({ numbers: [BIZ] }));
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function post(form: Record<string, string>, o: { path?: string; user?: string; pass?: string } = {}) {
  const auth = Buffer.from(`${o.user ?? sid}:${o.pass ?? token}`).toString("base64");
  const res = await fetch(`${fake.baseUrl}${o.path ?? `/2010-04-01/Accounts/${sid}/Messages.json`}`, {
    method: "POST",
    headers: { authorization: `Basic ${auth}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("fake Twilio Messages API", () => {
  it("answers 201 with the real resource's fields", async () => {
    const capture = twilioFixture<object>("messages-create-response.twilio-go-capture.json");
    const r = await post({ To: "+14155550123", From: BIZ, Body: "hello" });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(Object.keys(capture).sort());
    expect(r.body).toMatchObject({ account_sid: sid, to: "+14155550123", from: BIZ, body: "hello", status: "queued", num_segments: "1", direction: "outbound-api" });
    expect(r.body["sid"]).toMatch(/^SM[0-9a-f]{32}$/);
    expect(r.body["date_created"]).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(fake.sends()).toHaveLength(1);
  });

  it.each([
    ["wrong token", { pass: "nope" }, 401, 20003],
    ["unknown account", { user: newAccountSid() }, 401, 20003],
    ["another account's path", { path: `/2010-04-01/Accounts/${newAccountSid()}/Messages.json` }, 404, 20404],
    ["unknown path", { path: "/2010-04-01/Accounts/nope/Calls.json" }, 404, 20404],
  ])("%s → %i / %i", async (_name, o, status, code) => {
    const r = await post({ To: "+14155550123", From: BIZ, Body: "x" }, o);
    expect(r).toMatchObject({ status, body: { code, status, more_info: `https://www.twilio.com/docs/errors/${code}` } });
    expect(fake.sends()).toHaveLength(0);
  });

  it.each([
    ["no To", { From: BIZ, Body: "x" }, 21604],
    ["bad To", { To: "555-0123", From: BIZ, Body: "x" }, 21211],
    ["no From", { To: "+14155550123", Body: "x" }, 21603],
    ["bad From", { To: "+14155550123", From: "+1", Body: "x" }, 21212],
    ["From not owned", { To: "+14155550123", From: "+14155550111", Body: "x" }, 21606],
    ["empty Body", { To: "+14155550123", From: BIZ, Body: "" }, 21602],
    ["1601 characters", { To: "+14155550123", From: BIZ, Body: "x".repeat(1601) }, 21617],
  ])("%s → 400 / %i", async (_name, form, code) => {
    expect(await post(form)).toMatchObject({ status: 400, body: { code, status: 400 } });
  });

  it("accepts exactly 1600 characters", async () => {
    expect((await post({ To: "+14155550123", From: BIZ, Body: "x".repeat(1600) })).status).toBe(201);
  });

  it("scripted failures carry headers and run out", async () => {
    fake.failNext(20429, 429, 1, { "retry-after": "5" });
    const res = await fetch(`${fake.baseUrl}/2010-04-01/Accounts/${sid}/Messages.json`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "To=%2B14155550123&From=%2B14155550100&Body=x",
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toMatchObject({ code: 20429, message: "Too Many Requests" });
    expect((await post({ To: "+14155550123", From: BIZ, Body: "x" })).status).toBe(201);
  });
});

describe("signedForm", () => {
  it("produces what channels/twilio/verify.ts accepts, and only for that URL, body and token", () => {
    const url = "https://growai.test/webhooks/twilio/sms";
    const params = { To: BIZ, From: "+14155550123", Body: "Hi there! 5pm?", MessageSid: "SM0123456789abcdef0123456789abcdef" };
    const { headers, body } = signedForm(url, params, token);
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual(params);
    const sig = headers["x-twilio-signature"];
    expect(verifyTwilioSignature(token, sig, url, params)).toBe(true);
    expect(verifyTwilioSignature(token, sig, "https://growai.test/webhooks/twilio/sms/status", params)).toBe(false);
    expect(verifyTwilioSignature(token, sig, url, { ...params, Body: "Hi there! 6pm?" })).toBe(false);
    expect(verifyTwilioSignature("0".repeat(32), sig, url, params)).toBe(false);
  });
});
