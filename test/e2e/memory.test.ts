// Contact memory end to end, through the real HTTP endpoints, queues, local agent,
// PostgreSQL and Redis: a name learnt on WhatsApp greets the same number on a call whose
// caller ID is verified (STIR/SHAKEN A) and by SMS; a call with an unverified caller ID is
// not greeted by name and cannot read or wipe the memory, but still teaches it; a
// preference said on the call is listed on WhatsApp; "forget me" deletes it all and later
// turns don't use it; the same number writing to another business sees none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContactMemoryService } from "../../knowledge/memory/service.js";
import { eventually, SALON_KNOWLEDGE } from "../support/harness.js";
import { callParams, newCallSid, said, twiml, VERIFIED_CALLER_ID, type VoiceTenant } from "../support/voice.js";
import { createSmsTenant, newNumber, postTwilio, smsParams, SMS_PATH, startSmsHarness, type SmsHarness } from "../support/twilio.js";
import { newWamid, textWebhook } from "../support/webhooks.js";

let s: SmsHarness;
beforeAll(async () => {
  s = await startSmsHarness();
});
afterAll(async () => {
  await s?.close();
});

const VOICE = "/webhooks/twilio/voice";

/** A tenant reachable on WhatsApp and on one Twilio number (SMS and voice). */
async function business() {
  const wa = await s.h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const number = newNumber();
  const { accountSid, authToken } = s.twilio.addAccount({ numbers: [number] });
  const r = await s.h.admin("PUT", `/tenants/${wa.tenantId}/channels/twilio`, { phoneNumber: number, accountSid, authToken });
  if (r.status !== 200) throw new Error(`register twilio: ${r.status}`);
  const voice: VoiceTenant = { tenantId: wa.tenantId, number, accountSid, authToken };
  return { ...wa, voice };
}
type Business = Awaited<ReturnType<typeof business>>;

const waText = (b: { text?: { body: string }; interactive?: { body: { text: string } } }) => b.text?.body ?? b.interactive?.body.text ?? "";
const waRepliesTo = (phoneNumberId: string, to: string) =>
  s.h.graph.sends().filter((x) => x.phoneNumberId === phoneNumberId && (x.body as { to?: string }).to === to).map((x) => waText(x.body as never));

/** Sends a WhatsApp text and waits for the reply to it. */
async function whatsapp(b: Business, from: string, text: string): Promise<string> {
  const before = waRepliesTo(b.phoneNumberId, from).length;
  expect((await s.h.postWebhook(textWebhook({ phoneNumberId: b.phoneNumberId, from, text, id: newWamid() }))).status).toBe(200);
  const replies = await eventually(async () => {
    const r = waRepliesTo(b.phoneNumberId, from);
    return r.length > before ? r : null;
  });
  return replies.at(-1)!;
}

async function sms(b: Business, from: string, body: string): Promise<string> {
  const mine = () => s.twilio.sends().filter((x) => x.form["To"] === from && x.form["From"] === b.voice.number);
  const before = mine().length;
  const r = await postTwilio(s, SMS_PATH, smsParams({ to: b.voice.number, from, body, accountSid: b.voice.accountSid }), b.voice.authToken);
  expect(r.status).toBe(200);
  const sent = await eventually(async () => (mine().length > before ? mine() : null));
  return sent.at(-1)!.form["Body"] ?? "";
}

async function call(b: Business, from: string, path: string, callSid: string, extra: Record<string, string> = {}): Promise<string> {
  const r = await postTwilio(s, `${VOICE}${path}`, callParams(b.voice, callSid, from, extra), b.voice.authToken, { signedUrl: `https://growai.test${VOICE}${path}` });
  expect(r.status).toBe(200);
  return said(twiml(r.text));
}

const contactOf = async (tenantId: string, phone: string) =>
  (await s.h.c.db.contactIdentity.findFirstOrThrow({ where: { tenantId, address: phone }, select: { contactId: true } })).contactId;
const factsOf = (tenantId: string, contactId: string) =>
  s.h.c.db.contactFact.findMany({ where: { tenantId, contactId }, select: { key: true, value: true, channel: true } });
const memoryRepo = () => s.h.c.pipeline.memory!.store;

