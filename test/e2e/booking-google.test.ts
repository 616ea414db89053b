// Google Calendar free/busy through the official client against the fake's REST API:
// OAuth refresh-token grant, Bearer token on POST /calendar/v3/freeBusy, busy times block a
// resource with a calendarId, answers cached per tenant for ~60 s, and on Google errors
// (429) availability still answers from our own bookings with those slots marked unconfirmed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { callTool, createSalon, leadConversation, startBookingHarness, type BookingHarness, type Salon } from "../support/booking.js";

let s: BookingHarness;
let salon: Salon;
let refreshToken: string;

function dayAt(days: number, hour: number, minute = 0): Date {
  const w = toWall(new Date(), "Europe/London");
  return fromWall({ year: w.year, month: w.month, day: w.day + days, hour, minute }, "Europe/London");
}

beforeAll(async () => {
  s = await startBookingHarness();
  salon = await createSalon(s);
  refreshToken = s.google.addRefreshToken({ clientId: "test-client.apps.googleusercontent.com", clientSecret: "test-client-secret" });
  const connect = await s.h.admin("PUT", `/tenants/${salon.tenantId}/integrations/google-calendar`, { refreshToken, account: "owner@salon.example" });
  expect(connect.status).toBe(200);
  const patch = await s.h.admin("PATCH", `/tenants/${salon.tenantId}/resources/${salon.staff.anna}`, { calendarId: "anna@salon.example" });
  expect(patch.body.calendarId).toBe("anna@salon.example");
});
afterAll(async () => {
  await s?.close();
});

describe("Google Calendar free/busy", () => {
  it("stores the refresh token encrypted", async () => {
    const row = await s.h.c.db.integrationAccount.findFirstOrThrow({ where: { tenantId: salon.tenantId, kind: "google_calendar" } });
    expect(Buffer.from(row.credentialsEnc).toString("utf8")).not.toContain(refreshToken);
    expect(row.externalId).toBe("owner@salon.example");
  });

  it("blocks Anna's busy times, speaking OAuth + freeBusy on the wire, and caches the answer", async () => {
    s.google.setBusy("anna@salon.example", [{ start: dayAt(1, 9).toISOString(), end: dayAt(1, 12).toISOString() }]);
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Gia" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    const r = await callTool(s, "lead", "check_availability", { service: "colour", when: "tomorrow" }, ctx);
    expect(r).toMatchObject({ ok: true, service: "Colour" });
    if (!r.ok || r.tool !== "check_availability") throw new Error("no slots");
    expect(new Date(r.slots[0]!.start).getTime()).toBe(dayAt(1, 12).getTime());
    expect(r.slots.every((x) => !x.unconfirmed)).toBe(true);

    const token = s.google.requests.find((x) => x.path === "/token")!;
    expect(token.body).toMatchObject({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: "test-client.apps.googleusercontent.com" });
    const calls = s.google.freeBusyCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.status).toBe(200);
    expect(String(calls[0]!.headers.authorization)).toMatch(/^Bearer ya29\./);
    expect(calls[0]!.body).toMatchObject({ items: [{ id: "anna@salon.example" }] });

    // booking into Google's busy time is refused server-side (the model's slot is not trusted)
    const taken = await callTool(s, "lead", "book_appointment", { service: "colour", start: dayAt(1, 10).toISOString() }, ctx);
    expect(taken).toMatchObject({ ok: false, reason: "slot_taken" });

    // the same question again within a minute: answered from the cache (no new call)
    const before = s.google.freeBusyCalls().length;
    await callTool(s, "lead", "check_availability", { service: "colour", when: "tomorrow" }, ctx);
    expect(s.google.freeBusyCalls()).toHaveLength(before);
  });

  it("on a 429 answers from our own bookings and marks Google-only slots unconfirmed", async () => {
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Ria" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    s.google.failNext(429, 5);
    const colour = await callTool(s, "lead", "check_availability", { service: "colour", when: "in 3 days" }, ctx);
    expect(s.google.freeBusyCalls().some((c) => c.status === 429 && (c.response as { error?: { errors?: Array<{ reason?: string }> } }).error?.errors?.[0]?.reason === "rateLimitExceeded")).toBe(true);
    expect(colour).toMatchObject({ ok: true });
    if (colour.ok && colour.tool === "check_availability") {
      expect(colour.slots.length).toBeGreaterThan(0);
      expect(colour.slots.every((x) => x.unconfirmed === true)).toBe(true);
      expect(colour.note).toMatch(/couldn't be checked/);
    }
    // a haircut can be done by Ben (no Google calendar): those slots stay confirmed
    const haircut = await callTool(s, "lead", "check_availability", { service: "haircut", when: "in 4 days" }, ctx);
    expect(haircut).toMatchObject({ ok: true });
    if (haircut.ok && haircut.tool === "check_availability") expect(haircut.slots.some((x) => !x.unconfirmed)).toBe(true);
  });
});
