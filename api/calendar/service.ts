// CalendarService (tools/calendar/types.ts): what the calendar tools do. Availability is
// computed by core/calendar/availability.ts from the hours, closures, live bookings (with
// buffers) and, when connected, Google free/busy; a booking is re-validated here (the
// model's slot is never trusted) and made by an INSERT whose exclusion constraint is the
// guarantee against double booking. Every read and write is scoped to the actor's tenant
// and, for a lead, to their own contact: another contact's booking id is "not found".
import { createHash } from "node:crypto";
import { fromWall, toWall } from "../../agent/nlu/index.js";
import { bookableWindow, freeSlots, spreadSlots, type FreeSlot } from "../../core/calendar/availability.js";
import type { BookingRepo, BookingScope } from "../../core/calendar/bookings.js";
import type { CalendarCatalog } from "../../core/calendar/catalog.js";
import type { BookingRow, BusyBlock, CalendarTenant, ResourceRow, ServiceRow, ZoneOps } from "../../core/calendar/types.js";
import type { Logger } from "../../core/logger.js";
import {
  BOOK_APPOINTMENT, CANCEL_BOOKING, CHECK_AVAILABILITY, LIST_BOOKINGS, MY_BOOKINGS, RESCHEDULE_BOOKING,
  type CalendarResult, type SlotView,
} from "../../tools/calendar/contract.js";
import type { CalendarActor, CalendarService } from "../../tools/calendar/types.js";
import { bookingView, labelOf, slotView } from "./format.js";
import type { GoogleFreeBusy } from "./google.js";
import type { BookingEvent, BookingNotifier } from "./notify.js";
import type { ReminderScheduler } from "./reminders.js";
import { matchService, parseStart, parseWhen, type WhenWindow } from "./when.js";

export const ZONE: ZoneOps = { toWall, fromWall };
const MIN = 60_000;
const DAY = 864e5;

export interface CalendarServiceDeps {
  catalog: CalendarCatalog;
  bookings: BookingRepo;
  google?: GoogleFreeBusy;
  notifier?: BookingNotifier;
  reminders?: ReminderScheduler;
  logger: Logger;
  now?: () => Date;
}

type Fail = Extract<CalendarResult, { ok: false }>;
const fail = (tool: string, reason: Fail["reason"], message: string, extra: Partial<Omit<Fail, "tool" | "ok" | "reason" | "message">> = {}): CalendarResult => ({
  tool, ok: false, reason, message, ...extra,
});

interface Ctx {
  t: CalendarTenant;
  services: ServiceRow[];
  resources: ResourceRow[];
  now: Date;
}

interface Found {
  slots: Array<FreeSlot & { unconfirmed?: boolean }>;
  /** Google could not be checked for some resources. */
  googleDown: boolean;
}

export class CalendarServiceImpl implements CalendarService {
  private readonly now: () => Date;

  constructor(private readonly d: CalendarServiceDeps) {
    this.now = d.now ?? (() => new Date());
  }

  private async ctx(tenantId: string): Promise<Ctx> {
    const [t, services, resources] = await Promise.all([
      this.d.catalog.tenant(tenantId), this.d.catalog.services(tenantId, { activeOnly: true }), this.d.catalog.resources(tenantId, { activeOnly: true }),
    ]);
    return { t, services, resources, now: this.now() };
  }

  private capable(c: Ctx, s: ServiceRow): ResourceRow[] {
    return c.resources.filter((r) => !s.resourceIds.length || s.resourceIds.includes(r.id));
  }

  /** The service the words name, or the failure to return. */
  private pickService(tool: string, c: Ctx, words: string | undefined): ServiceRow | CalendarResult {
    const names = c.services.map((s) => s.name);
    if (!words?.trim()) {
      if (c.services.length === 1) return c.services[0]!;
      return fail(tool, "need_service", `Which service would you like? We offer: ${names.join(", ")}.`, { need: ["service"], options: names });
    }
    const m = matchService(words, c.services, c.t, c.now);
    if (!m) return fail(tool, "unknown_service", `We don't offer "${words}". We offer: ${names.join(", ")}.`, { options: names });
    if ("options" in m) {
      const opts = m.options.map((s) => s.name);
      return fail(tool, "ambiguous", `Did you mean ${opts.join(" or ")}?`, { need: ["service"], options: opts });
    }
    return m.match;
  }

