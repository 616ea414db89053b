// Booking test helpers: a harness wired to fake Graph (WhatsApp), Twilio (SMS) and Google
// Calendar servers; a salon tenant provisioned through the admin API (services, two staff,
// hours every day so "tomorrow" always has a working day, an owner on WhatsApp); lead
// conversations; and the calendar tools called the way the agent calls them (run context
// from toolConfigurable, never from the arguments).
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { randomInt } from "node:crypto";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { toolConfigurable, toolsFor, type ToolContext } from "../../tools/registry.js";
import { parseCalendarResult, type CalendarResult } from "../../tools/calendar/contract.js";
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from "../fakes/google-calendar.js";
import { newAccountSid, startFakeTwilio, type FakeTwilio } from "../fakes/twilio.js";
import { startHarness, type Harness } from "./harness.js";

export const PUBLIC_BASE_URL = "https://growai.test";

export interface BookingHarness {
  h: Harness;
  twilio: FakeTwilio;
  google: FakeGoogleCalendar;
  close(): Promise<void>;
}

export async function startBookingHarness(env: Record<string, string> = {}): Promise<BookingHarness> {
  const twilio = await startFakeTwilio();
  const google = await startFakeGoogleCalendar();
  const h = await startHarness({
    env: {
      TWILIO_API_BASE_URL: twilio.baseUrl, PUBLIC_BASE_URL, GOOGLE_API_BASE_URL: google.baseUrl, GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
      GOOGLE_OAUTH_CLIENT_ID: "test-client.apps.googleusercontent.com", GOOGLE_OAUTH_CLIENT_SECRET: "test-client-secret", ...env,
    },
  });
  return {
    h, twilio, google,
    async close() {
      await h.close();
      await twilio.close();
      await google.close();
    },
  };
}

export interface Salon {
  tenantId: string;
  phoneNumberId: string;
  smsNumber: string;
  ownerWaId: string;
  services: Record<"haircut" | "colour" | "facial", string>;
  staff: { anna: string; ben: string };
}

/** Tomorrow at hh:mm in London (the test salon's zone). */
export function tomorrowAt(hour: number, minute = 0): Date {
  const w = toWall(new Date(), "Europe/London");
  return fromWall({ year: w.year, month: w.month, day: w.day + 1, hour, minute }, "Europe/London");
}

export const newE164 = () => `+1415${String(randomInt(2_000_000, 9_999_999))}`;
export const newWaId = () => `44770${String(randomInt(1_000_000, 9_999_999))}`;

async function ok(p: Promise<{ status: number; body: any }>, what: string, status = [200, 201]) {
  const r = await p;
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A London salon: haircut 45 min + 15 buffer (Anna or Ben), colour 90 min (Anna only), facial 60 min prepaid; open 09:00–19:00 every day. */
export async function createSalon(s: BookingHarness, o: { timezone?: string; hours?: Array<{ weekday: number; opensMin: number; closesMin: number }> } = {}): Promise<Salon> {
  const { tenantId, phoneNumberId } = await s.h.createTenant();
  if (o.timezone) await s.h.c.db.tenant.update({ where: { id: tenantId }, data: { timezone: o.timezone } });
  const smsNumber = newE164();
  const { accountSid, authToken } = s.twilio.addAccount({ accountSid: newAccountSid(), numbers: [smsNumber] });
  await ok(s.h.admin("PUT", `/tenants/${tenantId}/channels/twilio`, { phoneNumber: smsNumber, accountSid, authToken, sms: true, voice: true }), "twilio");
  const ownerWaId = newWaId();
  await ok(s.h.admin("POST", `/tenants/${tenantId}/owners`, { channel: "whatsapp", address: ownerWaId, displayName: "Owner" }), "owner");
  const anna = (await ok(s.h.admin("POST", `/tenants/${tenantId}/resources`, { name: "Anna" }), "anna")).id as string;
  const ben = (await ok(s.h.admin("POST", `/tenants/${tenantId}/resources`, { name: "Ben" }), "ben")).id as string;
  const svc = async (body: Record<string, unknown>) => (await ok(s.h.admin("POST", `/tenants/${tenantId}/services`, body), String(body.name))).id as string;
  const haircut = await svc({ name: "Haircut", aliases: ["cut", "trim"], durationMin: 45, bufferMin: 15, priceMinor: 3500, currency: "GBP" });
  const colour = await svc({ name: "Colour", aliases: ["hair colour", "dye"], durationMin: 90, bufferMin: 0, priceMinor: 8000, currency: "GBP", resourceIds: [anna] });
  const facial = await svc({ name: "Facial", durationMin: 60, priceMinor: 5000, currency: "GBP", prepay: true });
  const hours = o.hours ?? [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMin: 9 * 60, closesMin: 19 * 60 }));
  await ok(s.h.admin("PUT", `/tenants/${tenantId}/hours`, { hours }), "hours");
  return { tenantId, phoneNumberId, smsNumber, ownerWaId, services: { haircut, colour, facial }, staff: { anna, ben } };
}

