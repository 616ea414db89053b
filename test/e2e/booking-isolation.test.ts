// Tenant walls around the calendar: tenant B's owner and leads, through the tools, and B's
// admin paths cannot see, book, move or cancel tenant A's bookings or services.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { callTool, createSalon, leadConversation, ownerContext, startBookingHarness, type BookingHarness, type Salon } from "../support/booking.js";

let s: BookingHarness;
let a: Salon;
let b: Salon;
let bookingId: string;

beforeAll(async () => {
  s = await startBookingHarness();
  a = await createSalon(s);
  b = await createSalon(s);
  const w = toWall(new Date(), "Europe/London");
  const start = fromWall({ year: w.year, month: w.month, day: w.day + 1, hour: 11, minute: 0 }, "Europe/London");
  const lead = await leadConversation(s, a, { channel: "whatsapp", name: "Aria" });
  const r = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: start.toISOString() }, { tenantId: a.tenantId, conversationId: lead.conversationId, contactId: lead.contactId });
  if (!r.ok || r.tool !== "book_appointment") throw new Error("not booked");
  bookingId = r.booking.id;
});
afterAll(async () => {
  await s?.close();
});

describe("calendar isolation", () => {
  it("B's owner does not see A's bookings and cannot cancel or move them by id", async () => {
    const owner = await ownerContext(s, b);
    const list = await callTool(s, "owner", "list_bookings", { when: "tomorrow" }, owner);
    expect(list).toMatchObject({ ok: true, bookings: [] });
    expect(await callTool(s, "owner", "cancel_booking", { booking_id: bookingId }, owner)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await callTool(s, "owner", "cancel_booking", { which: "Aria tomorrow" }, owner)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await callTool(s, "owner", "reschedule_booking", { booking_id: bookingId, new_start: new Date(Date.now() + 3 * 864e5).toISOString() }, owner)).toMatchObject({ ok: false, reason: "not_found" });
    expect((await s.h.c.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("confirmed");
  });

  it("a lead's run context with tenant B books B's service, never A's resource", async () => {
    const lead = await leadConversation(s, b, { channel: "whatsapp" });
    const ctx = { tenantId: b.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    const row = await s.h.c.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    const r = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: row.startsAt.toISOString() }, ctx);
    expect(r).toMatchObject({ ok: true });
    const mine = await s.h.c.db.booking.findFirstOrThrow({ where: { tenantId: b.tenantId, contactId: lead.contactId } });
    expect([b.staff.anna, b.staff.ben]).toContain(mine.resourceId);
    expect(mine.serviceId).toBe(b.services.haircut);
  });

  it("B's admin paths 404 on A's services, resources, closures; bookings and services lists are B's own", async () => {
    expect((await s.h.admin("PATCH", `/tenants/${b.tenantId}/services/${a.services.haircut}`, { priceMinor: 1 })).status).toBe(404);
    expect((await s.h.admin("DELETE", `/tenants/${b.tenantId}/services/${a.services.haircut}`)).status).toBe(404);
    expect((await s.h.admin("PATCH", `/tenants/${b.tenantId}/resources/${a.staff.anna}`, { name: "Mine" })).status).toBe(404);
    expect((await s.h.admin("PUT", `/tenants/${b.tenantId}/hours`, { resourceId: a.staff.anna, hours: [] })).status).toBe(404);
    expect((await s.h.admin("POST", `/tenants/${b.tenantId}/closures`, { resourceId: a.staff.anna, date: "2026-12-24" })).status).toBe(404);
    const svc = await s.h.admin("POST", `/tenants/${b.tenantId}/services`, { name: "Sneaky", durationMin: 30, resourceIds: [a.staff.anna] });
    expect(svc.status).toBe(400);
    const list = await s.h.admin("GET", `/tenants/${b.tenantId}/bookings?status=live`);
    expect(list.status).toBe(200);
    expect(list.body.bookings.map((x: { id: string }) => x.id)).not.toContain(bookingId);
    const services = await s.h.admin("GET", `/tenants/${b.tenantId}/services`);
    expect(services.body.services.map((x: { id: string }) => x.id)).not.toContain(a.services.haircut);
    expect((await s.h.c.db.service.findUniqueOrThrow({ where: { id: a.services.haircut } })).priceMinor).toBe(3500);
  });

  it("admin API validation: 400 with reasons, 401 without the token", async () => {
    const bad = await s.h.admin("POST", `/tenants/${a.tenantId}/services`, { name: "", durationMin: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(["durationMin", "name"]);
    const overlap = await s.h.admin("PUT", `/tenants/${a.tenantId}/hours`, { hours: [{ weekday: 1, opensMin: 540, closesMin: 780 }, { weekday: 1, opensMin: 720, closesMin: 1000 }] });
    expect(overlap.status).toBe(400);
    expect((await s.h.admin("GET", `/tenants/${a.tenantId}/services`, undefined, "wrong-token-wrong-token-wrong")).status).toBe(401);
    const dup = await s.h.admin("POST", `/tenants/${a.tenantId}/services`, { name: "Haircut", durationMin: 30 });
    expect(dup.status).toBe(409);
    // closures: listed by range, deleted once, then 404; another tenant's closure id is 404 too
    const c = await s.h.admin("POST", `/tenants/${a.tenantId}/closures`, { date: "2026-12-26", opensMin: 600, closesMin: 900, reason: "Boxing Day" });
    expect(c.status).toBe(201);
    const listed = await s.h.admin("GET", `/tenants/${a.tenantId}/closures?from=2026-12-01&to=2026-12-31`);
    expect(listed.body.closures).toEqual([expect.objectContaining({ id: c.body.id, date: "2026-12-26", opensMin: 600, closesMin: 900 })]);
    expect((await s.h.admin("DELETE", `/tenants/${b.tenantId}/closures/${c.body.id}`)).status).toBe(404);
    expect((await s.h.admin("DELETE", `/tenants/${a.tenantId}/closures/${c.body.id}`)).status).toBe(204);
    expect((await s.h.admin("DELETE", `/tenants/${a.tenantId}/closures/${c.body.id}`)).status).toBe(404);
    expect((await s.h.admin("POST", `/tenants/${a.tenantId}/closures`, { date: "2026-12-27", opensMin: 600 })).status).toBe(400);
    // Google Calendar: not connected → 404 on disconnect; a bad body → 400
    expect((await s.h.admin("DELETE", `/tenants/${a.tenantId}/integrations/google-calendar`)).status).toBe(404);
    expect((await s.h.admin("PUT", `/tenants/${a.tenantId}/integrations/google-calendar`, { refreshToken: "x" })).status).toBe(400);
    // a service with bookings is deactivated, not deleted; it is no longer offered
    expect((await s.h.admin("DELETE", `/tenants/${a.tenantId}/services/${a.services.haircut}`)).body).toEqual({ result: "deactivated" });
    const lead = await leadConversation(s, a, { channel: "whatsapp" });
    expect(await callTool(s, "lead", "check_availability", { service: "Haircut", when: "tomorrow" }, { tenantId: a.tenantId, conversationId: lead.conversationId, contactId: lead.contactId }))
      .toMatchObject({ ok: false, reason: "unknown_service" });
    expect((await s.h.admin("DELETE", `/tenants/${a.tenantId}/services/${a.services.facial}`)).body).toEqual({ result: "deleted" });
  });
});