  /** Free starts of `service` in [from, to) (bookable window applied), with Google's busy times when connected. */
  private async find(c: Ctx, service: ServiceRow, from: Date, to: Date, exceptBookingId?: string): Promise<Found> {
    const s = c.t.settings;
    const w = bookableWindow(from, to, c.now, s.minNoticeMin, s.horizonDays);
    if (w.from >= w.to) return { slots: [], googleDown: false };
    const resources = this.capable(c, service);
    if (!resources.length) return { slots: [], googleDown: false };
    const fromDay = toWall(w.from, c.t.timezone);
    const toDay = toWall(w.to, c.t.timezone);
    const pad = (n: number) => String(n).padStart(2, "0");
    const margin = DAY + (service.durationMin + service.bufferMin) * MIN;
    const [hours, closures, busy] = await Promise.all([
      this.d.catalog.hours(c.t.id),
      this.d.catalog.closures(c.t.id, { from: `${fromDay.year}-${pad(fromDay.month)}-${pad(fromDay.day)}`, to: `${toDay.year}-${pad(toDay.month)}-${pad(toDay.day)}` }),
      this.d.bookings.busy(c.t.id, new Date(w.from.getTime() - margin), new Date(w.to.getTime() + margin), exceptBookingId),
    ]);
    // Google free/busy for resources with a calendarId, when the tenant connected Google
    const withCalendar = resources.filter((r) => r.calendarId);
    let googleDown = false;
    const googleBusy: BusyBlock[] = [];
    if (this.d.google && withCalendar.length) {
      const fb = await this.d.google.busy(c.t.id, withCalendar.map((r) => r.calendarId!), new Date(w.from.getTime() - margin), new Date(w.to.getTime() + margin));
      if (fb?.ok) {
        for (const r of withCalendar) for (const b of fb.busy.get(r.calendarId!) ?? []) googleBusy.push({ resourceId: r.id, start: b.start, end: b.end });
      } else if (fb && !fb.ok) googleDown = true;
    }
    const slots = freeSlots({
      timezone: c.t.timezone, zone: ZONE, from: w.from, to: w.to, durationMin: service.durationMin, bufferMin: service.bufferMin,
      gridMin: s.gridMin, resourceIds: resources.map((r) => r.id), hours, closures, busy: [...busy, ...googleBusy],
    });
    if (!googleDown) return { slots, googleDown };
    const unchecked = new Set(withCalendar.map((r) => r.id));
    // a slot is confirmed when a resource without a Google calendar is free for it; order those first
    return {
      googleDown,
      slots: slots.map((sl) => {
        const sure = sl.resourceIds.filter((id) => !unchecked.has(id));
        return sure.length ? { ...sl, resourceIds: [...sure, ...sl.resourceIds.filter((id) => unchecked.has(id))] } : { ...sl, unconfirmed: true };
      }),
    };
  }

  private view(c: Ctx, service: ServiceRow, sl: FreeSlot & { unconfirmed?: boolean }): SlotView {
    const many = this.capable(c, service).length > 1;
    const r = many ? c.resources.find((x) => x.id === sl.resourceIds[0]) : undefined;
    return slotView({ start: sl.start, end: sl.end, ...(r ? { resourceName: r.name } : {}), ...(sl.unconfirmed ? { unconfirmed: true } : {}) }, service, c.t);
  }

  /** Nearby free slots after `from` (same day first, then the next two weeks). */
  private async alternatives(c: Ctx, service: ServiceRow, from: Date, limit = 3, exceptBookingId?: string): Promise<SlotView[]> {
    for (const days of [1, 14]) {
      const found = await this.find(c, service, from, new Date(from.getTime() + days * DAY), exceptBookingId);
      if (found.slots.length) return spreadSlots(found.slots, limit).map((s) => this.view(c, service, s));
    }
    return [];
  }