describe("memory of a contact across channels", () => {
  it("learns a name on WhatsApp, greets the caller and the texter by it, lists a voice preference on WhatsApp, forgets on request", async () => {
    const b = await business();
    const digits = `4477009${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const phone = `+${digits}`;

    await whatsapp(b, digits, "Hi, I'm Priya");
    const contactId = await contactOf(b.tenantId, phone);
    await eventually(async () => (await factsOf(b.tenantId, contactId)).some((f) => f.key === "name" && f.value === "Priya" && f.channel === "whatsapp"));

    // the same number calls, its caller ID verified by the carrier: one contact, greeted by name before saying anything
    const sid = newCallSid();
    expect(await call(b, phone, "", sid, VERIFIED_CALLER_ID)).toMatch(/^Hi Priya! Thanks for calling/);
    const conv = await s.h.c.db.conversation.findFirstOrThrow({ where: { tenantId: b.tenantId, key: sid }, select: { contactId: true } });
    expect(conv.contactId).toBe(contactId);
    await call(b, phone, "/gather?turn=1", sid, { SpeechResult: "I'd rather have mornings. No fragrances please.", Confidence: "0.92" });
    await eventually(async () => (await factsOf(b.tenantId, contactId)).filter((f) => f.key === "preference" && f.channel === "voice").length === 2);
    // on that call the caller may ask what is remembered (later webhooks of the call reuse its verdict)
    expect(await call(b, phone, "/gather?turn=2", sid, { SpeechResult: "what do you remember about me?", Confidence: "0.9" })).toContain("Priya");

    // and texts: addressed by name
    expect(await sms(b, phone, "hello")).toMatch(/^Hi Priya! Welcome to Test Salon/);

    // back on WhatsApp: what is remembered, with where it was learnt
    const recall = await whatsapp(b, digits, "what do you remember about me?");
    expect(recall).toContain("Your name: Priya (you told me on WhatsApp)");
    expect(recall).toContain("prefers mornings (you told me on a phone call)");
    expect(recall).toContain("no fragrances (you told me on a phone call)");
    expect(recall).toMatch(/The language you write in: English/);

    // forgetting one kind, then everything
    expect(await whatsapp(b, digits, "forget my name")).toMatch(/forgotten your name/);
    expect((await factsOf(b.tenantId, contactId)).map((f) => f.key).sort()).toEqual(["language", "preference", "preference"]);
    expect(await whatsapp(b, digits, "forget me")).toMatch(/forgotten everything/);
    expect(await factsOf(b.tenantId, contactId)).toEqual([]);

    // later turns don't use it, and the forget messages taught nothing
    expect(await whatsapp(b, digits, "hi")).toMatch(/^Hi! Welcome/);
    expect(await call(b, phone, "", newCallSid(), VERIFIED_CALLER_ID)).toMatch(/^Thanks for calling/);
    expect(await whatsapp(b, digits, "what do you know about me")).toBe("I don't have anything remembered about you.");
    expect(await factsOf(b.tenantId, contactId)).toEqual([]);
  });

  it("a call whose caller ID is not verified is not greeted by name and cannot read or wipe the memory, but still learns", async () => {
    const b = await business();
    const digits = `4477006${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const phone = `+${digits}`;
    await whatsapp(b, digits, "Hi, I'm Priya. I prefer Anna");
    const contactId = await contactOf(b.tenantId, phone);
    await eventually(async () => (await factsOf(b.tenantId, contactId)).some((f) => f.key === "name" && f.value === "Priya"));
    const refusal = "For your privacy I can't share or change saved details on a call";

    // no StirVerstat (no SHAKEN PASSporT), B attestation only, and a failed verification
    const calls: Array<Record<string, string>> = [{}, { StirVerstat: "TN-Validation-Passed-B" }, { StirVerstat: "TN-Validation-Failed-A" }];
    for (const [i, extra] of calls.entries()) {
      const sid = newCallSid();
      const greeting = await call(b, phone, "", sid, extra);
      expect(greeting).toMatch(/^Thanks for calling/);
      expect(greeting).not.toContain("Priya");
      const conv = await s.h.c.db.conversation.findFirstOrThrow({ where: { tenantId: b.tenantId, key: sid }, select: { contactId: true } });
      expect(conv.contactId).toBe(contactId); // the same contact: what the caller says is still learnt for it
      // a greeting turn does not use the remembered name either (nothing remembered reaches the turn)
      expect(await call(b, phone, "/gather?turn=1", sid, { SpeechResult: "hello", Confidence: "0.9", ...extra })).not.toContain("Priya");
      // even when later webhooks of the call carry a verified StirVerstat, the call's first verdict stands
      const recall = await call(b, phone, "/gather?turn=2", sid, { SpeechResult: "what do you remember about me?", Confidence: "0.9", ...VERIFIED_CALLER_ID });
      expect(recall).toContain(refusal);
      expect(recall).not.toMatch(/Priya|Anna/);
      expect(await call(b, phone, "/gather?turn=3", sid, { SpeechResult: "forget me", Confidence: "0.9" })).toContain(refusal);
      expect(await call(b, phone, "/gather?turn=4", sid, { SpeechResult: "please forget my name", Confidence: "0.9" })).toContain(refusal);
      const facts = await factsOf(b.tenantId, contactId);
      expect(facts.filter((f) => f.key === "name").map((f) => f.value)).toEqual(["Priya"]);
      expect(facts.some((f) => f.value === "prefers Anna")).toBe(true);
      if (i === 0) {
        // what the caller says about themselves is still learnt
        await call(b, phone, "/gather?turn=5", sid, { SpeechResult: "I'd rather have mornings.", Confidence: "0.9" });
        await eventually(async () => (await factsOf(b.tenantId, contactId)).some((f) => f.value === "prefers mornings" && f.channel === "voice"));
      }
    }
    // and it is there for the person on WhatsApp, next to what was not wiped
    const recall = await whatsapp(b, digits, "what do you remember about me?");
    expect(recall).toContain("Your name: Priya (you told me on WhatsApp)");
    expect(recall).toContain("prefers mornings (you told me on a phone call)");
    expect(recall).toContain("prefers Anna");
  });

  it("the same number writing to two businesses never sees the other's memory", async () => {
    const a = await business();
    const other = await createSmsTenant(s, SALON_KNOWLEDGE);
    const b2 = await s.h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const digits = `4477008${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const phone = `+${digits}`;

    await whatsapp(a, digits, "Hello, my name is Aisha. I prefer Anna");
    const contactA = await contactOf(a.tenantId, phone);
    await eventually(async () => (await factsOf(a.tenantId, contactA)).length === 3); // name, preference, language

    // tenant 2 (WhatsApp) and tenant 3 (SMS): same person, separate contacts, no memory
    const b2Business = { ...b2, voice: a.voice };
    expect(await whatsapp(b2Business, digits, "hi")).toMatch(/^Hi! Welcome/);
    expect(await whatsapp(b2Business, digits, "what do you remember about me?")).toBe("I don't have anything remembered about you.");
    const contactB = await contactOf(b2.tenantId, phone);
    expect(contactB).not.toBe(contactA);
    const smsBusiness = { tenantId: other.tenantId, phoneNumberId: "", token: "", voice: { tenantId: other.tenantId, number: other.number, accountSid: other.accountSid, authToken: other.authToken } };
    expect(await sms(smsBusiness, phone, "hello")).not.toContain("Aisha");

    // the repository refuses to cross tenants in either direction
    expect(await memoryRepo().list(b2.tenantId, contactA)).toEqual([]);
    expect(await memoryRepo().forget(b2.tenantId, contactA)).toBe(0);
    await expect(memoryRepo().remember(b2.tenantId, contactA, [{ key: "name", value: "Mallory" }], { channel: "whatsapp" })).rejects.toThrow(/contact/);
    expect((await memoryRepo().list(a.tenantId, contactA)).map((f) => f.value).sort()).toEqual(["Aisha", "en", "prefers Anna"]);

    // "forget me" at business 2 leaves business 1's memory alone
    await whatsapp(b2Business, digits, "forget me");
    expect((await factsOf(a.tenantId, contactA)).length).toBe(3);
  });

  it("a memory that fails to load or save never fails the turn", async () => {
    const b = await business();
    const digits = `4477007${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const real = s.h.c.pipeline.memory;
    const broken = new Error("database is down");
    s.h.c.pipeline.memory = new ContactMemoryService({
      list: async () => { throw broken; }, remember: async () => { throw broken; }, forget: async () => { throw broken; },
    });
    try {
      expect(await whatsapp(b, digits, "Hi, I'm Zed. How much is a men's cut?")).toContain("£25");
    } finally {
      s.h.c.pipeline.memory = real;
    }
    const turns = await s.h.c.db.turn.findMany({ where: { tenantId: b.tenantId } });
    expect(turns).toHaveLength(1);
    expect(await s.h.c.db.contactFact.count({ where: { tenantId: b.tenantId } })).toBe(0);
  });
});
