// Booking reminders as BullMQ delayed jobs (they live in Redis, so they survive restarts).
// Job id: reminder-<bookingId>-<kind>-<version> (core/ids.ts jobId: BullMQ forbids ':' in
// custom ids, so this is the brief's `reminder:{bookingId}:{kind}:{version}` with '-'); the
// tenant is in the job data. Cancel removes them; reschedule removes the old version's and
// adds the new. A job re-reads the booking and does nothing if its version or status
// changed, so a stale job can never remind about a moved or cancelled booking. A reminder
// whose time has already passed is not scheduled.
import { Worker, type ConnectionOptions, type Job, type Queue } from "bullmq";
import { jobId } from "../../core/ids.js";
import type { Logger } from "../../core/logger.js";
import type { BookingRow } from "../../core/calendar/types.js";
import { QUEUE, type ReminderJob } from "../pipeline/queues.js";

export interface ReminderKind {
  kind: string;
  beforeMs: number;
}

export const REMINDERS: ReminderKind[] = [
  { kind: "24h", beforeMs: 24 * 3600_000 },
  { kind: "2h", beforeMs: 2 * 3600_000 },
];

export const reminderJobId = (bookingId: string, kind: string, version: number) => jobId("reminder", bookingId, kind, String(version));

export class ReminderScheduler {
  constructor(private readonly queue: Queue<ReminderJob>, private readonly now: () => Date = () => new Date()) {}

  /** Add the reminders of a live booking's current version (those still in the future). */
  async schedule(b: BookingRow): Promise<string[]> {
    if (b.status !== "confirmed" && b.status !== "held") return [];
    const added: string[] = [];
    for (const r of REMINDERS) {
      const delay = b.startsAt.getTime() - r.beforeMs - this.now().getTime();
      if (delay <= 0) continue;
      const id = reminderJobId(b.id, r.kind, b.version);
      await this.queue.add("remind", { tenantId: b.tenantId, bookingId: b.id, version: b.version, kind: r.kind }, { jobId: id, delay });
      added.push(id);
    }
    return added;
  }

  /** Remove the reminders of every version up to `version` (a cancel, or before a move re-adds). */
  async unschedule(bookingId: string, version: number): Promise<void> {
    for (let v = Math.max(1, version - 5); v <= version; v++) {
      for (const r of REMINDERS) await this.queue.remove(reminderJobId(bookingId, r.kind, v)).catch(() => 0);
    }
  }

  /** After a change from `oldVersion`: drop the old reminders, add the current ones. */
  async move(b: BookingRow, oldVersion: number): Promise<string[]> {
    await this.unschedule(b.id, oldVersion);
    return this.schedule(b);
  }
}

export interface ReminderDeps {
  /** The booking now (tenant-scoped), or null. */
  booking(tenantId: string, bookingId: string): Promise<BookingRow | null>;
  send(kind: string, b: BookingRow): Promise<boolean>;
  /** The sweep: expire every tenant's unpaid holds that ran out and tell each customer; returns how many. */
  expireHolds?(): Promise<number>;
  logger: Logger;
  now?: () => Date;
}

/** The repeatable job that expires unpaid holds (one per queue, whatever the number of workers). */
export const EXPIRE_HOLDS_JOB = "expire-holds";
export const EXPIRE_HOLDS_EVERY_MS = 60_000;

/** Registers the sweep's schedule (idempotent: BullMQ keeps one scheduler per id). */
export async function scheduleHoldSweep(queue: Queue<ReminderJob>, everyMs = EXPIRE_HOLDS_EVERY_MS): Promise<void> {
  await queue.upsertJobScheduler(EXPIRE_HOLDS_JOB, { every: everyMs }, { name: EXPIRE_HOLDS_JOB, data: { tenantId: "", bookingId: "", version: 0, kind: EXPIRE_HOLDS_JOB } });
}

export function reminderProcessor(d: ReminderDeps) {
  return async (job: Job<ReminderJob>): Promise<"sent" | "stale" | "past" | "unsent" | `expired ${number}`> => {
    if (job.name === EXPIRE_HOLDS_JOB) return `expired ${d.expireHolds ? await d.expireHolds() : 0}`;
    const { tenantId, bookingId, version, kind } = job.data;
    const b = await d.booking(tenantId, bookingId);
    if (!b || b.version !== version || (b.status !== "confirmed" && b.status !== "held")) return "stale";
    if (b.startsAt.getTime() <= (d.now ?? (() => new Date()))().getTime()) return "past";
    return (await d.send(kind, b)) ? "sent" : "unsent";
  };
}

export function startReminderWorker(d: ReminderDeps, s: { connection: ConnectionOptions; prefix: string; lockDuration?: number | undefined; stalledInterval?: number | undefined }) {
  const worker = new Worker<ReminderJob>(QUEUE.reminders, reminderProcessor(d), {
    connection: s.connection, prefix: s.prefix, concurrency: 4,
    ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}), ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}),
  });
  worker.on("error", (err) => d.logger.error({ err, queue: QUEUE.reminders }, "worker error"));
  worker.on("failed", (job, err) => d.logger.warn({ queue: QUEUE.reminders, jobId: job?.id, tenantId: job?.data.tenantId, err: err.message }, "reminder failed"));
  return { worker, close: () => worker.close() };
}