  // ── check_availability ──
  async checkAvailability(actor: CalendarActor, args: { service?: string; when?: string; limit?: number }): Promise<CalendarResult> {
    const c = await this.ctx(actor.tenantId);
    if (!c.services.length) return fail(CHECK_AVAILABILITY, "not_configured", "This business doesn't take bookings through me yet.");
    const service = this.pickService(CHECK_AVAILABILITY, c, args.service);
    if ("tool" in service) return service;
    const limit = args.limit ?? 3;
    let w: WhenWindow | null = null;
    if (args.when?.trim()) {
      w = parseWhen(args.when, c.t, c.now);
      if (!w) return fail(CHECK_AVAILABILITY, "need_time", `I couldn't tell when "${args.when}" is. Which day and time would suit you?`, { need: ["when"] });
      if (w.to.getTime() <= c.now.getTime()) {
        return fail(CHECK_AVAILABILITY, "in_past", "That time has already passed.", { alternatives: await this.alternatives(c, service, c.now, limit) });
      }
    }
    if (!w) {
      // the next free slots from now: a week first, then the whole horizon
      for (const days of [7, c.t.settings.horizonDays]) {
        const found = await this.find(c, service, c.now, new Date(c.now.getTime() + days * DAY));
        if (found.slots.length) return this.slotsResult(c, service, "the next available times", spreadSlots(found.slots, limit), found.googleDown);
      }
      return fail(CHECK_AVAILABILITY, "no_slots", `There are no free times for ${service.name} in the next ${c.t.settings.horizonDays} days.`);
    }
    // an exact time: that start if free, else the rest of that day
    const from = w.exact ?? w.from;
    const to = w.exact ? endOfLocalDay(w.exact, c.t.timezone) : w.to;
    const found = await this.find(c, service, from, to);
    if (found.slots.length) {
      const exactFirst = w.exact && found.slots[0]!.start.getTime() === w.exact.getTime();
      const picked = exactFirst ? [found.slots[0]!, ...spreadSlots(found.slots.slice(1), limit - 1)] : spreadSlots(found.slots, limit);
      return this.slotsResult(c, service, w.span, picked.slice(0, limit), found.googleDown);
    }
    const alternatives = await this.alternatives(c, service, to, limit);
    const open = await this.isOpenAt(c, service, from, to);
    return open
      ? fail(CHECK_AVAILABILITY, "no_slots", `${service.name} is fully booked ${w.span}.${alternatives.length ? " The nearest free times are listed." : ""}`, { alternatives })
      : fail(CHECK_AVAILABILITY, "closed", `We're closed ${w.span}.${alternatives.length ? " The nearest free times are listed." : ""}`, { alternatives });
  }

  private slotsResult(c: Ctx, service: ServiceRow, window: string, slots: Array<FreeSlot & { unconfirmed?: boolean }>, googleDown: boolean): CalendarResult {
    const views = slots.map((s) => this.view(c, service, s));
    const note = googleDown && views.some((v) => v.unconfirmed)
      ? "The staff calendar couldn't be checked just now: times marked unconfirmed are free in our bookings but not yet confirmed against it."
      : undefined;
    return { tool: CHECK_AVAILABILITY, ok: true, service: service.name, window, slots: views, ...(note ? { note } : {}) };
  }

  /** Whether the business is open at all in [from, to) for this service (closed vs fully booked). */
  private async isOpenAt(c: Ctx, service: ServiceRow, from: Date, to: Date): Promise<boolean> {
    const hours = await this.d.catalog.hours(c.t.id);
    const closures = await this.d.catalog.closures(c.t.id);
    const slots = freeSlots({
      timezone: c.t.timezone, zone: ZONE, from, to, durationMin: service.durationMin, bufferMin: 0, gridMin: c.t.settings.gridMin,
      resourceIds: this.capable(c, service).map((r) => r.id), hours, closures, busy: [],
    });
    return slots.length > 0;
  }

