// Booking end to end, through the calendar tools with a run context (as the agent calls
// them), the real PostgreSQL and Redis, and fake WhatsApp/Twilio/Google servers:
//  - a WhatsApp lead asks "tomorrow after 5", books, gets a WhatsApp confirmation with a
//    working .ics link, the owner gets one line, and the 24 h / 2 h reminder jobs exist;
//    rescheduling moves the reminders (new version), cancelling removes them;
//  - a booking made on a voice call is confirmed by SMS to the caller;
//  - an owner lists "tomorrow" and cancels "Priya's 4 pm"; two Priyas at 4 pm → ambiguous;
//  - a lead cannot see or cancel another lead's booking (not found, no leak).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toWall } from "../../agent/nlu/zone.js";
import { reminderJobId } from "../../api/calendar/reminders.js";
import { eventually } from "../support/harness.js";
import { PUBLIC_BASE_URL, callTool, createSalon, leadConversation, ownerContext, startBookingHarness, type BookingHarness, tomorrowAt, type Salon } from "../support/booking.js";

let s: BookingHarness;
let salon: Salon;

beforeAll(async () => {
  s = await startBookingHarness();
  salon = await createSalon(s);
});
afterAll(async () => {
  await s?.close();
});


const sendsTo = (to: string) => s.h.graph.sends().filter((r) => (r.body as { to?: string }).to === to);
const textOf = (r: { body: unknown }) => String((r.body as { text?: { body?: string } }).text?.body ?? "");

