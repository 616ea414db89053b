// Request schemas of the calendar admin API (routes/calendar.ts). Money is integer minor units.
import { z } from "zod";

const minuteOfDay = z.number().int().min(0).max(1440);
const uuid = z.uuid();
const name = z.string().trim().min(1).max(120);

export const serviceSchema = z.object({
  name,
  aliases: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  description: z.string().max(1000).nullable().optional(),
  durationMin: z.number().int().min(5).max(24 * 60),
  bufferMin: z.number().int().min(0).max(240).optional(),
  priceMinor: z.number().int().min(0).max(100_000_000).nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code").nullable().optional(),
  prepay: z.boolean().optional(),
  active: z.boolean().optional(),
  resourceIds: z.array(uuid).max(100).optional(),
}).refine((s) => s.priceMinor === undefined || s.priceMinor === null || !!s.currency || s.currency === undefined, {
  message: "a price needs its currency (or leave currency out to use the business's)", path: ["currency"],
});

export const servicePatchSchema = z.object({
  name: name.optional(),
  aliases: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  description: z.string().max(1000).nullable().optional(),
  durationMin: z.number().int().min(5).max(24 * 60).optional(),
  bufferMin: z.number().int().min(0).max(240).optional(),
  priceMinor: z.number().int().min(0).max(100_000_000).nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  prepay: z.boolean().optional(),
  active: z.boolean().optional(),
  resourceIds: z.array(uuid).max(100).optional(),
});

export const resourceSchema = z.object({
  name,
  kind: z.enum(["staff", "room"]).optional(),
  /** A Google Calendar id (an email address or …@group.calendar.google.com). */
  calendarId: z.string().trim().min(3).max(254).nullable().optional(),
  active: z.boolean().optional(),
});
export const resourcePatchSchema = resourceSchema.partial();

const hoursRow = z.object({ weekday: z.number().int().min(0).max(6), opensMin: minuteOfDay, closesMin: minuteOfDay }).refine((h) => h.opensMin < h.closesMin, {
  message: "opensMin must be before closesMin", path: ["closesMin"],
});

/** The whole week at once (replaces what was there); several rows a weekday = split shifts. */
export const hoursSchema = z.object({
  resourceId: uuid.nullable().default(null),
  hours: z.array(hoursRow).max(7 * 6),
}).refine((b) => {
  const byDay = new Map<number, Array<[number, number]>>();
  for (const h of b.hours) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), [h.opensMin, h.closesMin]]);
  for (const rows of byDay.values()) {
    rows.sort((a, c) => a[0] - c[0]);
    for (let i = 1; i < rows.length; i++) if (rows[i]![0] < rows[i - 1]![1]) return false;
  }
  return true;
}, { message: "shifts of one weekday must not overlap", path: ["hours"] });

export const closureSchema = z.object({
  resourceId: uuid.nullable().default(null),
  date: z.iso.date(),
  opensMin: minuteOfDay.nullable().default(null),
  closesMin: minuteOfDay.nullable().default(null),
  reason: z.string().max(200).nullable().optional(),
}).refine((c) => (c.opensMin === null) === (c.closesMin === null) && (c.opensMin === null || c.opensMin < c.closesMin!), {
  message: "special hours need opensMin < closesMin (leave both out for closed all day)", path: ["opensMin"],
});

export const closureQuerySchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });

export const bookingsQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(["live", "all"]).default("all"),
});

export const googleConnectSchema = z.object({
  refreshToken: z.string().trim().min(10).max(2048),
  clientId: z.string().trim().min(5).max(256).optional(),
  clientSecret: z.string().trim().min(5).max(256).optional(),
  /** The Google account (email) connected, shown back to the admin. */
  account: z.string().trim().max(254).optional(),
});