/** A lead's conversation on a channel, with an inbound message just now (the WhatsApp window is open). */
export async function leadConversation(
  s: BookingHarness, salon: Salon, o: { channel: "whatsapp" | "sms" | "voice"; address?: string; name?: string; callSid?: string },
): Promise<{ conversationId: string; contactId: string; address: string }> {
  const address = o.address ?? (o.channel === "whatsapp" ? newWaId() : newE164());
  const account = await s.h.c.tenants.accountFor(salon.tenantId, o.channel);
  if (!account) throw new Error(`no ${o.channel} account`);
  const ref = await s.h.c.pipeline.contacts.ensureConversation({
    tenantId: salon.tenantId, channelAccountId: account.id, channel: o.channel, address, displayName: o.name ?? null,
    ...(o.callSid ? { conversationKey: o.callSid } : {}),
  });
  await s.h.c.db.contactIdentity.updateMany({ where: { tenantId: salon.tenantId, contactId: ref.contactId }, data: { lastInboundAt: new Date() } });
  await s.h.c.db.contact.update({ where: { id: ref.contactId }, data: { lastInboundAt: new Date(), ...(o.name ? { displayName: o.name } : {}) } });
  return { conversationId: ref.conversationId, contactId: ref.contactId, address };
}

export function calendarTools(s: BookingHarness, role: "lead" | "owner"): Map<string, StructuredToolInterface> {
  const tools = toolsFor(role, { knowledge: s.h.c.knowledge, minScore: 0.5, calendar: s.h.c.calendar.service });
  return new Map(tools.map((t) => [t.name, t]));
}

/** Call a calendar tool with a run context (as Agent.runTurn sets it) and parse its JSON result. */
export async function callTool(s: BookingHarness, role: "lead" | "owner", name: string, args: Record<string, unknown>, ctx: Omit<ToolContext, "role">): Promise<CalendarResult> {
  const tool = calendarTools(s, role).get(name);
  if (!tool) throw new Error(`${role} has no tool ${name}`);
  const out = await tool.invoke(args, { configurable: toolConfigurable({ ...ctx, role }) });
  const parsed = parseCalendarResult(typeof out === "string" ? out : String((out as { content?: unknown }).content ?? out));
  if (!parsed) throw new Error(`${name} returned no calendar result: ${String(out)}`);
  return parsed;
}

/** An owner's conversation (their WhatsApp): the run context of an owner's turn. */
export async function ownerContext(s: BookingHarness, salon: Salon): Promise<Omit<ToolContext, "role">> {
  const account = await s.h.c.tenants.accountFor(salon.tenantId, "whatsapp");
  const ref = await s.h.c.pipeline.contacts.ensureConversation({ tenantId: salon.tenantId, channelAccountId: account!.id, channel: "whatsapp", address: salon.ownerWaId });
  // the owner wrote to us lately: WhatsApp's 24-hour window is open for their notifications
  await s.h.c.db.contactIdentity.updateMany({ where: { tenantId: salon.tenantId, contactId: ref.contactId }, data: { lastInboundAt: new Date() } });
  return { tenantId: salon.tenantId, conversationId: ref.conversationId, contactId: ref.contactId };
}