  // ── book_appointment ──
  async book(actor: CalendarActor, args: { service: string; start: string; notes?: string }): Promise<CalendarResult> {
    if (!actor.contactId) return fail(BOOK_APPOINTMENT, "not_allowed", "I can only book for the person I'm talking to.");
    const c = await this.ctx(actor.tenantId);
    if (!c.services.length) return fail(BOOK_APPOINTMENT, "not_configured", "This business doesn't take bookings through me yet.");
    const service = this.pickService(BOOK_APPOINTMENT, c, args.service);
    if ("tool" in service) return service;
    const start = parseStart(args.start, c.t, c.now);
    if (!start) return fail(BOOK_APPOINTMENT, "need_time", `I couldn't read "${args.start}" as a time. Pick one of the offered slots.`, { need: ["when"] });
    // a retried call finds its booking; a slot booked again after a cancel gets a fresh key
    let key = idempotencyKey(actor.conversationId, service.id, start);
    for (let i = 0; i < 10; i++) {
      const again = await this.d.bookings.byIdempotencyKey(c.t.id, key);
      if (!again) break;
      if (again.status === "held" || again.status === "confirmed") {
        if (again.contactId === actor.contactId) return this.bookedResult(c, again, "booked");
        break;
      }
      key = `${key.slice(0, 43)}-${again.id.slice(0, 8)}`;
    }
    if (start.getTime() <= c.now.getTime()) {
      return fail(BOOK_APPOINTMENT, "in_past", "That time has already passed.", { alternatives: await this.alternatives(c, service, c.now) });
    }
    const problem = this.outsideRules(c, start);
    if (problem) return fail(BOOK_APPOINTMENT, "invalid", problem, { alternatives: await this.alternatives(c, service, c.now) });

    const found = await this.find(c, service, start, new Date(start.getTime() + MIN));
    const slot = found.slots.find((s) => s.start.getTime() === start.getTime());
    if (!slot) return this.takenOrClosed(BOOK_APPOINTMENT, c, service, start);
    const conv = await this.d.bookings.conversationTarget(c.t.id, actor.conversationId);
    const end = new Date(start.getTime() + service.durationMin * MIN);
    for (const resourceId of slot.resourceIds) {
      await this.d.bookings.expireHolds(c.t.id, resourceId);
      const out = await this.d.bookings.insert({
        tenantId: c.t.id, contactId: actor.contactId, serviceId: service.id, resourceId, startsAt: start, endsAt: end,
        blockedUntil: new Date(end.getTime() + service.bufferMin * MIN),
        status: service.prepay ? "held" : "confirmed", holdExpiresAt: service.prepay ? new Date(c.now.getTime() + c.t.settings.holdMin * MIN) : null,
        priceMinor: service.priceMinor, currency: service.priceMinor !== null ? (service.currency ?? c.t.currency) : null,
        channel: conv?.channel ?? null, conversationId: conv ? actor.conversationId : null, source: conv?.channel === "voice" ? "voice" : "chat",
        notes: args.notes?.trim() || null, idempotencyKey: key,
      });
      if (out.kind === "taken") continue;
      if (out.kind === "created") await this.after("booked", c, out.booking);
      return this.bookedResult(c, out.booking, "booked");
    }
    return this.takenOrClosed(BOOK_APPOINTMENT, c, service, start);
  }

  private outsideRules(c: Ctx, start: Date): string | null {
    const s = c.t.settings;
    if (start.getTime() < c.now.getTime() + s.minNoticeMin * MIN) return `Bookings need at least ${s.minNoticeMin} minutes' notice.`;
    if (start.getTime() > c.now.getTime() + s.horizonDays * DAY) return `Bookings open ${s.horizonDays} days ahead at most.`;
    return null;
  }

  private async takenOrClosed(tool: string, c: Ctx, service: ServiceRow, start: Date, exceptBookingId?: string): Promise<CalendarResult> {
    const alternatives = await this.alternatives(c, service, new Date(Math.max(c.now.getTime(), start.getTime() - 2 * 3600_000)), 3, exceptBookingId);
    const open = await this.isOpenAt(c, service, start, new Date(start.getTime() + MIN));
    return open
      ? fail(tool, "slot_taken", `Sorry, ${labelOf(start, c.t)} is no longer free for ${service.name}.`, { alternatives })
      : fail(tool, "closed", `${service.name} can't be booked at ${labelOf(start, c.t)}: we're closed or it would run past closing.`, { alternatives });
  }

  private bookedResult(c: Ctx, b: BookingRow, event: "booked" | "rescheduled"): CalendarResult {
    const many = c.resources.length > 1;
    const held = b.status === "held";
    const message = held
      ? `${b.serviceName} on ${labelOf(b.startsAt, c.t)} is held until payment; it is confirmed once paid.`
      : `${event === "booked" ? "Booked" : "Moved"}: ${b.serviceName} on ${labelOf(b.startsAt, c.t)}${many ? ` with ${b.resourceName}` : ""}. A confirmation with a calendar invite is on its way.`;
    return { tool: event === "booked" ? BOOK_APPOINTMENT : RESCHEDULE_BOOKING, ok: true, booking: bookingView(b, c.t, { showResource: many }), message, ...(held ? { paymentRequired: true } : {}) };
  }

