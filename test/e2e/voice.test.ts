// The voice agent end to end: signed Twilio voice webhooks through the real HTTP server,
// the real local agent, PostgreSQL and Redis; ConversationRelay over a real WebSocket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { sendJobId } from "../../api/pipeline/queues.js";
import { twilioSignature } from "../../channels/twilio/verify.js";
import { testDb } from "../support/db.js";
import { all, callParams, newCallSid, newNumber, one, said, startVoiceHarness, twiml, type VoiceHarness } from "../support/voice.js";

let h: VoiceHarness;
const db = testDb();

beforeAll(async () => {
  h = await startVoiceHarness();
});
afterAll(async () => {
  await h.close();
  await db.$disconnect();
});

const conversationOf = (tenantId: string, callSid: string) =>
  db.conversation.findFirstOrThrow({ where: { tenantId, key: callSid }, select: { id: true, contactId: true, channel: true, handoffRequestedAt: true } });

describe("voice over <Gather>", () => {
  it("greets with the business name and listens; a question gets the grounded answer and the next Gather", async () => {
    const t = await h.tenant({ name: "Harbour Hair" });
    const sid = newCallSid();
    const from = newNumber();
    const greet = twiml((await h.post(t, "", callParams(t, sid, from))).text);
    expect(said(greet)).toContain("Harbour Hair");
    expect(one(greet, "Gather").attrs).toMatchObject({ input: "speech", speechTimeout: "auto", language: "en-US", action: `${h.baseUrl}/webhooks/twilio/voice/gather?turn=1` });

    const r = await h.post(t, "/gather?turn=1", callParams(t, sid, from, { SpeechResult: "what time do you open on Saturday", Confidence: "0.93" }));
    expect(r.status).toBe(200);
    const answer = twiml(r.text);
    expect(said(answer)).toMatch(/Saturday from 9 AM to 7 PM/);
    expect(said(answer)).not.toMatch(/\*|https?:/);
    expect(one(answer, "Gather").attrs.action).toBe(`${h.baseUrl}/webhooks/twilio/voice/gather?turn=2`);
  });

  it("a slow agent: holding line + Redirect, and the continue request gets the answer", async () => {
    const t = await h.tenant({ turnBudgetMs: 600 });
    const sid = newCallSid();
    const from = newNumber();
    await h.post(t, "", callParams(t, sid, from));
    h.agent.delayMs = 900;
    try {
      const started = Date.now();
      const hold = twiml((await h.post(t, "/gather?turn=1", callParams(t, sid, from, { SpeechResult: "how much is a men's cut", Confidence: "0.9" }))).text);
      expect(Date.now() - started).toBeLessThan(900);
      expect(said(hold)).toBe("One moment while I check that.");
      expect(one(hold, "Redirect").text).toBe(`${h.baseUrl}/webhooks/twilio/voice/continue?turn=1`);
      const cont = twiml((await h.post(t, "/continue?turn=1", callParams(t, sid, from))).text);
      expect(said(cont)).toMatch(/25 pounds/);
      expect(all(cont, "Gather")).toHaveLength(1);
    } finally {
      h.agent.delayMs = 0;
    }
  });

  it("still not done after the second budget: an apology and Gather; the late answer is texted after the call", async () => {
    const t = await h.tenant({ turnBudgetMs: 300 });
    const sid = newCallSid();
    const from = newNumber();
    await h.post(t, "", callParams(t, sid, from));
    h.agent.delayMs = 1500;
    try {
      await h.post(t, "/gather?turn=1", callParams(t, sid, from, { SpeechResult: "where are you located", Confidence: "0.9" }));
      const cont = twiml((await h.post(t, "/continue?turn=1", callParams(t, sid, from))).text);
      expect(said(cont)).toMatch(/taking longer than it should/);
      expect(one(cont, "Gather").attrs.action).toContain("turn=2");
    } finally {
      h.agent.delayMs = 0;
    }
    await new Promise((r) => setTimeout(r, 1800)); // the turn finishes meanwhile
    expect((await h.post(t, "/status", callParams(t, sid, from, { CallStatus: "completed", CallDuration: "30" }))).status).toBe(204);
    const followUp = await db.message.findFirstOrThrow({ where: { tenantId: t.tenantId, idempotencyKey: `followup:${sid}` } });
    expect(followUp.text).toMatch(/12 Harbour Street, Bristol BS1 4QA/);
  });

  it("low confidence: one reprompt, then a polite goodbye and hang up", async () => {
    const t = await h.tenant();
    const sid = newCallSid();
    const from = newNumber();
    const first = twiml((await h.post(t, "/gather?turn=1", callParams(t, sid, from, { SpeechResult: "mumble", Confidence: "0.2" }))).text);
    expect(said(first)).toMatch(/didn't catch that/);
    expect(one(first, "Gather").attrs.action).toContain("turn=1&retry=1");
    const second = twiml((await h.post(t, "/gather?turn=1&retry=1", callParams(t, sid, from))).text);
    expect(said(second)).toMatch(/Goodbye\.$/);
    expect(second.children.at(-1)?.name).toBe("Hangup");
  });

  it("asking for a person: <Dial> to the forwarding number", async () => {
    const t = await h.tenant({ forwardTo: "+15550009999" });
    const sid = newCallSid();
    const r = twiml((await h.post(t, "/gather?turn=1", callParams(t, sid, newNumber(), { SpeechResult: "I want to talk to the owner", Confidence: "0.95" }))).text);
    expect(one(r, "Dial")).toMatchObject({ text: "+15550009999", attrs: { action: `${h.baseUrl}/webhooks/twilio/voice/dialed` } });
  });

  it("asking for a person with no forwarding number: callback requested and the owner told by SMS", async () => {
    const t = await h.tenant();
    await h.c.tenants.addOwner(t.tenantId, { channel: "sms", address: "+15550004444" });
    const sid = newCallSid();
    const r = twiml((await h.post(t, "/gather?turn=1", callParams(t, sid, newNumber(), { SpeechResult: "I want to talk to the owner", Confidence: "0.95" }))).text);
    expect(said(r)).toMatch(/call you back/);
    expect((await conversationOf(t.tenantId, sid)).handoffRequestedAt).not.toBeNull();
    const note = await db.message.findFirstOrThrow({ where: { tenantId: t.tenantId, idempotencyKey: { startsWith: `callback:${sid}:` } } });
    expect(note).toMatchObject({ channel: "sms", status: "queued" });
  });

  it("refuses a bad or missing signature, and an unknown number, with 403 and nothing recorded", async () => {
    const t = await h.tenant();
    const sid = newCallSid();
    const p = callParams(t, sid, newNumber(), { SpeechResult: "hello", Confidence: "0.9" });
    expect((await h.post(t, "/gather?turn=1", p, { authToken: "not-the-token" })).status).toBe(403);
    expect((await h.post(t, "/gather?turn=1", p, { signature: null })).status).toBe(403);
    // signed for another URL (turn=1) but sent to turn=2: the URL is part of the signature
    const url = `${h.baseUrl}/webhooks/twilio/voice/gather?turn=1`;
    expect((await h.post(t, "/gather?turn=2", p, { signature: twilioSignature(t.authToken, url, p) })).status).toBe(403);
    expect((await h.post(t, "", { ...p, To: "+15550000000" })).status).toBe(403);
    expect(await db.conversation.count({ where: { key: sid } })).toBe(0);
  });

  it("after the call: the transcript is a conversation on the caller's contact, and one follow-up SMS is queued", async () => {
    const t = await h.tenant();
    const sid = newCallSid();
    const from = newNumber();
    await h.post(t, "", callParams(t, sid, from));
    await h.post(t, "/gather?turn=1", callParams(t, sid, from, { SpeechResult: "where are you located", Confidence: "0.9" }));
    const status = callParams(t, sid, from, { CallStatus: "completed", CallDuration: "41" });
    expect((await h.post(t, "/status", status)).status).toBe(204);
    expect((await h.post(t, "/status", status)).status).toBe(204); // Twilio redelivers

    const conv = await conversationOf(t.tenantId, sid);
    const msgs = await db.message.findMany({ where: { conversationId: conv.id }, orderBy: { createdAt: "asc" } });
    expect(msgs.map((m) => [m.direction, m.kind, m.status])).toEqual([
      ["outbound", "speech", "sent"], ["inbound", "speech", "handled"], ["outbound", "speech", "sent"], ["inbound", "call_ended", "handled"],
    ]);
    expect(msgs[1]!.text).toBe("where are you located");
    expect(msgs[2]!.text).toMatch(/12 Harbour Street/);

    const sms = await db.channelAccount.findFirstOrThrow({ where: { tenantId: t.tenantId, channel: "sms" } });
    const smsConv = await h.c.pipeline.contacts.ensureConversation({ tenantId: t.tenantId, channelAccountId: sms.id, channel: "sms", address: from });
    expect(smsConv.contactId).toBe(conv.contactId);
    const followUps = await db.message.findMany({ where: { tenantId: t.tenantId, channel: "sms", idempotencyKey: `followup:${sid}` } });
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ conversationId: smsConv.conversationId, status: "queued" });
    expect(followUps[0]!.text).toMatch(/Thanks for calling Glow Studio[\s\S]*12 Harbour Street, Bristol BS1 4QA/);
    expect(await h.c.queues.outbox.getJob(sendJobId(followUps[0]!.id))).toBeTruthy();
  });
});

