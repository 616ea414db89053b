// A WhatsApp lead books through the real pipeline: webhook → inbound → agent turn on the
// fast tier (a fake OpenAI server scripted with tool calls) → the calendar tools with the
// turn's run context → a booking row → the reply and a confirmation with an .ics link sent
// by the outbox; the same on a phone call (whichever tier the router picks), confirmed by
// SMS; and an owner's "what's booked tomorrow?" / "cancel Priya's 4 pm". The model's arguments never carry a tenant or contact: the booking is the
// sender's, in the tenant whose number was written to.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { twilioSignature } from "../../channels/twilio/verify.js";
import { startFakeOpenAI, type FakeOpenAI, type ChatRequest } from "../fakes/openai.js";
import { eventually } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { PUBLIC_BASE_URL, callTool, createSalon, leadConversation, newE164, newWaId, ownerContext, startBookingHarness, type BookingHarness } from "../support/booking.js";

let s: BookingHarness;
let openai: FakeOpenAI;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  s = await startBookingHarness({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url });
});
afterAll(async () => {
  await s?.close();
  await openai?.close();
});

const lastToolResult = (req: ChatRequest) => {
  const tool = [...req.messages].reverse().find((m) => m.role === "tool");
  return JSON.parse(String(tool?.content ?? "{}")) as { slots?: Array<{ start: string; label: string }>; booking?: { label: string } };
};