  /** Messages and reminders after a change; failures are logged, the booking stands. */
  private async after(event: BookingEvent, c: Ctx, b: BookingRow, o: { oldVersion?: number; byOwner?: boolean } = {}): Promise<void> {
    try {
      if (this.d.reminders) {
        if (event === "cancelled") await this.d.reminders.unschedule(b.id, b.version);
        else if (event === "rescheduled") await this.d.reminders.move(b, o.oldVersion ?? b.version - 1);
        else await this.d.reminders.schedule(b);
      }
    } catch (err) {
      this.d.logger.warn({ err, tenantId: b.tenantId, bookingId: b.id }, "reminders not updated");
    }
    await this.d.notifier?.toLead(event, b, c.t);
    if (!o.byOwner) await this.d.notifier?.toOwner(event, b, c.t);
  }

  // ── my_bookings ──
  async myBookings(actor: CalendarActor): Promise<CalendarResult> {
    if (!actor.contactId) return fail(MY_BOOKINGS, "not_allowed", "I can only show the bookings of the person I'm talking to.");
    const c = await this.ctx(actor.tenantId);
    const list = await this.upcoming(c, { tenantId: c.t.id, contactId: actor.contactId });
    const many = c.resources.length > 1;
    return {
      tool: MY_BOOKINGS, ok: true, bookings: list.map((b) => bookingView(b, c.t, { showResource: many })),
      message: list.length ? `You have ${list.length} upcoming booking${list.length === 1 ? "" : "s"}.` : "You have no upcoming bookings.",
    };
  }

  private upcoming(c: Ctx, scope: BookingScope): Promise<BookingRow[]> {
    return this.d.bookings.list(scope, new Date(c.now.getTime() - 3600_000), new Date(c.now.getTime() + 400 * DAY), { live: true, limit: 20 });
  }

  private scope(actor: CalendarActor): BookingScope | null {
    if (actor.role === "owner") return { tenantId: actor.tenantId };
    return actor.contactId ? { tenantId: actor.tenantId, contactId: actor.contactId } : null;
  }

  /** The booking an id (or, for a lead, their only upcoming one) names; or the failure. */
  private async target(tool: string, c: Ctx, actor: CalendarActor, id: string | undefined): Promise<BookingRow | CalendarResult> {
    const scope = this.scope(actor);
    if (!scope) return fail(tool, "not_allowed", "I can only change the bookings of the person I'm talking to.");
    if (id?.trim()) {
      const b = await this.d.bookings.byId(scope, id.trim());
      return b ?? fail(tool, "not_found", "I couldn't find that booking.", { need: ["booking"] });
    }
    if (actor.role === "owner") return fail(tool, "not_found", "Which booking? Give its id from list_bookings.", { need: ["booking"] });
    const list = await this.upcoming(c, scope);
    if (!list.length) return fail(tool, "not_found", "You have no upcoming bookings.");
    if (list.length > 1) return fail(tool, "ambiguous", "You have several bookings: which one?", { need: ["booking"], options: list.map((b) => optionOf(b, c.t)) });
    return list[0]!;
  }

  // ── reschedule_booking ──
  async reschedule(actor: CalendarActor, args: { booking_id?: string; new_start: string }): Promise<CalendarResult> {
    const c = await this.ctx(actor.tenantId);
    const found = await this.target(RESCHEDULE_BOOKING, c, actor, args.booking_id);
    if ("tool" in found) return found;
    let b = found;
    if (b.status !== "held" && b.status !== "confirmed") return fail(RESCHEDULE_BOOKING, "not_allowed", `That booking is ${b.status} and can't be moved.`);
    const service = (await this.d.catalog.service(c.t.id, b.serviceId))!;
    const start = parseStart(args.new_start, c.t, c.now);
    if (!start) return fail(RESCHEDULE_BOOKING, "need_time", `I couldn't read "${args.new_start}" as a time.`, { need: ["when"] });
    if (start.getTime() <= c.now.getTime()) return fail(RESCHEDULE_BOOKING, "in_past", "That time has already passed.");
    const problem = this.outsideRules(c, start);
    if (problem) return fail(RESCHEDULE_BOOKING, "invalid", problem, { alternatives: await this.alternatives(c, service, c.now, 3, b.id) });
    const scope = this.scope(actor)!;
    const free = (await this.find(c, service, start, new Date(start.getTime() + MIN), b.id)).slots.find((s) => s.start.getTime() === start.getTime());
    if (!free) return this.takenOrClosed(RESCHEDULE_BOOKING, c, service, start, b.id);
    // the same resource first (the customer's stylist), then any other free one
    const order = [...free.resourceIds].sort((x, y) => Number(y === b.resourceId) - Number(x === b.resourceId));
    const end = new Date(start.getTime() + service.durationMin * MIN);
    for (const resourceId of order) {
      const out = await this.d.bookings.reschedule(scope, b.id, b.version, { resourceId, startsAt: start, endsAt: end, blockedUntil: new Date(end.getTime() + service.bufferMin * MIN) });
      if (out.kind === "taken") continue;
      if (out.kind === "stale") return fail(RESCHEDULE_BOOKING, "invalid", "That booking changed a moment ago; please check it again.");
      const oldVersion = b.version;
      b = out.booking;
      await this.after("rescheduled", c, b, { oldVersion, byOwner: actor.role === "owner" });
      return this.bookedResult(c, b, "rescheduled");
    }
    return this.takenOrClosed(RESCHEDULE_BOOKING, c, service, start, b.id);
  }