describe("a WhatsApp lead books", () => {
  it("finds slots after 5 tomorrow, books one, gets a confirmation with .ics, the owner is told, reminders are queued", async () => {
    await ownerContext(s, salon); // the owner's WhatsApp window is open
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Priya Shah" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };

    const avail = await callTool(s, "lead", "check_availability", { service: "haircut", when: "tomorrow after 5" }, ctx);
    expect(avail).toMatchObject({ tool: "check_availability", ok: true, service: "Haircut" });
    if (!avail.ok || avail.tool !== "check_availability") throw new Error("no slots");
    expect(avail.slots.length).toBeGreaterThan(0);
    for (const slot of avail.slots) {
      const w = toWall(new Date(slot.start), "Europe/London");
      expect(w.hour).toBeGreaterThanOrEqual(17);
      expect(new Date(slot.start).getTime()).toBeGreaterThanOrEqual(tomorrowAt(17).getTime());
    }
    // a spread, not consecutive quarter-hours (17:00–18:15 are the possible starts: 17:00, 17:30, 18:00)
    expect(avail.slots.map((x) => x.label.slice(-5))).toEqual(["17:00", "17:30", "18:00"]);

    const booked = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: avail.slots[0]!.start }, ctx);
    expect(booked).toMatchObject({ tool: "book_appointment", ok: true, booking: { service: "Haircut", status: "confirmed", start: avail.slots[0]!.start } });
    if (!booked.ok || booked.tool !== "book_appointment") throw new Error("not booked");
    const id = booked.booking.id;

    // a retried call (same conversation, service, start) returns the same booking
    const again = await callTool(s, "lead", "book_appointment", { service: "haircut", start: avail.slots[0]!.start }, ctx);
    expect(again).toMatchObject({ ok: true, booking: { id } });
    expect(await s.h.c.db.booking.count({ where: { tenantId: salon.tenantId, contactId: lead.contactId } })).toBe(1);

    // confirmation on WhatsApp with the .ics link; the link serves the invite
    const [confirmation] = await eventually(async () => {
      const m = sendsTo(lead.address).filter((r) => textOf(r).includes("Booked"));
      return m.length ? m : null;
    });
    const text = textOf(confirmation!);
    expect(text).toContain("Haircut");
    const link = /https:\/\/growai\.test\/ics\/\S+/.exec(text)?.[0];
    expect(link).toBeTruthy();
    const ics = await fetch(link!.replace(PUBLIC_BASE_URL, s.h.baseUrl));
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const body = await ics.text();
    expect(body).toContain("METHOD:REQUEST");
    expect(body).toContain(`UID:booking-${id}@growai.test`);
    expect(body).toContain(`DTSTART:${new Date(avail.slots[0]!.start).toISOString().replace(/[-:]/g, "").replace(".000", "")}`);
    expect(body).toContain("SEQUENCE:1");
    expect(body).toMatch(/\r\n$/);
    // a tampered token is a plain 404
    expect((await fetch(`${s.h.baseUrl}/ics/${id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics`)).status).toBe(404);

    // the owner hears one line
    await eventually(async () => sendsTo(salon.ownerWaId).some((r) => textOf(r).includes("Priya Shah booked Haircut")));

    // reminders: 24 h only when the start is more than 24 h away; the 2 h one always (tomorrow ≥ 17:00)
    const start = new Date(avail.slots[0]!.start).getTime();
    const job2h = await s.h.c.queues.reminders.getJob(reminderJobId(id, "2h", 1));
    expect(job2h?.data).toEqual({ tenantId: salon.tenantId, bookingId: id, version: 1, kind: "2h" });
    expect(await job2h!.isDelayed()).toBe(true);
    expect(job2h!.timestamp + job2h!.opts.delay!).toBeGreaterThanOrEqual(start - 2 * 3600_000 - 5000);
    expect(job2h!.timestamp + job2h!.opts.delay!).toBeLessThanOrEqual(start - 2 * 3600_000 + 5000);
    const job24 = await s.h.c.queues.reminders.getJob(reminderJobId(id, "24h", 1));
    expect(!!job24).toBe(start - 24 * 3600_000 > Date.now());

    // reschedule to 18:00 tomorrow: same row, version 2, old reminders gone, new ones queued
    const moved = await callTool(s, "lead", "reschedule_booking", { new_start: "tomorrow at 6pm" }, ctx);
    expect(moved).toMatchObject({ tool: "reschedule_booking", ok: true, booking: { id } });
    const row = await s.h.c.db.booking.findUniqueOrThrow({ where: { id } });
    expect(row.version).toBe(2);
    expect(row.startsAt.toISOString()).toBe(tomorrowAt(18).toISOString());
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "2h", 1))).toBeFalsy();
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "2h", 2))).toBeTruthy();

    // cancel: status cancelled, reminders gone, the .ics now says CANCEL with SEQUENCE 3
    const cancelled = await callTool(s, "lead", "cancel_booking", {}, ctx);
    expect(cancelled).toMatchObject({ tool: "cancel_booking", ok: true, booking: { id, status: "cancelled" } });
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "2h", 2))).toBeFalsy();
    const after = await (await fetch(link!.replace(PUBLIC_BASE_URL, s.h.baseUrl))).text();
    expect(after).toContain("METHOD:CANCEL");
    expect(after).toContain("SEQUENCE:3");
    await eventually(async () => sendsTo(lead.address).some((r) => textOf(r).includes("is cancelled")));

    // the freed slot can be booked again
    const rebook = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: avail.slots[0]!.start }, ctx);
    expect(rebook).toMatchObject({ ok: true, booking: { status: "confirmed" } });
    if (rebook.ok && rebook.tool === "book_appointment") expect(rebook.booking.id).not.toBe(id);
  });

  it("a prepaid service is held until payment", async () => {
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Hana" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    const r = await callTool(s, "lead", "book_appointment", { service: "facial", start: tomorrowAt(10).toISOString() }, ctx);
    expect(r).toMatchObject({ ok: true, paymentRequired: true, booking: { status: "held" } });
    if (!r.ok || r.tool !== "book_appointment") throw new Error("not held");
    expect(r.booking.holdExpiresAt).toBeTruthy();
    // the hold runs out unpaid: it no longer shows or blocks; the next booking marks it expired
    await s.h.c.db.booking.update({ where: { id: r.booking.id }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });
    expect(await callTool(s, "lead", "my_bookings", {}, ctx)).toMatchObject({ ok: true, bookings: [] });
    const other = await leadConversation(s, salon, { channel: "whatsapp", name: "Next" });
    const facialResources = 2;
    for (let i = 0; i < facialResources; i++) {
      const l = i === 0 ? other : await leadConversation(s, salon, { channel: "whatsapp" });
      expect(await callTool(s, "lead", "book_appointment", { service: "facial", start: tomorrowAt(10).toISOString() }, { tenantId: salon.tenantId, conversationId: l.conversationId, contactId: l.contactId })).toMatchObject({ ok: true });
    }
    expect((await s.h.c.db.booking.findUniqueOrThrow({ where: { id: r.booking.id } })).status).toBe("expired");
  });

  it("the sweep expires an unpaid hold whose time ran out and tells the customer, once", async () => {
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Ines" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    const r = await callTool(s, "lead", "book_appointment", { service: "facial", start: tomorrowAt(12).toISOString() }, ctx);
    if (!r.ok || r.tool !== "book_appointment") throw new Error("not held");
    const live = await callTool(s, "lead", "book_appointment", { service: "facial", start: tomorrowAt(15).toISOString() }, ctx);
    if (!live.ok || live.tool !== "book_appointment") throw new Error("not held");
    await s.h.c.db.booking.update({ where: { id: r.booking.id }, data: { holdExpiresAt: new Date(Date.now() - 1000) } });

    expect(await s.h.c.calendar.expireHolds()).toBeGreaterThanOrEqual(1);
    expect((await s.h.c.db.booking.findUniqueOrThrow({ where: { id: r.booking.id } })).status).toBe("expired");
    expect((await s.h.c.db.booking.findUniqueOrThrow({ where: { id: live.booking.id } })).status).toBe("held"); // still within its time
    await eventually(async () => sendsTo(lead.address).some((m) => /hold on your Facial .* has ended because it wasn't paid in time/.test(textOf(m))));
    // a second sweep finds nothing of it: told once
    await s.h.c.calendar.expireHolds();
    const told = sendsTo(lead.address).filter((m) => textOf(m).includes("has ended because it wasn't paid")).length;
    expect(told).toBe(1);
    expect(await s.h.c.db.message.count({ where: { tenantId: salon.tenantId, idempotencyKey: { startsWith: `booking:${r.booking.id}:` }, text: { contains: "has ended" } } })).toBe(1);
  });

  it("answers in_past, unknown_service with options, need_service with the list", async () => {
    const lead = await leadConversation(s, salon, { channel: "whatsapp" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    expect(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: new Date(Date.now() - 3600_000).toISOString() }, ctx)).toMatchObject({ ok: false, reason: "in_past" });
    expect(await callTool(s, "lead", "check_availability", { service: "tattoo", when: "tomorrow" }, ctx)).toMatchObject({
      ok: false, reason: "unknown_service", options: ["Colour", "Facial", "Haircut"],
    });
    expect(await callTool(s, "lead", "check_availability", { when: "tomorrow" }, ctx)).toMatchObject({ ok: false, reason: "need_service", need: ["service"] });
    // minimum notice (60 min) and horizon (60 days) are enforced server-side, with alternatives
    const soon = new Date(Math.ceil((Date.now() + 20 * 60_000) / 900_000) * 900_000).toISOString();
    const tooSoon = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: soon }, ctx);
    expect(tooSoon).toMatchObject({ ok: false, reason: "invalid" });
    if (!tooSoon.ok) expect(tooSoon.message).toMatch(/notice/);
    const far = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: new Date(Date.now() + 90 * 864e5).toISOString() }, ctx);
    expect(far).toMatchObject({ ok: false, reason: "invalid" });
    expect(await s.h.c.db.booking.count({ where: { tenantId: salon.tenantId, contactId: lead.contactId } })).toBe(0);
  });
});

