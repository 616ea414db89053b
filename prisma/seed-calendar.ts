// The demo salon's calendar (idempotent): its bookable services with durations, prices
// and clean-up buffers, two stylists, the weekly hours its knowledge states ("Monday:
// closed. Tuesday and Wednesday 9–6, Thursday and Friday 9–8, Saturday 8:30–5, Sunday 10–4")
// and a Christmas Day closure. Existing rows (by name / date) are kept as the owner left them.
import { CalendarCatalog, type ServiceInput } from "../core/calendar/catalog.js";
import type { Sql } from "../core/sql.js";

const H = (h: number, m = 0) => h * 60 + m;

export const DEMO_STAFF = [{ name: "Maya" }, { name: "Leo" }] as const;

/** `only`: the staff who can do it (default anyone). Money in pence. */
export const DEMO_SERVICES: Array<ServiceInput & { only?: string[] }> = [
  { name: "Women's cut and finish", aliases: ["women's cut", "ladies cut", "haircut"], durationMin: 60, bufferMin: 15, priceMinor: 4800, currency: "GBP" },
  { name: "Men's cut", aliases: ["gents cut", "men's haircut"], durationMin: 30, bufferMin: 10, priceMinor: 2800, currency: "GBP" },
  { name: "Kids' haircut", aliases: ["children's haircut", "kids cut"], durationMin: 30, bufferMin: 10, priceMinor: 1800, currency: "GBP" },
  { name: "Full head colour", aliases: ["colour", "hair colour", "dye"], durationMin: 120, bufferMin: 15, priceMinor: 7000, currency: "GBP", only: ["Maya"] },
  { name: "Wash and blow-dry", aliases: ["blow-dry", "blowdry", "blow out"], durationMin: 45, bufferMin: 10, priceMinor: 3000, currency: "GBP" },
  { name: "Glow Signature facial", aliases: ["facial"], durationMin: 60, bufferMin: 15, priceMinor: 6500, currency: "GBP", only: ["Maya"] },
  { name: "Gel manicure", aliases: ["gel mani", "gel nails", "manicure"], durationMin: 45, bufferMin: 10, priceMinor: 3200, currency: "GBP", only: ["Leo"] },
];

/** Monday closed (no rows); Sunday = 0. */
export const DEMO_HOURS = [
  { weekday: 2, opensMin: H(9), closesMin: H(18) },
  { weekday: 3, opensMin: H(9), closesMin: H(18) },
  { weekday: 4, opensMin: H(9), closesMin: H(20) },
  { weekday: 5, opensMin: H(9), closesMin: H(20) },
  { weekday: 6, opensMin: H(8, 30), closesMin: H(17) },
  { weekday: 0, opensMin: H(10), closesMin: H(16) },
];

export async function seedDemoCalendar(sql: Sql, credentialsKey: Buffer, tenantId: string, now = new Date()): Promise<{ services: number }> {
  const catalog = new CalendarCatalog(sql, credentialsKey);
  const resources = await catalog.resources(tenantId);
  const staff = new Map(resources.map((r) => [r.name, r.id]));
  for (const s of DEMO_STAFF) if (!staff.has(s.name)) staff.set(s.name, (await catalog.createResource(tenantId, { name: s.name, kind: "staff" })).id);
  const have = new Set((await catalog.services(tenantId)).map((s) => s.name));
  let services = 0;
  for (const { only, ...s } of DEMO_SERVICES) {
    if (have.has(s.name)) continue;
    await catalog.createService(tenantId, { ...s, resourceIds: (only ?? []).map((n) => staff.get(n)!) });
    services++;
  }
  if (!(await catalog.hours(tenantId)).length) await catalog.replaceHours(tenantId, null, DEMO_HOURS);
  const year = now.getUTCMonth() === 11 && now.getUTCDate() > 25 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const christmas = `${year}-12-25`;
  if (!(await catalog.closures(tenantId, { from: christmas, to: christmas })).some((c) => c.resourceId === null)) {
    await catalog.addClosure(tenantId, { resourceId: null, date: christmas, opensMin: null, closesMin: null, reason: "Christmas Day" });
  }
  return { services };
}
