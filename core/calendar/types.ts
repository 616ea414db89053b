// Plain rows of the calendar (core/calendar/repo.ts returns these) and the inputs of the
// pure availability computation (availability.ts). Instants are Dates (UTC); wall-clock
// rules (hours, closures) are minutes of the day and local dates in the tenant's timezone.

export interface CalendarTenant {
  id: string;
  name: string;
  timezone: string;
  locale: string;
  currency: string;
  settings: CalendarSettings;
}

/** Tenant.settings.calendar (all optional; defaults in DEFAULT_CALENDAR_SETTINGS). */
export interface CalendarSettings {
  /** Slots start on this grid of local minutes (15 → :00, :15, :30, :45). */
  gridMin: number;
  /** No booking starts sooner than this after now. */
  minNoticeMin: number;
  /** No booking starts later than this many days ahead. */
  horizonDays: number;
  /** A prepaid service's hold lasts this long before it expires unpaid. */
  holdMin: number;
  /** LOCATION of the .ics invite (the business's address). */
  location?: string;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = { gridMin: 15, minNoticeMin: 60, horizonDays: 60, holdMin: 30 };

export interface ServiceRow {
  id: string;
  tenantId: string;
  name: string;
  aliases: string[];
  description: string | null;
  durationMin: number;
  bufferMin: number;
  priceMinor: number | null;
  currency: string | null;
  prepay: boolean;
  active: boolean;
  /** Resources that can do it; empty = any resource. */
  resourceIds: string[];
}

export interface ResourceRow {
  id: string;
  tenantId: string;
  name: string;
  kind: string;
  calendarId: string | null;
  active: boolean;
}

export interface HoursRow {
  id?: string;
  resourceId: string | null;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  opensMin: number;
  closesMin: number;
}

export interface ClosureRow {
  id?: string;
  resourceId: string | null;
  /** Local date "YYYY-MM-DD". */
  date: string;
  /** null = closed all day; else special hours. */
  opensMin: number | null;
  closesMin: number | null;
  reason?: string | null;
}

export type BookingStatus = "held" | "confirmed" | "cancelled" | "expired" | "completed" | "no_show";
export const LIVE_STATUSES: readonly BookingStatus[] = ["held", "confirmed"];

export interface BookingRow {
  id: string;
  tenantId: string;
  contactId: string;
  contactName: string | null;
  serviceId: string;
  serviceName: string;
  resourceId: string;
  resourceName: string;
  startsAt: Date;
  endsAt: Date;
  blockedUntil: Date;
  status: BookingStatus;
  holdExpiresAt: Date | null;
  priceMinor: number | null;
  currency: string | null;
  channel: string | null;
  conversationId: string | null;
  source: string;
  notes: string | null;
  idempotencyKey: string | null;
  version: number;
  cancelledAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
}

/** A time a resource is not free: [start, end) in epoch ms. */
export interface BusyBlock {
  resourceId: string;
  start: number;
  end: number;
}

/** Wall-clock ↔ UTC conversion in an IANA zone (agent/nlu/zone.ts implements it; injected so core stays a leaf). */
export interface ZoneOps {
  toWall(instant: Date, timezone: string): { year: number; month: number; day: number; hour: number; minute: number; weekday: number };
  fromWall(w: { year: number; month: number; day: number; hour: number; minute: number }, timezone: string): Date;
}
