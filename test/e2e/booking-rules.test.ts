// Rules over time, on the real database: natural dates read in the tenant's zone across the
// Europe/London and America/New_York DST transitions ("tomorrow" on the transition Sunday
// gives correct UTC slots), "next Friday morning" and "the 3rd"; and reminders — delayed
// jobs in Redis that another process's queue sees (they survive restarts), that act only on
// the booking's current version and live status, and that send through the outbox.
import { Queue, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { reminderJobId, reminderProcessor } from "../../api/calendar/reminders.js";
import { CalendarServiceImpl } from "../../api/calendar/service.js";
import type { ReminderJob } from "../../api/pipeline/queues.js";
import { redisOptions } from "../../api/redis-options.js";
import { createLogger } from "../../core/logger.js";
import { callTool, createSalon, leadConversation, startBookingHarness, type BookingHarness, type Salon } from "../support/booking.js";

let s: BookingHarness;

beforeAll(async () => {
  s = await startBookingHarness();
});
afterAll(async () => {
  await s?.close();
});

const nineToFive = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMin: 540, closesMin: 1020 }));

async function serviceAt(salon: Salon, now: Date) {
  const c = s.h.c.calendar;
  return new CalendarServiceImpl({ catalog: c.catalog, bookings: c.bookings, logger: createLogger("silent"), now: () => now });
}

async function slots(salon: Salon, now: Date, when: string, service = "Colour") {
  const lead = await leadConversation(s, salon, { channel: "whatsapp" });
  const svc = await serviceAt(salon, now);
  const r = await svc.checkAvailability({ tenantId: salon.tenantId, role: "lead", conversationId: lead.conversationId, contactId: lead.contactId }, { service, when, limit: 10 });
  if (!r.ok || r.tool !== "check_availability") throw new Error(`no slots: ${JSON.stringify(r)}`);
  return r.slots;
}