describe("a booking made on a call", () => {
  it("is confirmed by SMS to the caller's number", async () => {
    const caller = await leadConversation(s, salon, { channel: "voice", callSid: `CA${"1".repeat(32)}`, name: "Caller" });
    const ctx = { tenantId: salon.tenantId, conversationId: caller.conversationId, contactId: caller.contactId };
    const r = await callTool(s, "lead", "book_appointment", { service: "colour", start: tomorrowAt(11).toISOString() }, ctx);
    expect(r).toMatchObject({ ok: true, booking: { service: "Colour", status: "confirmed" } });
    const row = await s.h.c.db.booking.findFirstOrThrow({ where: { tenantId: salon.tenantId, contactId: caller.contactId } });
    expect(row.source).toBe("voice");
    expect(row.resourceId).toBe(salon.staff.anna); // colour: Anna only
    const [sms] = await eventually(async () => {
      const m = s.twilio.sends().filter((x) => x.form.To === caller.address);
      return m.length ? m : null;
    });
    expect(sms!.form.From).toBe(salon.smsNumber);
    expect(sms!.form.Body).toContain("Booked: Colour");
    expect(sms!.form.Body).toMatch(/https:\/\/growai\.test\/ics\//);
  });
});

describe("owners", () => {
  it("list tomorrow's bookings and cancel \"Priya's 4 pm\"; two matches are ambiguous", async () => {
    const priya = await leadConversation(s, salon, { channel: "whatsapp", name: "Priya Kapoor" });
    const sam = await leadConversation(s, salon, { channel: "whatsapp", name: "Sam Lee" });
    const lctx = (l: { conversationId: string; contactId: string }) => ({ tenantId: salon.tenantId, conversationId: l.conversationId, contactId: l.contactId });
    expect(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: tomorrowAt(16).toISOString() }, lctx(priya))).toMatchObject({ ok: true });
    expect(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: tomorrowAt(16).toISOString() }, lctx(sam))).toMatchObject({ ok: true });

    const owner = await ownerContext(s, salon);
    const list = await callTool(s, "owner", "list_bookings", { when: "tomorrow" }, owner);
    expect(list).toMatchObject({ tool: "list_bookings", ok: true });
    if (!list.ok || list.tool !== "list_bookings") throw new Error("no list");
    const names = list.bookings.map((b) => b.contactName);
    expect(names).toContain("Priya Kapoor");
    expect(names).toContain("Sam Lee");
    expect(list.message).toContain("Priya Kapoor");

    const cancel = await callTool(s, "owner", "cancel_booking", { which: "Priya's 4 pm" }, owner);
    expect(cancel).toMatchObject({ tool: "cancel_booking", ok: true, booking: { contactName: "Priya Kapoor", status: "cancelled" } });
    const samRow = await s.h.c.db.booking.findFirstOrThrow({ where: { tenantId: salon.tenantId, contactId: sam.contactId } });
    expect(samRow.status).toBe("confirmed");
    await eventually(async () => sendsTo(priya.address).some((r) => textOf(r).includes("is cancelled")));

    // "Priya tomorrow" matches two live bookings → ambiguous, with the options to ask about
    const nair = await leadConversation(s, salon, { channel: "whatsapp", name: "Priya Nair" });
    const rao = await leadConversation(s, salon, { channel: "whatsapp", name: "Priya Rao" });
    expect(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: tomorrowAt(9).toISOString() }, lctx(nair))).toMatchObject({ ok: true });
    expect(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: tomorrowAt(13).toISOString() }, lctx(rao))).toMatchObject({ ok: true });
    const amb = await callTool(s, "owner", "cancel_booking", { which: "Priya tomorrow" }, owner);
    expect(amb).toMatchObject({ ok: false, reason: "ambiguous" });
    if (!amb.ok) {
      expect(amb.options?.some((o) => o.includes("Priya Nair"))).toBe(true);
      expect(amb.options?.some((o) => o.includes("Priya Rao"))).toBe(true);
    }
    expect(await s.h.c.db.booking.count({ where: { tenantId: salon.tenantId, contactId: { in: [nair.contactId, rao.contactId] }, status: "confirmed" } })).toBe(2);
  });

  it("a lead cannot see, move or cancel another lead's booking (not found)", async () => {
    const a = await leadConversation(s, salon, { channel: "whatsapp", name: "Alice" });
    const b = await leadConversation(s, salon, { channel: "whatsapp", name: "Bob" });
    const actx = { tenantId: salon.tenantId, conversationId: a.conversationId, contactId: a.contactId };
    const bctx = { tenantId: salon.tenantId, conversationId: b.conversationId, contactId: b.contactId };
    const r = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: tomorrowAt(12).toISOString() }, actx);
    if (!r.ok || r.tool !== "book_appointment") throw new Error("not booked");
    expect(await callTool(s, "lead", "cancel_booking", { booking_id: r.booking.id }, bctx)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await callTool(s, "lead", "reschedule_booking", { booking_id: r.booking.id, new_start: tomorrowAt(14).toISOString() }, bctx)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await callTool(s, "lead", "my_bookings", {}, bctx)).toMatchObject({ ok: true, bookings: [] });
    expect((await s.h.c.db.booking.findUniqueOrThrow({ where: { id: r.booking.id } })).status).toBe("confirmed");
  });
});
