// The demo salon's calendar seed: idempotent, and its hours answer like its knowledge says
// (closed Mondays; Christmas Day closed).
import { afterAll, describe, expect, it } from "vitest";
import { toWall } from "../agent/nlu/zone.js";
import { CalendarServiceImpl } from "../api/calendar/service.js";
import { BookingRepo } from "../core/calendar/bookings.js";
import { CalendarCatalog } from "../core/calendar/catalog.js";
import { createSql } from "../core/db.js";
import { createLogger } from "../core/logger.js";
import { TEST_CREDENTIALS_KEY, testDatabaseUrl, testDb, uniqueSlug } from "../test/support/db.js";
import { parseKey } from "../core/crypto.js";
import { DEMO_SERVICES, seedDemoCalendar } from "./seed-calendar.js";

const db = testDb();
const sql = createSql(testDatabaseUrl(), 2);
afterAll(async () => {
  await db.$disconnect();
  await sql.end();
});

describe("seedDemoCalendar", () => {
  it("creates services, two stylists, weekly hours and Christmas once; Mondays are closed", async () => {
    const t = await db.tenant.create({ data: { slug: uniqueSlug("glow"), name: "Glow", timezone: "Europe/London", currency: "GBP" } });
    const key = parseKey(TEST_CREDENTIALS_KEY);
    expect(await seedDemoCalendar(sql, key, t.id)).toEqual({ services: DEMO_SERVICES.length });
    expect(await seedDemoCalendar(sql, key, t.id)).toEqual({ services: 0 });
    const catalog = new CalendarCatalog(sql, key);
    expect((await catalog.resources(t.id)).map((r) => r.name)).toEqual(["Leo", "Maya"]);
    expect((await catalog.hours(t.id)).map((h) => h.weekday).includes(1)).toBe(false);
    expect((await catalog.closures(t.id)).some((c) => c.date.endsWith("-12-25") && c.opensMin === null)).toBe(true);
    const colour = (await catalog.services(t.id)).find((s) => s.name === "Full head colour")!;
    const maya = (await catalog.resources(t.id)).find((r) => r.name === "Maya")!;
    expect(colour.resourceIds).toEqual([maya.id]);

    // a Sunday "now"; "tomorrow" is a Monday → closed, with alternatives on Tuesday
    const now = new Date("2026-11-29T12:00:00Z");
    expect(toWall(now, "Europe/London").weekday).toBe(0);
    const contact = await db.contact.create({ data: { tenantId: t.id } });
    const svc = new CalendarServiceImpl({ catalog, bookings: new BookingRepo(sql), logger: createLogger("silent"), now: () => now });
    const r = await svc.checkAvailability({ tenantId: t.id, role: "lead", conversationId: "none", contactId: contact.id }, { service: "men's cut", when: "tomorrow" });
    expect(r).toMatchObject({ ok: false, reason: "closed" });
    if (!r.ok) expect(r.alternatives?.[0]?.start).toBe("2026-12-01T09:00:00+00:00");
  });
});