  // ── cancel_booking ──
  async cancel(actor: CalendarActor, args: { booking_id?: string; which?: string; reason?: string }): Promise<CalendarResult> {
    const c = await this.ctx(actor.tenantId);
    let b: BookingRow;
    if (!args.booking_id?.trim() && args.which?.trim()) {
      const scope = this.scope(actor);
      if (!scope) return fail(CANCEL_BOOKING, "not_allowed", "I can only change the bookings of the person I'm talking to.");
      const matches = await this.resolveWhich(c, scope, args.which);
      if (!matches.length) return fail(CANCEL_BOOKING, "not_found", `I couldn't find a booking matching "${args.which}".`, { need: ["booking"] });
      if (matches.length > 1) return fail(CANCEL_BOOKING, "ambiguous", `Several bookings match "${args.which}": which one?`, { need: ["booking"], options: matches.map((m) => optionOf(m, c.t, actor.role === "owner")) });
      b = matches[0]!;
    } else {
      const found = await this.target(CANCEL_BOOKING, c, actor, args.booking_id);
      if ("tool" in found) return found;
      b = found;
    }
    if (b.status !== "held" && b.status !== "confirmed") return fail(CANCEL_BOOKING, "not_allowed", `That booking is already ${b.status}.`);
    const scope = this.scope(actor)!;
    let out = await this.d.bookings.cancel(scope, b.id, b.version, args.reason?.trim() || null);
    if (out.kind === "stale") {
      // changed since we read it (moved, or a payment confirmed it): once more on the fresh row
      const fresh = await this.d.bookings.byId(scope, b.id);
      if (!fresh || (fresh.status !== "held" && fresh.status !== "confirmed")) return fail(CANCEL_BOOKING, "not_allowed", "That booking is no longer active.");
      out = await this.d.bookings.cancel(scope, fresh.id, fresh.version, args.reason?.trim() || null);
    }
    if (out.kind !== "changed") return fail(CANCEL_BOOKING, "invalid", "That booking changed a moment ago; please check it again.");
    await this.after("cancelled", c, out.booking, { byOwner: actor.role === "owner" });
    return {
      tool: CANCEL_BOOKING, ok: true, booking: bookingView(out.booking, c.t, { owner: actor.role === "owner" }),
      message: `Cancelled: ${out.booking.serviceName} on ${labelOf(out.booking.startsAt, c.t)}${actor.role === "owner" ? ` (${out.booking.contactName ?? "customer"})` : ""}.`,
    };
  }

  /** "Priya's 4 pm", "the 10:30 tomorrow": live bookings matching the time said and every other word (a name or the service). */
  private async resolveWhich(c: Ctx, scope: BookingScope, which: string): Promise<BookingRow[]> {
    const w = parseWhen(which, c.t, c.now);
    let list: BookingRow[];
    if (w?.hasDate) {
      const from = w.exact ?? w.from;
      list = await this.d.bookings.list(scope, w.exact ? startOfLocalDay(from, c.t.timezone) : from, w.exact ? endOfLocalDay(from, c.t.timezone) : w.to, { live: true });
      if (w.exact) list = list.filter((b) => b.startsAt.getTime() === w.exact!.getTime());
    } else {
      list = await this.upcoming(c, scope);
      if (w?.localTime) list = list.filter((b) => localHm(b.startsAt, c.t.timezone) === w.localTime);
      else if (w) list = list.filter((b) => inLocalWindow(b.startsAt, w, c.t.timezone));
    }
    const rest = w ? which.replace(w.span, " ") : which;
    const tokens = (rest.toLowerCase().match(/[\p{L}]{2,}/gu) ?? []).filter((x) => !STOPWORDS.has(x));
    if (!tokens.length) return list;
    return list.filter((b) => {
      const words = `${b.contactName ?? ""} ${b.serviceName} ${b.resourceName}`.toLowerCase().match(/[\p{L}]+/gu) ?? [];
      return tokens.every((tok) => words.some((x) => x.startsWith(tok) || tok.startsWith(x) && x.length >= 3));
    });
  }

