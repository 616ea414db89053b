// The calendar part of the app: repositories (core/calendar), the CalendarService the tools
// use, booking messages and reminders, the .ics links, and Google free/busy when configured.
// Built once by api/container.ts; the reminder worker starts with the other workers.
import { createHmac } from "node:crypto";
import type { ConnectionOptions, Worker } from "bullmq";
import { BookingRepo } from "../../core/calendar/bookings.js";
import { CalendarCatalog } from "../../core/calendar/catalog.js";
import type { BookingRow } from "../../core/calendar/types.js";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { Sql } from "../../core/sql.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import type { Queues } from "../pipeline/queues.js";
import { GoogleFreeBusy, type GoogleSettings } from "./google.js";
import { buildIcs, icsToken, icsTokenBookingId, verifyIcsToken } from "./ics.js";
import { BookingNotifier } from "./notify.js";
import { ReminderScheduler, scheduleHoldSweep, startReminderWorker } from "./reminders.js";
import { CalendarServiceImpl } from "./service.js";

export interface CalendarOptions {
  sql: Sql;
  redis: Redis;
  prefix: string;
  queues: Pick<Queues, "reminders">;
  credentialsKey: Buffer;
  logger: Logger;
  /** Where the .ics links point (PUBLIC_BASE_URL); without it confirmations carry no link. */
  publicBaseUrl?: string;
  /** Google free/busy (GOOGLE_API_BASE_URL, GOOGLE_OAUTH_TOKEN_URL, client id/secret). */
  google?: GoogleSettings;
  /** Schedule the sweep that expires unpaid holds every minute (default on; tests sharing one database call `expireHolds` themselves). */
  holdSweep?: boolean;
  now?: () => Date;
}

export interface Calendar {
  catalog: CalendarCatalog;
  bookings: BookingRepo;
  service: CalendarServiceImpl;
  reminders: ReminderScheduler;
  notifier: BookingNotifier;
  /** Messages go out once the pipeline exists (it is built after the agent that uses this service). */
  attachPipeline(p: PipelineDeps): void;
  icsUrl(b: Pick<BookingRow, "id" | "tenantId">): string | null;
  icsFor(token: string): Promise<{ body: string; filename: string } | null>;
  /** Expire every tenant's unpaid holds that ran out and tell each customer once; how many. */
  expireHolds(): Promise<number>;
  startWorker(s: { connection: ConnectionOptions; prefix: string; lockDuration?: number | undefined; stalledInterval?: number | undefined }): { worker: Worker; close(): Promise<void> };
}

export function createCalendar(o: CalendarOptions): Calendar {
  const catalog = new CalendarCatalog(o.sql, o.credentialsKey);
  const bookings = new BookingRepo(o.sql);
  const now = o.now ?? (() => new Date());
  // the .ics links' key is derived from the credentials key (never the key itself)
  const icsKey = createHmac("sha256", o.credentialsKey).update("growai ics links v1").digest();
  const base = o.publicBaseUrl?.replace(/\/+$/, "");
  const icsUrl = (b: Pick<BookingRow, "id" | "tenantId">) => (base ? `${base}/ics/${icsToken(icsKey, b.tenantId, b.id)}.ics` : null);
  let pipeline: PipelineDeps | null = null;
  const notifier = new BookingNotifier({ pipeline: () => pipeline, bookings, logger: o.logger, icsUrl });
  const reminders = new ReminderScheduler(o.queues.reminders, now);
  const google = o.google
    ? new GoogleFreeBusy(o.google, { redis: o.redis, prefix: o.prefix, logger: o.logger, credentials: (tenantId) => catalog.googleCredentials(tenantId) })
    : undefined;
  const service = new CalendarServiceImpl({ catalog, bookings, notifier, reminders, logger: o.logger, now, ...(google ? { google } : {}) });
  const domain = base ? new URL(base).hostname : "growai";
  // the toLead message's idempotency key carries the new version: a sweep retried after a crash tells nobody twice
  const expireHolds = async (): Promise<number> => {
    const due = await bookings.expireDueHolds(200);
    for (const { tenantId, id } of due) {
      const b = await bookings.byId({ tenantId }, id);
      if (b) await notifier.toLead("expired", b, await catalog.tenant(tenantId));
    }
    return due.length;
  };

  return {
    catalog, bookings, service, reminders, notifier,
    attachPipeline(p) {
      pipeline = p;
    },
    icsUrl,
    async icsFor(token) {
      const id = icsTokenBookingId(token);
      if (!id) return null;
      const b = await bookings.byIdUnscoped(id);
      if (!b || !verifyIcsToken(icsKey, token, b.tenantId, b.id)) return null;
      const t = await catalog.tenant(b.tenantId);
      return { body: buildIcs(b, { businessName: t.name, ...(t.settings.location ? { location: t.settings.location } : {}), now: now(), domain }), filename: "booking.ics" };
    },
    expireHolds,
    startWorker(s) {
      if (o.holdSweep !== false) void scheduleHoldSweep(o.queues.reminders).catch((err: unknown) => o.logger.warn({ err }, "hold sweep not scheduled"));
      return startReminderWorker({
        booking: (tenantId, bookingId) => bookings.byId({ tenantId }, bookingId),
        send: async (kind, b) => notifier.reminder(kind, b, await catalog.tenant(b.tenantId)),
        expireHolds,
        logger: o.logger, now,
      }, s);
    },
  };
}
