// An in-memory double of the calendar tools for tests, implementing tools/calendar/contract.ts
// faithfully: the tenant's services (duration, price, payment up front), opening hours per
// weekday, a slot grid, slots taken by other customers, and each contact's own bookings.
// Tenant-partitioned (tenantId and contactId come from the run context, never the model) and
// it records every call, so tests can prove what was (or was never) booked.
// `when` is read by a small parser of its own (tools/ may not import agent/nlu): ISO dates
// and instants, "today", "tomorrow", weekdays ("next friday"), "morning/afternoon/evening",
// "at 5", "after 5pm", "before 10", "17:30", and combinations ("2026-11-25 after 6").
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { toolContextFrom, type ToolContext } from "../context.js";
import type { CalendarActor, CalendarService } from "../calendar/types.js";
import {
  BOOK_APPOINTMENT, CANCEL_BOOKING, CHECK_AVAILABILITY, LIST_BOOKINGS, MY_BOOKINGS, RESCHEDULE_BOOKING,
  bookAppointmentSchema, cancelBookingSchema, checkAvailabilitySchema, listBookingsSchema, myBookingsSchema, rescheduleBookingSchema,
  type BookingView, type CalendarResult, type SlotView,
} from "../calendar/contract.js";

export interface MemoryService {
  name: string;
  durationMin: number;
  priceMinor?: number;
  currency?: string;
  /** Booked as "held" until paid (the tool says paymentRequired). */
  paymentRequired?: boolean;
}

export interface MemoryCalendarOptions {
  timezone: string;
  locale?: string;
  /** The clock the tools read (tests fix it). */
  now: () => Date;
  services: MemoryService[];
  /** Opening hours per weekday (0 = Sunday): ["09:00", "19:00"]; missing = closed. */
  hours: Partial<Record<number, [string, string]>>;
  /** Slot grid in minutes (default 30). */
  stepMin?: number;
  /** Days searched for alternatives (default 7). */
  horizonDays?: number;
}

interface StoredBooking extends BookingView {
  tenantId: string;
  contactId: string;
  startMs: number;
  endMs: number;
}

type Failure = Extract<CalendarResult, { ok: false }>;
type Window = { from: number; to: number; exact: boolean };