  // ── list_bookings (owners) ──
  async listBookings(actor: CalendarActor, args: { when?: string }): Promise<CalendarResult> {
    if (actor.role !== "owner") return fail(LIST_BOOKINGS, "not_allowed", "Only the business can list its bookings.");
    const c = await this.ctx(actor.tenantId);
    let from = c.now;
    let to = new Date(c.now.getTime() + 7 * DAY);
    let window = "the next 7 days";
    if (args.when?.trim()) {
      const w = parseWhen(args.when, c.t, c.now);
      if (!w) return fail(LIST_BOOKINGS, "need_time", `I couldn't tell which day "${args.when}" is.`, { need: ["when"] });
      from = w.exact ? startOfLocalDay(w.exact, c.t.timezone) : w.from;
      to = w.exact ? endOfLocalDay(w.exact, c.t.timezone) : w.to;
      window = w.span;
    }
    const list = await this.d.bookings.list({ tenantId: c.t.id }, from, to, { live: true, limit: 50 });
    const many = c.resources.length > 1;
    const lines = list.map((b) => `${labelOf(b.startsAt, c.t)} ${b.contactName ?? "(no name)"} — ${b.serviceName}${many ? ` (${b.resourceName})` : ""}${b.status === "held" ? " [awaiting payment]" : ""}`);
    return {
      tool: LIST_BOOKINGS, ok: true, window, bookings: list.map((b) => bookingView(b, c.t, { owner: true, showResource: many })),
      message: list.length ? `${list.length} booking${list.length === 1 ? "" : "s"} ${window}:\n${lines.join("\n")}` : `Nothing booked ${window}.`,
    };
  }

  /** For the payment engineer's flow and the .ics route: one booking of a tenant. */
  booking(tenantId: string, bookingId: string): Promise<BookingRow | null> {
    return this.d.bookings.byId({ tenantId }, bookingId);
  }
}

const STOPWORDS = new Set([
  "cancel", "cancelled", "the", "booking", "bookings", "appointment", "appt", "for", "at", "on", "pm", "am", "tomorrow", "today", "with", "please",
  "her", "his", "their", "my", "an", "of", "and", "to", "in", "is", "it", "that", "this", "one", "slot", "move", "reschedule",
]);

/** Same idempotency key for the same conversation, service and start: a retried call gets the same booking. */
export function idempotencyKey(conversationId: string, serviceId: string, start: Date): string {
  return `bk_${createHash("sha256").update(`${conversationId}|${serviceId}|${start.toISOString()}`).digest("hex").slice(0, 40)}`;
}

function optionOf(b: BookingRow, t: CalendarTenant, owner = false): string {
  return `${b.id}: ${b.serviceName}, ${labelOf(b.startsAt, t)}${owner ? ` — ${b.contactName ?? "(no name)"}` : ""}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
function localHm(d: Date, tz: string): string {
  const w = toWall(d, tz);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}
function startOfLocalDay(d: Date, tz: string): Date {
  const w = toWall(d, tz);
  return fromWall({ year: w.year, month: w.month, day: w.day, hour: 0, minute: 0 }, tz);
}
function endOfLocalDay(d: Date, tz: string): Date {
  const w = toWall(d, tz);
  return fromWall({ year: w.year, month: w.month, day: w.day + 1, hour: 0, minute: 0 }, tz);
}
/** A time-of-day window said without a day ("this morning"): compare wall clocks. */
function inLocalWindow(d: Date, w: WhenWindow, tz: string): boolean {
  const m = (x: Date) => { const v = toWall(x, tz); return v.hour * 60 + v.minute; };
  const a = m(w.from);
  const b = w.to.getTime() - w.from.getTime() >= DAY ? 1440 : m(w.to) || 1440;
  const x = m(d);
  return x >= a && x < b;
}