describe("voice over ConversationRelay", () => {
  const relayUrl = (t: { number: string }) => `${h.baseUrl.replace(/^http/, "ws")}/voice/relay?to=${encodeURIComponent(t.number)}`;

  it("answers the call with <Connect><ConversationRelay> pointing at the signed relay URL", async () => {
    const t = await h.tenant({ relay: true });
    const r = twiml((await h.post(t, "", callParams(t, newCallSid(), newNumber()))).text);
    expect(one(r, "ConversationRelay").attrs).toMatchObject({ url: relayUrl(t), welcomeGreeting: expect.stringContaining("Glow Studio") });
  });

  it("streams the reply as text tokens, the last one marked, after setup + prompt", async () => {
    const t = await h.tenant({ relay: true });
    const url = relayUrl(t);
    const ws = new WebSocket(url, { headers: { "x-twilio-signature": twilioSignature(t.authToken, url, {}) } });
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const tokens: Array<{ type: string; token: string; last: boolean }> = [];
    const done = new Promise<void>((resolve) => ws.on("message", (d) => {
      const m = JSON.parse(d.toString());
      tokens.push(m);
      if (m.last) resolve();
    }));
    const sid = newCallSid();
    ws.send(JSON.stringify({ type: "setup", sessionId: "VX1", callSid: sid, from: newNumber(), to: t.number, direction: "inbound", customParameters: {} }));
    ws.send(JSON.stringify({ type: "prompt", voicePrompt: "what time do you open on Saturday", lang: "en-US", last: true }));
    await done;
    ws.close();
    expect(tokens.every((m) => m.type === "text")).toBe(true);
    expect(tokens.map((m) => m.token).join("")).toMatch(/Saturday from 9 AM to 7 PM/);
    expect(tokens.filter((m) => m.last)).toHaveLength(1);
  });

  it("refuses an unsigned or wrongly signed upgrade", async () => {
    const t = await h.tenant({ relay: true });
    for (const headers of [{}, { "x-twilio-signature": twilioSignature("wrong-token", relayUrl(t), {}) }]) {
      const ws = new WebSocket(relayUrl(t), { headers });
      const status = await new Promise<number>((resolve) => {
        ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.once("open", () => resolve(101));
        ws.once("error", () => resolve(-1));
      });
      expect(status).toBe(403);
    }
  });
});