it("a lead asks for tomorrow after 5, the model checks and books, the lead gets the answer and a confirmation", async () => {
  const salon = await createSalon(s);
  await ownerContext(s, salon);
  const from = newWaId();
  openai.script([
    { toolCall: { name: "check_availability", args: { service: "haircut", when: "tomorrow after 5" } } },
    (req) => ({ toolCall: { name: "book_appointment", args: { service: "Haircut", start: lastToolResult(req).slots![0]!.start, tenantId: "not-this-one" } } }),
    (req) => ({ text: `You're booked: ${lastToolResult(req).booking?.label ?? "?"}. See you then!` }),
  ]);
  await s.h.postWebhook(textWebhook({ phoneNumberId: salon.phoneNumberId, from, name: "Priya", text: "Hi, could you book me a haircut tomorrow after 5? The first free time is fine, I'm Priya and I'd like it please." }));

  const booking = await eventually(() => s.h.c.db.booking.findFirst({ where: { tenantId: salon.tenantId }, include: { contact: { include: { identities: true } } } }), 20_000);
  expect(booking.status).toBe("confirmed");
  expect(booking.contact.identities.map((i) => i.address.replace(/^\+/, ""))).toContain(from);
  expect(booking.channel).toBe("whatsapp");
  // the tools the model was offered include the calendar's
  expect(openai.requests[0]!.tools?.map((t) => t.function.name)).toEqual(expect.arrayContaining(["check_availability", "book_appointment", "my_bookings"]));
  // the reply and the confirmation both reach the lead
  const sent = await eventually(async () => {
    const to = s.h.graph.sends().filter((r) => (r.body as { to?: string }).to === from).map((r) => String((r.body as { text?: { body?: string } }).text?.body ?? ""));
    return to.some((t) => t.startsWith("You're booked")) && to.some((t) => /ics\//.test(t)) ? to : null;
  }, 20_000);
  expect(sent.find((t) => /ics\//.test(t))).toContain("Booked: Haircut");
});

it("a caller books on the phone (speech turn → tool calls) and the booking is confirmed by SMS to their number", async () => {
  const salon = await createSalon(s);
  const caller = newE164();
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const account = await s.h.c.tenants.accountFor(salon.tenantId, "voice");
  const creds = await s.h.c.tenants.credentials(salon.tenantId, account!.id);
  const post = async (path: string, extra: Record<string, string> = {}) => {
    const params = {
      AccountSid: creds!.credentials.accountSid!, ApiVersion: "2010-04-01", CallSid: callSid, CallStatus: "in-progress", Called: salon.smsNumber,
      Caller: caller, Direction: "inbound", From: caller, To: salon.smsNumber, ...extra,
    };
    const signature = twilioSignature(creds!.credentials.authToken!, `${PUBLIC_BASE_URL}/webhooks/twilio/voice${path}`, params);
    const res = await fetch(`${s.h.baseUrl}/webhooks/twilio/voice${path}`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature }, body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  };
  expect((await post("")).status).toBe(200);
  // whichever tier the router picks for a call (the local booking dialogue or the fast LLM),
  // the same calendar tools run with the call's run context; the LLM is scripted in case
  openai.script([
    { toolCall: { name: "check_availability", args: { service: "colour", when: "tomorrow morning" } } },
    (req) => ({ toolCall: { name: "book_appointment", args: { service: "Colour", start: lastToolResult(req).slots![0]!.start } } }),
    (req) => ({ text: `Done, you're booked for ${lastToolResult(req).booking?.label ?? "?"}. I'll text you the details.` }),
  ]);
  const said = ["can I book a colour tomorrow morning, the earliest you have", "nine o'clock please", "yes please", "yes"];
  for (let turn = 1; turn <= said.length; turn++) {
    const r = await post(`/gather?turn=${turn}`, { SpeechResult: said[turn - 1]!, Confidence: "0.92" });
    expect(r.status).toBe(200);
    if (await s.h.c.db.booking.findFirst({ where: { tenantId: salon.tenantId } })) break;
  }

  const booking = await eventually(() => s.h.c.db.booking.findFirst({ where: { tenantId: salon.tenantId } }), 20_000);
  expect(booking.source).toBe("voice");
  expect(booking.channel).toBe("voice");
  expect(booking.resourceId).toBe(salon.staff.anna);
  const w = toWall(new Date(), "Europe/London");
  expect(booking.startsAt.toISOString()).toBe(fromWall({ year: w.year, month: w.month, day: w.day + 1, hour: 9, minute: 0 }, "Europe/London").toISOString());
  const sms = await eventually(async () => s.twilio.sends().find((x) => x.form.To === caller && /Booked: Colour/.test(x.form.Body ?? "")), 20_000);
  expect(sms.form.From).toBe(salon.smsNumber);
  expect(sms.form.Body).toMatch(/https:\/\/growai\.test\/ics\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{32}\.ics/);
});

it("an owner on WhatsApp asks what's booked tomorrow and cancels \"Priya's 4 pm\" through the owner-scoped tools", async () => {
  const salon = await createSalon(s);
  await ownerContext(s, salon);
  const priya = await leadConversation(s, salon, { channel: "whatsapp", name: "Priya Patel" });
  const w = toWall(new Date(), "Europe/London");
  const four = fromWall({ year: w.year, month: w.month, day: w.day + 1, hour: 16, minute: 0 }, "Europe/London");
  const booked = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: four.toISOString() }, { tenantId: salon.tenantId, conversationId: priya.conversationId, contactId: priya.contactId });
  expect(booked).toMatchObject({ ok: true });

  openai.script([
    { toolCall: { name: "list_bookings", args: { when: "tomorrow" } } },
    (req) => ({ text: String((lastToolResult(req) as { message?: string }).message ?? "?") }),
    { toolCall: { name: "cancel_booking", args: { which: "Priya's 4 pm" } } },
    (req) => ({ text: String((lastToolResult(req) as { message?: string }).message ?? "?") }),
  ]);
  await s.h.postWebhook(textWebhook({ phoneNumberId: salon.phoneNumberId, from: salon.ownerWaId, text: "Could you tell me everything that's booked in the salon tomorrow, with the names please?" }));
  const listed = await eventually(async () => s.h.graph.sends().find((r) => (r.body as { to?: string }).to === salon.ownerWaId && /Priya Patel — Haircut/.test(String((r.body as { text?: { body?: string } }).text?.body))), 20_000);
  expect(listed).toBeTruthy();
  await s.h.postWebhook(textWebhook({ phoneNumberId: salon.phoneNumberId, from: salon.ownerWaId, text: "Please cancel Priya's 4 pm tomorrow, she phoned to say she can't make it after all." }));
  await eventually(async () => (await s.h.c.db.booking.findFirstOrThrow({ where: { tenantId: salon.tenantId, contactId: priya.contactId } })).status === "cancelled", 20_000);
  // Priya is told on her WhatsApp
  await eventually(async () => s.h.graph.sends().some((r) => (r.body as { to?: string }).to === priya.address && /is cancelled/.test(String((r.body as { text?: { body?: string } }).text?.body))));
});
