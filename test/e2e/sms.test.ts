// End to end through the real HTTP endpoints: a Twilio number registered through the admin
// API; a signed SMS webhook → inbound queue → agent turn (local tier) → outbox → the fake
// Twilio; status callbacks moving the reply's status; refusals that enqueue nothing.
// Webhooks are signed for https://growai.test (PUBLIC_BASE_URL) and delivered to 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsSegments } from "../../channels/sms/format.js";
import { newMessageSid } from "../fakes/twilio.js";
import { eventually, SALON_KNOWLEDGE } from "../support/harness.js";
import {
  createSmsTenant, newNumber, postTwilio, PUBLIC_BASE_URL, SMS_PATH, SMS_STATUS_PATH, smsParams, startSmsHarness, statusParams, type SmsHarness,
} from "../support/twilio.js";

let s: SmsHarness;
beforeAll(async () => {
  s = await startSmsHarness();
});
afterAll(async () => {
  await s?.close();
});

const sendsFrom = (number: string) => s.twilio.sends().filter((r) => r.form["From"] === number);
const messagesOf = (tenantId: string) => s.h.c.db.message.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
const outboundOf = async (tenantId: string) => (await messagesOf(tenantId)).filter((m) => m.direction === "outbound");

async function inboundJobTotal(): Promise<number> {
  const counts = await s.h.c.queues.inbound.getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe("registering a Twilio number (admin API)", () => {
  it("creates the sms and voice accounts, answers no secrets, refuses another tenant's number", async () => {
    const t = await s.h.admin("POST", "/tenants", { slug: `reg-${Date.now()}`, name: "Reg" });
    const phoneNumber = newNumber();
    const body = { phoneNumber, accountSid: `AC${"a1".repeat(16)}`, authToken: "b2".repeat(16), forwardTo: "+442071838750" };
    const r = await s.h.admin("PUT", `/tenants/${t.body.id}/channels/twilio`, body);
    expect(r.status).toBe(200);
    expect(r.body.items.map((a: { channel: string }) => a.channel)).toEqual(["sms", "voice"]);
    expect(r.body.items.every((a: { externalId: string; hasCredentials: boolean }) => a.externalId === phoneNumber && a.hasCredentials)).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(body.authToken);
    const list = await s.h.admin("GET", `/tenants/${t.body.id}/channels`);
    expect(list.body.items).toHaveLength(2);
    const stored = await s.h.c.tenants.credentials(t.body.id, r.body.items[1].id);
    expect(stored.credentials).toEqual({ accountSid: body.accountSid, authToken: body.authToken, forwardTo: body.forwardTo });

    const other = await s.h.admin("POST", "/tenants", { slug: `reg2-${Date.now()}`, name: "Other" });
    const taken = await s.h.admin("PUT", `/tenants/${other.body.id}/channels/twilio`, { ...body, voice: false });
    expect(taken.status).toBe(409);
  });

  it.each([
    ["a number that is not E.164", { phoneNumber: "4155550100" }],
    ["a bad account sid", { accountSid: "SK" + "0".repeat(32) }],
    ["neither sms nor voice", { sms: false, voice: false }],
  ])("400 for %s", async (_name, patch) => {
    const t = await s.h.admin("POST", "/tenants", { slug: `bad-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, name: "Bad" });
    const body = { phoneNumber: newNumber(), accountSid: `AC${"c3".repeat(16)}`, authToken: "d4".repeat(16), ...patch };
    const r = await s.h.admin("PUT", `/tenants/${t.body.id}/channels/twilio`, body);
    expect(r.status).toBe(400);
  });
});

describe("a lead's SMS answered end to end", () => {
  it("answers with plain text from the business number, and acknowledges with empty TwiML", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const lead = newNumber();
    const params = smsParams({ to: t.number, from: lead, body: "How much is a men's haircut?", accountSid: t.accountSid });
    const res = await postTwilio(s, SMS_PATH, params, t.authToken);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/xml/);
    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    const [send] = await eventually(async () => (sendsFrom(t.number).length ? sendsFrom(t.number) : null));
    expect(send!.accountSid).toBe(t.accountSid);
    expect(send!.headers["authorization"]).toBe(`Basic ${Buffer.from(`${t.accountSid}:${t.authToken}`).toString("base64")}`);
    expect(send!.form["To"]).toBe(lead);
    expect(send!.form["From"]).toBe(t.number);
    const text = send!.form["Body"] ?? "";
    expect(text).toContain("£25");
    expect(text).not.toMatch(/\*\*|__|^#|\]\(/m);
    expect(smsSegments(text).segments).toBeLessThanOrEqual(4);

    const rows = await eventually(async () => {
      const m = await messagesOf(t.tenantId);
      return m.some((x) => x.direction === "outbound" && x.status === "sent") ? m : null;
    });
    const inbound = rows.filter((m) => m.direction === "inbound");
    const outbound = rows.filter((m) => m.direction === "outbound");
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ channel: "sms", providerMessageId: params["MessageSid"] });
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ channel: "sms", providerMessageId: send!.sid });
    expect(send!.form["StatusCallback"]).toBe(`${PUBLIC_BASE_URL}${SMS_STATUS_PATH}?cb=${outbound[0]!.id}`);
  });

  it("answers a webhook delivered three times exactly once", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const params = smsParams({ to: t.number, from: newNumber(), body: "Where are you located?" });
    const results = await Promise.all([1, 2, 3].map(() => postTwilio(s, SMS_PATH, params, t.authToken)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await eventually(async () => sendsFrom(t.number).length >= 1);
    expect((await postTwilio(s, SMS_PATH, params, t.authToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(sendsFrom(t.number)).toHaveLength(1);
    expect((await messagesOf(t.tenantId)).filter((m) => m.direction === "inbound")).toHaveLength(1);
  });
});

describe("refusals enqueue nothing", () => {
  type Forgery = { signature?: string | null; signedUrl?: string; token?: string };
  it.each<[string, Forgery]>([
    ["a forged signature", { signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" }],
    ["no signature", { signature: null }],
    ["a signature for another URL (the internal one)", { signedUrl: "http://127.0.0.1/webhooks/twilio/sms" }],
    ["a signature with another account's token", { token: "e5".repeat(16) }],
  ])("%s → 403", async (_name, { token, ...o }) => {
    const t = await createSmsTenant(s);
    const before = await inboundJobTotal();
    const params = smsParams({ to: t.number, from: newNumber(), body: "hello" });
    const res = await postTwilio(s, SMS_PATH, params, token ?? t.authToken, o);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ error: { code: "forbidden", message: "invalid signature" } });
    expect(await inboundJobTotal()).toBe(before);
    expect(await messagesOf(t.tenantId)).toHaveLength(0);
  });

  it("an unknown To number → 403 (no token to verify it with)", async () => {
    const t = await createSmsTenant(s);
    const before = await inboundJobTotal();
    const res = await postTwilio(s, SMS_PATH, smsParams({ to: newNumber(), from: newNumber(), body: "hi" }), t.authToken);
    expect(res.status).toBe(403);
    expect(await inboundJobTotal()).toBe(before);
  });

  it("a signed but malformed body → 400; a message posted to the status URL → 400", async () => {
    const t = await createSmsTenant(s);
    const before = await inboundJobTotal();
    const { MessageSid: _a, SmsMessageSid: _b, SmsSid: _c, ...noSid } = smsParams({ to: t.number, from: newNumber(), body: "hi" });
    expect((await postTwilio(s, SMS_PATH, noSid, t.authToken)).status).toBe(400);
    expect((await postTwilio(s, SMS_STATUS_PATH, smsParams({ to: t.number, from: newNumber(), body: "hi" }), t.authToken)).status).toBe(400);
    expect(await inboundJobTotal()).toBe(before);
  });
});

describe("delivery status and send failures", () => {
  async function answered(t: Awaited<ReturnType<typeof createSmsTenant>>, lead = newNumber()) {
    await postTwilio(s, SMS_PATH, smsParams({ to: t.number, from: lead, body: "What are your opening hours?" }), t.authToken);
    const reply = await eventually(async () => (await outboundOf(t.tenantId)).find((m) => m.status === "sent"));
    return { reply, lead };
  }

  it("a 'delivered' callback moves the reply forward; a late 'sent' does not move it back", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const { reply, lead } = await answered(t);
    const delivered = statusParams({ from: t.number, to: lead, sid: reply.providerMessageId!, status: "delivered" });
    const res = await postTwilio(s, `${SMS_STATUS_PATH}?cb=${reply.id}`, delivered, t.authToken);
    expect(res.status).toBe(200);
    expect(res.text).toContain("<Response/>");
    await eventually(async () => (await outboundOf(t.tenantId))[0]?.status === "delivered");
    const late = statusParams({ from: t.number, to: lead, sid: reply.providerMessageId!, status: "sent" });
    expect((await postTwilio(s, SMS_STATUS_PATH, late, t.authToken)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await outboundOf(t.tenantId))[0]?.status).toBe("delivered");
  });

  it("'undelivered' with ErrorCode 30003 → failed with that code; 'queued' is ignored", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const { reply, lead } = await answered(t);
    const queued = statusParams({ from: t.number, to: lead, sid: reply.providerMessageId!, status: "queued" });
    expect((await postTwilio(s, SMS_STATUS_PATH, queued, t.authToken)).status).toBe(200);
    const undelivered = statusParams({ from: t.number, to: lead, sid: reply.providerMessageId!, status: "undelivered", errorCode: "30003" });
    expect((await postTwilio(s, SMS_STATUS_PATH, undelivered, t.authToken)).status).toBe(200);
    const row = await eventually(async () => (await outboundOf(t.tenantId)).find((m) => m.status === "failed"));
    expect(row).toMatchObject({ errorCode: "30003", errorReason: "Unreachable destination handset" });
  });

  it("a status callback for an unknown number or with a bad signature → 403", async () => {
    const t = await createSmsTenant(s);
    const cb = statusParams({ from: newNumber(), to: newNumber(), sid: newMessageSid(), status: "delivered" });
    expect((await postTwilio(s, SMS_STATUS_PATH, cb, t.authToken)).status).toBe(403);
    const ours = statusParams({ from: t.number, to: newNumber(), sid: newMessageSid(), status: "delivered" });
    expect((await postTwilio(s, SMS_STATUS_PATH, ours, "f6".repeat(16))).status).toBe(403);
  });

  it("a 20429 from Twilio is retried (Retry-After) and the reply sent once", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    s.twilio.failNext(20429, 429, 1, { "retry-after": "1" });
    await postTwilio(s, SMS_PATH, smsParams({ to: t.number, from: newNumber(), body: "Are you open on Sunday?" }), t.authToken);
    const row = await eventually(async () => (await outboundOf(t.tenantId)).find((m) => m.status === "sent"), 15_000);
    const attempts = s.twilio.requests.filter((r) => r.form["From"] === t.number);
    expect(attempts.map((r) => r.status)).toEqual([429, 201]);
    expect(sendsFrom(t.number)).toHaveLength(1);
    expect(row.providerMessageId).toBe(sendsFrom(t.number)[0]!.sid);
  });

  it("21610 (recipient unsubscribed) → the reply is failed with providerCode 21610, not retried", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    s.twilio.failNext(21610, 400);
    await postTwilio(s, SMS_PATH, smsParams({ to: t.number, from: newNumber(), body: "How much is a men's haircut?" }), t.authToken);
    const row = await eventually(async () => (await outboundOf(t.tenantId)).find((m) => m.status === "failed"));
    expect(row.errorCode).toBe("21610");
    expect(row.errorReason).toContain("SMS send failed");
    await new Promise((r) => setTimeout(r, 500));
    expect(s.twilio.requests.filter((r) => r.form["From"] === t.number)).toHaveLength(1);
  });
});