const DAY = 864e5;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export class MemoryCalendar implements CalendarService {
  readonly calls: Array<{ tenantId: string; contactId?: string; name: string; args: Record<string, unknown> }> = [];
  private readonly bookings: StoredBooking[] = [];
  private seq = 0;
  private readonly step: number;
  private readonly horizon: number;
  private readonly labelFmt: Intl.DateTimeFormat;
  private readonly partsFmt: Intl.DateTimeFormat;

  constructor(private readonly opts: MemoryCalendarOptions) {
    this.step = opts.stepMin ?? 30;
    this.horizon = opts.horizonDays ?? 7;
    this.labelFmt = new Intl.DateTimeFormat(opts.locale ?? "en-GB", {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: opts.timezone,
    });
    this.partsFmt = new Intl.DateTimeFormat("en-US", {
      timeZone: opts.timezone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", weekday: "short",
    });
  }

  /** Another customer's booking (or a staff block) in a tenant's diary. */
  take(tenantId: string, serviceName: string, localStart: string, contactId = "someone-else"): BookingView {
    const service = this.opts.services.find((s) => s.name === serviceName);
    if (!service) throw new Error(`no service ${serviceName}`);
    const start = this.parseStart(localStart);
    if (start === null) throw new Error(`bad start ${localStart}`);
    return this.store(tenantId, contactId, service, start, "confirmed");
  }

  /** Every booking of a tenant (cancelled ones too), for assertions. */
  all(tenantId: string): BookingView[] {
    return this.bookings.filter((b) => b.tenantId === tenantId).map(({ tenantId: _t, contactId: _c, startMs: _s, endMs: _e, ...view }) => view);
  }

  /** LangChain tools over this double, with the contract's names and schemas. */
  tools(): StructuredToolInterface[] {
    const make = (name: string, description: string, schema: Parameters<typeof tool>[1]["schema"]) =>
      tool(async (args: unknown, config) => JSON.stringify(this.execute(name, args as Record<string, unknown>, toolContextFrom(config))), {
        name, description, schema,
      } as Parameters<typeof tool>[1]) as unknown as StructuredToolInterface;
    return [
      make(CHECK_AVAILABILITY, "Find free slots for a service.", checkAvailabilitySchema),
      make(BOOK_APPOINTMENT, "Book a slot for the customer.", bookAppointmentSchema),
      make(MY_BOOKINGS, "The customer's upcoming bookings.", myBookingsSchema),
      make(RESCHEDULE_BOOKING, "Move one of the customer's bookings.", rescheduleBookingSchema),
      make(CANCEL_BOOKING, "Cancel one of the customer's bookings.", cancelBookingSchema),
    ];
  }

  // CalendarService (tools/calendar/types.ts): the same double behind the real tool wrappers.
  private actorCtx(a: CalendarActor): ToolContext {
    return { tenantId: a.tenantId, role: a.role, conversationId: a.conversationId, ...(a.contactId ? { contactId: a.contactId } : {}) };
  }
  async checkAvailability(a: CalendarActor, args: { service?: string; when?: string; limit?: number }): Promise<CalendarResult> {
    return this.execute(CHECK_AVAILABILITY, args, this.actorCtx(a));
  }
  async book(a: CalendarActor, args: { service: string; start: string; notes?: string }): Promise<CalendarResult> {
    return this.execute(BOOK_APPOINTMENT, args, this.actorCtx(a));
  }
  async myBookings(a: CalendarActor): Promise<CalendarResult> {
    return this.execute(MY_BOOKINGS, {}, this.actorCtx(a));
  }
  async reschedule(a: CalendarActor, args: { booking_id?: string; new_start: string }): Promise<CalendarResult> {
    return this.execute(RESCHEDULE_BOOKING, args, this.actorCtx(a));
  }
  async cancel(a: CalendarActor, args: { booking_id?: string; which?: string; reason?: string }): Promise<CalendarResult> {
    return this.execute(CANCEL_BOOKING, args, this.actorCtx(a));
  }
  async listBookings(a: CalendarActor, args: { when?: string }): Promise<CalendarResult> {
    return this.execute(LIST_BOOKINGS, args, this.actorCtx(a));
  }

  /** Runs one tool call (arguments validated by the contract's schema, extra keys stripped). */
  execute(name: string, rawArgs: Record<string, unknown>, ctx: ToolContext): CalendarResult {
    if (!ctx.tenantId) throw new Error("tenantId required");
    this.calls.push({ tenantId: ctx.tenantId, ...(ctx.contactId ? { contactId: ctx.contactId } : {}), name, args: rawArgs });
    const fail = (reason: Failure["reason"], message: string, extra: Partial<Failure> = {}): Failure => ({ tool: name, ok: false, reason, message, ...extra });
    switch (name) {
      case CHECK_AVAILABILITY: {
        const a = checkAvailabilitySchema.safeParse(rawArgs);
        if (!a.success) return fail("invalid", "I couldn't read that request.");
        return this.check(ctx.tenantId, a.data, fail);
      }
      case BOOK_APPOINTMENT: {
        const a = bookAppointmentSchema.safeParse(rawArgs);
        if (!a.success) return fail("invalid", "I need a service and a start time to book.");
        return this.bookFor(ctx, a.data, fail);
      }
      case MY_BOOKINGS: {
        const mine = this.upcoming(ctx);
        const message = mine.length
          ? `You have ${mine.length === 1 ? "1 upcoming booking" : `${mine.length} upcoming bookings`}: ${mine.map((b) => `${b.service} on ${b.label}`).join("; ")}.`
          : "You have no upcoming bookings.";
        return { tool: MY_BOOKINGS, ok: true, bookings: mine.map((b) => this.view(b)), message };
      }
      case RESCHEDULE_BOOKING: {
        const a = rescheduleBookingSchema.safeParse(rawArgs);
        if (!a.success) return fail("invalid", "I need the new time.");
        const found = this.findOwn(ctx, a.data.booking_id, fail);
        if ("ok" in found) return found;
        const start = this.parseStart(a.data.new_start);
        if (start === null) return fail("invalid", "I couldn't read that time.");
        const service = this.opts.services.find((s) => s.name === found.service)!;
        const problem = this.unbookable(ctx.tenantId, service, start, fail, found.id);
        if (problem) return problem;
        found.startMs = start;
        found.endMs = start + service.durationMin * 60000;
        found.start = this.iso(start);
        found.label = this.label(start);
        return { tool: RESCHEDULE_BOOKING, ok: true, booking: this.view(found), message: `Done — your ${found.service} is now on ${found.label}.` };
      }
      case CANCEL_BOOKING: {
        const a = cancelBookingSchema.safeParse(rawArgs);
        if (!a.success) return fail("invalid", "I couldn't read that request.");
        const found = this.findOwn(ctx, a.data.booking_id, fail);
        if ("ok" in found) return found;
        found.status = "cancelled";
        return { tool: CANCEL_BOOKING, ok: true, booking: this.view(found), message: `Cancelled: your ${found.service} on ${found.label}.` };
      }
      case LIST_BOOKINGS: {
        const a = listBookingsSchema.safeParse(rawArgs);
        if (!a.success) return fail("invalid", "I couldn't read that request.");
        if (ctx.role !== "owner") return fail("not_allowed", "Only the business can list bookings.");
        const w = a.data.when ? this.parseWhen(a.data.when) : { from: this.opts.now().getTime(), to: this.opts.now().getTime() + DAY, exact: false };
        if (!w) return fail("need_time", "Which day?", { need: ["when"] });
        const list = this.bookings.filter((b) => b.tenantId === ctx.tenantId && b.status !== "cancelled" && b.startMs >= w.from && b.startMs < w.to);
        return { tool: LIST_BOOKINGS, ok: true, bookings: list.map((b) => this.view(b)), message: `${list.length} booking(s).` };
      }
      default:
        return fail("invalid", `Unknown calendar tool ${name}.`);
    }
  }

  // ── tools ────────────────────────────────────────────────────────────────────────

  private check(tenantId: string, a: { service?: string | undefined; when?: string | undefined; limit?: number | undefined }, fail: (r: Failure["reason"], m: string, e?: Partial<Failure>) => Failure): CalendarResult {
    const resolved = this.resolveService(a.service, fail);
    if ("ok" in resolved) return resolved;
    const service = resolved;
    const limit = a.limit ?? 3;
    const now = this.opts.now().getTime();
    let w: Window;
    if (a.when) {
      const parsed = this.parseWhen(a.when);
      if (!parsed) return fail("invalid", `I couldn't work out when "${a.when}" is.`, { need: ["when"] });
      w = parsed;
    } else {
      w = { from: now, to: now + this.horizon * DAY, exact: false };
    }
    if (w.to <= now && !(w.exact && w.from > now)) return fail("in_past", "That time has already passed.", { need: ["when"] });
    const from = Math.max(w.from, now);
    // an exact time asks for that start and the ones after it that day
    const to = w.exact ? this.wallToUtc({ ...this.wall(w.from), hour: 0, minute: 0 }) + DAY : w.to;
    const window = this.label(from).replace(/, \d\d:\d\d$/, "");
    const alternatives = () => this.freeSlots(tenantId, service, from, from + this.horizon * DAY, limit);
    if (w.exact && !this.withinHours(service, w.from)) {
      return fail("closed", `We're not open for a ${service.name} at ${this.label(w.from)}.`, { alternatives: alternatives() });
    }
    const inWindow = this.freeSlots(tenantId, service, from, to, limit);
    if (inWindow.length) return { tool: CHECK_AVAILABILITY, ok: true, service: service.name, window, slots: inWindow };
    if (!this.openOn(from)) return fail("closed", `We're closed on ${window}.`, { alternatives: alternatives() });
    return fail("no_slots", `Nothing is free for a ${service.name} then.`, { alternatives: alternatives() });
  }

  private bookFor(ctx: ToolContext, a: { service: string; start: string; notes?: string | undefined }, fail: (r: Failure["reason"], m: string, e?: Partial<Failure>) => Failure): CalendarResult {
    if (!ctx.contactId) return fail("not_allowed", "I can only book for the person I'm talking to.");
    const resolved = this.resolveService(a.service, fail);
    if ("ok" in resolved) return resolved;
    const start = this.parseStart(a.start);
    if (start === null) return fail("invalid", "I couldn't read that start time.", { need: ["when"] });
    const problem = this.unbookable(ctx.tenantId, resolved, start, fail);
    if (problem) return problem;
    const held = resolved.paymentRequired === true;
    const b = this.store(ctx.tenantId, ctx.contactId, resolved, start, held ? "held" : "confirmed");
    const message = held
      ? `I've held a ${b.service} for you on ${b.label}. It's confirmed once the deposit is paid.`
      : `You're booked: ${b.service} on ${b.label}.`;
    return { tool: BOOK_APPOINTMENT, ok: true, booking: b, message, ...(held ? { paymentRequired: true } : {}) };
  }

  private findOwn(ctx: ToolContext, id: string | undefined, fail: (r: Failure["reason"], m: string, e?: Partial<Failure>) => Failure): StoredBooking | Failure {
    const mine = this.upcoming(ctx);
    if (id) return mine.find((b) => b.id === id) ?? fail("not_found", "I couldn't find that booking.", { need: ["booking"] });
    if (mine.length === 1) return mine[0]!;
    if (!mine.length) return fail("not_found", "You have no upcoming bookings.");
    return fail("ambiguous", "You have several bookings — which one?", { need: ["booking"], options: mine.map((b) => `${b.id}: ${b.service} on ${b.label}`) });
  }

  // ── diary ────────────────────────────────────────────────────────────────────────

  private upcoming(ctx: ToolContext): StoredBooking[] {
    const now = this.opts.now().getTime();
    return this.bookings
      .filter((b) => b.tenantId === ctx.tenantId && b.contactId === ctx.contactId && (b.status === "confirmed" || b.status === "held") && b.startMs > now)
      .sort((x, y) => x.startMs - y.startMs);
  }

  private store(tenantId: string, contactId: string, s: MemoryService, start: number, status: "held" | "confirmed"): StoredBooking {
    const b: StoredBooking = {
      tenantId, contactId, startMs: start, endMs: start + s.durationMin * 60000,
      id: `bk_${++this.seq}`, service: s.name, start: this.iso(start), label: this.label(start), status,
      ...(s.priceMinor !== undefined ? { priceMinor: s.priceMinor, currency: s.currency ?? "GBP" } : {}),
      ...(status === "held" ? { holdExpiresAt: new Date(this.opts.now().getTime() + 15 * 60000).toISOString() } : {}),
    };
    this.bookings.push(b);
    return b;
  }

  private view(b: StoredBooking): BookingView {
    const { tenantId: _t, contactId: _c, startMs: _s, endMs: _e, ...view } = b;
    return { ...view };
  }

  private unbookable(tenantId: string, s: MemoryService, start: number, fail: (r: Failure["reason"], m: string, e?: Partial<Failure>) => Failure, ignoreId?: string): Failure | null {
    if (start <= this.opts.now().getTime()) return fail("in_past", "That time has already passed.", { need: ["when"] });
    const dayStart = this.wallToUtc({ ...this.wall(start), hour: 0, minute: 0 });
    const alternatives = () => this.freeSlots(tenantId, s, Math.max(dayStart, this.opts.now().getTime()), dayStart + 2 * DAY, 3, ignoreId);
    if (!this.withinHours(s, start)) return fail("closed", `We're not open for a ${s.name} at ${this.label(start)}.`, { alternatives: alternatives() });
    if (!this.isFree(tenantId, start, start + s.durationMin * 60000, ignoreId)) {
      return fail("slot_taken", `Sorry, ${this.label(start)} has just been taken.`, { alternatives: alternatives() });
    }
    return null;
  }

  private isFree(tenantId: string, from: number, to: number, ignoreId?: string): boolean {
    return !this.bookings.some((b) => b.tenantId === tenantId && b.id !== ignoreId && (b.status === "confirmed" || b.status === "held") && b.startMs < to && b.endMs > from);
  }

  private hoursOf(instant: number): [number, number] | null {
    const w = this.wall(instant);
    const h = this.opts.hours[w.weekday];
    if (!h) return null;
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    return [min(h[0]), min(h[1])];
  }

  private openOn(instant: number): boolean {
    return this.hoursOf(instant) !== null;
  }

  private withinHours(s: MemoryService, start: number): boolean {
    const h = this.hoursOf(start);
    if (!h) return false;
    const w = this.wall(start);
    const m = w.hour * 60 + w.minute;
    return m >= h[0] && m + s.durationMin <= h[1];
  }

  /** Free starts on the grid in [from, to), earliest first. */
  private freeSlots(tenantId: string, s: MemoryService, from: number, to: number, limit: number, ignoreId?: string): SlotView[] {
    const out: SlotView[] = [];
    let day = this.wall(from);
    for (let d = 0; d <= this.horizon + 1 && out.length < limit; d++) {
      const dayStart = this.wallToUtc({ ...day, hour: 0, minute: 0 });
      if (dayStart >= to) break;
      const h = this.hoursOf(dayStart + DAY / 2);
      if (h) {
        for (let m = h[0]; m + s.durationMin <= h[1] && out.length < limit; m += this.step) {
          const start = this.wallToUtc({ ...day, hour: Math.floor(m / 60), minute: m % 60 });
          if (start < from || start >= to || start <= this.opts.now().getTime()) continue;
          if (!this.isFree(tenantId, start, start + s.durationMin * 60000, ignoreId)) continue;
          out.push(this.slot(s, start));
        }
      }
      const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
      day = { ...day, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
    }
    return out;
  }

  private slot(s: MemoryService, start: number): SlotView {
    return {
      start: this.iso(start), end: this.iso(start + s.durationMin * 60000), label: this.label(start), service: s.name,
      ...(s.priceMinor !== undefined ? { priceMinor: s.priceMinor, currency: s.currency ?? "GBP" } : {}),
    };
  }

  private resolveService(name: string | undefined, fail: (r: Failure["reason"], m: string, e?: Partial<Failure>) => Failure): MemoryService | Failure {
    const all = this.opts.services;
    const options = all.map((s) => s.name);
    if (!name) {
      if (all.length === 1) return all[0]!;
      return fail("need_service", "Which service would you like?", { need: ["service"], options });
    }
    const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, " ").replace(/\s+/g, " ").trim();
    const q = norm(name);
    const exact = all.find((s) => norm(s.name) === q);
    if (exact) return exact;
    const hits = all.filter((s) => {
      const n = norm(s.name);
      return n.includes(q) || q.includes(n) || n.split(/\s+/).some((w) => w.length >= 4 && q.split(/\s+/).includes(w));
    });
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) return fail("ambiguous", `Which do you mean: ${hits.map((h) => h.name).join(", ")}?`, { need: ["service"], options: hits.map((h) => h.name) });
    return fail("unknown_service", `We don't offer "${name}".`, { need: ["service"], options });
  }

  // ── time ─────────────────────────────────────────────────────────────────────────

  private wall(instant: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
    const p: Record<string, string> = {};
    for (const x of this.partsFmt.formatToParts(new Date(instant))) p[x.type] = x.value;
    const wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.weekday ?? "Sun");
    return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), weekday: wd };
  }

  private offsetMin(instant: number): number {
    const w = this.wall(instant);
    return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(instant / 60000) * 60000) / 60000);
  }

  private wallToUtc(w: { year: number; month: number; day: number; hour: number; minute: number }): number {
    const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
    const first = naive - this.offsetMin(naive) * 60000;
    return naive - this.offsetMin(first) * 60000;
  }

  private iso(instant: number): string {
    const off = this.offsetMin(instant);
    const w = this.wall(instant);
    const p = (n: number) => String(n).padStart(2, "0");
    const sign = off < 0 ? "-" : "+";
    return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:00${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  }

  private label(instant: number): string {
    return this.labelFmt.format(new Date(instant));
  }

  /** An exact start: an ISO instant, or local "YYYY-MM-DD HH:MM". */
  private parseStart(text: string): number | null {
    const t = text.trim();
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.test(t)) {
      const ms = Date.parse(t);
      return Number.isNaN(ms) ? null : ms;
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(t);
    return m ? this.wallToUtc({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }) : null;
  }

  /** A window from the customer's words (the subset the tests use). */
  private parseWhen(text: string): Window | null {
    const exact = this.parseStart(text);
    if (exact !== null) return { from: exact, to: exact, exact: true };
    const t = text.toLowerCase();
    const today = this.wall(this.opts.now().getTime());
    let day: { year: number; month: number; day: number } | null = null;
    const addDays = (n: number) => {
      const d = new Date(Date.UTC(today.year, today.month - 1, today.day + n));
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    };
    const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(t);
    if (iso) day = { year: +iso[1]!, month: +iso[2]!, day: +iso[3]! };
    else if (/\btoday\b|\btonight\b/.test(t)) day = addDays(0);
    else if (/\btomorrow\b/.test(t)) day = addDays(1);
    else {
      const wd = WEEKDAYS.findIndex((d) => new RegExp(`\\b${d.slice(0, 3)}(?:${d.slice(3)})?\\b`).test(t));
      if (wd >= 0) day = addDays(((wd - today.weekday + 7) % 7) || 7);
    }
    const rest = iso ? t.replace(iso[0], " ") : t;
    const time = /(?:\b(at|after|from|before|by)\s+)?\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\b/.exec(rest.replace(/\b\d{4}\b/g, " "));
    let h1 = 0, m1 = 0, h2 = 24, m2 = 0, hasTime = false;
    if (time && (time[1] || time[3] || time[4])) {
      let hour = Number(time[2]);
      const minute = time[3] ? Number(time[3]) : 0;
      if (time[4] === "pm" && hour < 12) hour += 12;
      else if (time[4] === "am" && hour === 12) hour = 0;
      else if (!time[4] && hour >= 1 && hour <= 7) hour += 12;
      if (hour > 23 || minute > 59) return null;
      hasTime = true;
      if (time[1] === "after" || time[1] === "from") { h1 = hour; m1 = minute; }
      else if (time[1] === "before" || time[1] === "by") { h2 = hour; m2 = minute; }
      else { h1 = h2 = hour; m1 = m2 = minute; }
    } else if (/\bmorning\b/.test(t)) { h1 = 8; h2 = 12; hasTime = true; }
    else if (/\bafternoon\b/.test(t)) { h1 = 12; h2 = 17; hasTime = true; }
    else if (/\bevening\b|\btonight\b/.test(t)) { h1 = 17; h2 = 21; hasTime = true; }
    if (!day && !hasTime) return null;
    if (!day) {
      day = addDays(0);
      const endToday = this.wallToUtc({ ...day, hour: h2, minute: m2 });
      if (endToday <= this.opts.now().getTime()) day = addDays(1);
    }
    const from = this.wallToUtc({ ...day, hour: h1, minute: m1 });
    const to = h2 === 24 ? this.wallToUtc({ ...day, hour: 0, minute: 0 }) + DAY : this.wallToUtc({ ...day, hour: h2, minute: m2 });
    return { from, to, exact: h1 === h2 && m1 === m2 && hasTime };
  }
}