describe("DST transitions", () => {
  it("London spring-forward Sunday: 09:00–17:00 is 08:00Z–16:00Z; ISO offsets are +01:00", async () => {
    const salon = await createSalon(s, { hours: nineToFive });
    const list = await slots(salon, new Date("2026-03-28T12:00:00Z"), "tomorrow");
    expect(new Date(list[0]!.start).toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(list[0]!.start).toBe("2026-03-29T09:00:00+01:00");
    expect(list.every((x) => new Date(x.end).getTime() <= Date.parse("2026-03-29T16:00:00Z"))).toBe(true);
    const exact = await slots(salon, new Date("2026-03-28T12:00:00Z"), "tomorrow at 9am");
    expect(exact[0]!.start).toBe("2026-03-29T09:00:00+01:00");
  });

  it("London fall-back Sunday: 09:00 is 09:00Z (+00:00)", async () => {
    const salon = await createSalon(s, { hours: nineToFive });
    const list = await slots(salon, new Date("2026-10-24T12:00:00Z"), "tomorrow");
    expect(list[0]!.start).toBe("2026-10-25T09:00:00+00:00");
  });

  it("New York spring-forward and fall-back Sundays: 09:00 is 13:00Z then 14:00Z", async () => {
    const salon = await createSalon(s, { hours: nineToFive, timezone: "America/New_York" });
    const spring = await slots(salon, new Date("2026-03-07T17:00:00Z"), "tomorrow");
    expect(spring[0]!.start).toBe("2026-03-08T09:00:00-04:00");
    expect(new Date(spring[0]!.start).toISOString()).toBe("2026-03-08T13:00:00.000Z");
    const fall = await slots(salon, new Date("2026-10-31T17:00:00Z"), "tomorrow after 4pm", "Haircut");
    expect(fall[0]!.start).toBe("2026-11-01T16:00:00-05:00");
  });

  it("\"next Friday morning\" and \"the 3rd\" are read in the tenant's calendar", async () => {
    const salon = await createSalon(s, { hours: nineToFive });
    const now = new Date("2026-11-24T10:00:00Z"); // a Tuesday
    const fri = await slots(salon, now, "next Friday morning", "Haircut");
    for (const x of fri) {
      const w = toWall(new Date(x.start), "Europe/London");
      expect(w.weekday).toBe(5);
      expect(w.hour).toBeGreaterThanOrEqual(9);
      expect(w.hour).toBeLessThan(12);
    }
    const third = await slots(salon, now, "the 3rd", "Haircut");
    expect(third[0]!.start.startsWith("2026-12-03T09:00")).toBe(true);
  });

  it("a closure (holiday) and \"closed Mondays\" answer closed with alternatives", async () => {
    const salon = await createSalon(s, { hours: nineToFive.filter((h) => h.weekday !== 1) });
    const now = new Date("2026-11-24T10:00:00Z");
    const closure = await s.h.admin("POST", `/tenants/${salon.tenantId}/closures`, { date: "2026-11-27", reason: "Staff training" });
    expect(closure.status).toBe(201);
    const lead = await leadConversation(s, salon, { channel: "whatsapp" });
    const svc = await serviceAt(salon, now);
    const actor = { tenantId: salon.tenantId, role: "lead" as const, conversationId: lead.conversationId, contactId: lead.contactId };
    expect(await svc.checkAvailability(actor, { service: "Haircut", when: "Friday" })).toMatchObject({ ok: false, reason: "closed" });
    const monday = await svc.checkAvailability(actor, { service: "Haircut", when: "next Monday" });
    expect(monday).toMatchObject({ ok: false, reason: "closed" });
    if (!monday.ok) expect(monday.alternatives?.length).toBeGreaterThan(0);
  });
});

describe("reminders", () => {
  it("are delayed jobs another process sees; a job acts only on its version; cancel removes them", async () => {
    const salon = await createSalon(s);
    const lead = await leadConversation(s, salon, { channel: "whatsapp", name: "Remi" });
    const ctx = { tenantId: salon.tenantId, conversationId: lead.conversationId, contactId: lead.contactId };
    const w = toWall(new Date(), "Europe/London");
    const start = fromWall({ year: w.year, month: w.month, day: w.day + 2, hour: 15, minute: 0 }, "Europe/London");
    const r = await callTool(s, "lead", "book_appointment", { service: "Haircut", start: start.toISOString() }, ctx);
    if (!r.ok || r.tool !== "book_appointment") throw new Error("not booked");
    const id = r.booking.id;

    // a queue object of another process (new connection) finds both delayed reminders in Redis
    const other = new Queue<ReminderJob>("reminders", { connection: redisOptions(s.h.config.REDIS_URL), prefix: s.h.config.REDIS_PREFIX });
    try {
      const j24 = await other.getJob(reminderJobId(id, "24h", 1));
      const j2 = await other.getJob(reminderJobId(id, "2h", 1));
      expect(await j24?.isDelayed()).toBe(true);
      expect(await j2?.isDelayed()).toBe(true);
      expect(j24!.data).toEqual({ tenantId: salon.tenantId, bookingId: id, version: 1, kind: "24h" });
    } finally {
      await other.close();
    }

    const cal = s.h.c.calendar;
    const tenant = await cal.catalog.tenant(salon.tenantId);
    const run = reminderProcessor({
      booking: (t, b) => cal.bookings.byId({ tenantId: t }, b),
      send: (kind, b) => cal.notifier.reminder(kind, b, tenant),
      logger: createLogger("silent"),
    });
    const job = (data: ReminderJob) => ({ data }) as Job<ReminderJob>;
    // the current version sends, through the outbox, once per (booking, kind, version)
    expect(await run(job({ tenantId: salon.tenantId, bookingId: id, version: 1, kind: "24h" }))).toBe("sent");
    const msg = await s.h.c.db.message.findFirst({ where: { tenantId: salon.tenantId, idempotencyKey: `reminder:${id}:24h:1` } });
    expect(msg?.text).toContain("Reminder: Haircut");
    // another tenant's id in the job finds nothing
    const stranger = await createSalon(s);
    expect(await run(job({ tenantId: stranger.tenantId, bookingId: id, version: 1, kind: "24h" }))).toBe("stale");

    // moved: the old version's job does nothing, the new version's jobs exist
    const moved = await callTool(s, "lead", "reschedule_booking", { booking_id: id, new_start: new Date(start.getTime() + 3600_000).toISOString() }, ctx);
    expect(moved).toMatchObject({ ok: true });
    expect(await run(job({ tenantId: salon.tenantId, bookingId: id, version: 1, kind: "2h" }))).toBe("stale");
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "24h", 1))).toBeFalsy();
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "24h", 2))).toBeTruthy();

    // cancelled: jobs removed, and a job that slipped through does nothing
    expect(await callTool(s, "lead", "cancel_booking", { booking_id: id }, ctx)).toMatchObject({ ok: true });
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "24h", 2))).toBeFalsy();
    expect(await s.h.c.queues.reminders.getJob(reminderJobId(id, "2h", 2))).toBeFalsy();
    expect(await run(job({ tenantId: salon.tenantId, bookingId: id, version: 3, kind: "2h" }))).toBe("stale");
  });
});
