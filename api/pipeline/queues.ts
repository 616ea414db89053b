// Queue names, job payloads and default options of the message pipeline.
//   inbound  — one job per provider event (message or status), id from the provider's id
//   turns    — one job per inbound message; a turn answers every pending message of its conversation
//   outbox   — one job per stored reply, id from the reply's row id
//   ingest   — one job per accepted document upload, id from the document id + content hash
//   reminders — delayed booking reminders (api/calendar/reminders.ts), id from booking, kind and version
import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import type { InboundEvent } from "../../channels/types.js";
import { jobId } from "../../core/ids.js";

export const QUEUE = { inbound: "inbound", turns: "turns", outbox: "outbox", ingest: "ingest", reminders: "reminders" } as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

/** Dates travel as ISO strings through Redis. */
export type Serialized<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;

export interface InboundJob {
  tenantId: string;
  accountId: string;
  event: Serialized<InboundEvent>;
}
export interface TurnJob {
  tenantId: string;
  conversationId: string;
}
export interface SendJob {
  tenantId: string;
  messageId: string;
}
/** A document to ingest (api/ingest): the bytes stay in its row until it is done. */
export interface IngestJob {
  tenantId: string;
  documentId: string;
  contentHash: string;
}

/** A booking reminder (api/calendar/reminders.ts): acts only if the booking still has this version and is live. */
export interface ReminderJob {
  tenantId: string;
  bookingId: string;
  version: number;
  kind: string;
}

export interface Queues {
  inbound: Queue<InboundJob>;
  turns: Queue<TurnJob>;
  outbox: Queue<SendJob>;
  ingest: Queue<IngestJob>;
  reminders: Queue<ReminderJob>;
  close(): Promise<void>;
}

export function defaultJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    // inbound and turn jobs ride out a database or Redis blip of minutes (pipelineBackoff)
    backoff: { type: "pipeline" },
    // completed ids are kept a day so a redelivered webhook with the same id is a no-op
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    // failed jobs are kept a week (the dead-letter table is the operator's list)
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function createQueues(connection: ConnectionOptions, prefix: string, attempts: number): Queues {
  const opts = { connection, prefix, defaultJobOptions: defaultJobOptions(attempts) };
  const inbound = new Queue<InboundJob>(QUEUE.inbound, opts);
  const turns = new Queue<TurnJob>(QUEUE.turns, opts);
  // outbox retries follow the provider's Retry-After (outbox.ts providerBackoff)
  const outbox = new Queue<SendJob>(QUEUE.outbox, {
    ...opts,
    defaultJobOptions: { ...opts.defaultJobOptions, backoff: { type: "provider" } },
  });
  // a finished ingest job is removed: its outcome lives in the document row, and the same
  // content uploaded again later must be able to queue the same job id
  const ingest = new Queue<IngestJob>(QUEUE.ingest, {
    ...opts,
    defaultJobOptions: { ...opts.defaultJobOptions, backoff: { type: "exponential", delay: 2000 }, removeOnComplete: true },
  });
  // delayed jobs live in Redis, so they survive restarts; done ones are removed (the id may be reused after a cancel)
  const reminders = new Queue<ReminderJob>(QUEUE.reminders, {
    ...opts,
    defaultJobOptions: { ...opts.defaultJobOptions, backoff: { type: "exponential", delay: 5000 }, removeOnComplete: true },
  });
  return {
    inbound,
    turns,
    outbox,
    ingest,
    reminders,
    async close() {
      await Promise.all([inbound.close(), turns.close(), outbox.close(), ingest.close(), reminders.close()]);
    },
  };
}

export function inboundJobId(tenantId: string, event: InboundEvent): string {
  return event.type === "message"
    ? jobId("in", tenantId, event.message.channel, event.message.providerMessageId)
    : jobId("st", tenantId, event.status.channel, event.status.providerMessageId, event.status.status);
}

export const turnJobId = (messageId: string) => jobId("turn", messageId);
export const sendJobId = (messageId: string) => jobId("send", messageId);
export const ingestJobId = (documentId: string, contentHash: string) => jobId("ingest", documentId, contentHash.slice(0, 32));

/** What JSON.stringify makes of a Date (an invalid one becomes null). */
const dateJson = (d: Date): string => (Number.isNaN(d.getTime()) ? null : d.toISOString()) as string;

/**
 * The event as it travels through Redis: its one Date (the timestamp) as an ISO string.
 * The rest is plain JSON data already; BullMQ stringifies the job data, so the stored job
 * is byte-for-byte what a JSON round trip would give, without the round trip's cost.
 */
export function serializeEvent(event: InboundEvent): Serialized<InboundEvent> {
  return (
    event.type === "message"
      ? { type: "message", message: { ...event.message, timestamp: dateJson(event.message.timestamp) } }
      : { type: "status", status: { ...event.status, timestamp: dateJson(event.status.timestamp) } }
  ) as Serialized<InboundEvent>;
}

export function reviveEvent(event: Serialized<InboundEvent>): InboundEvent {
  if (event.type === "message") {
    return { type: "message", message: { ...event.message, timestamp: new Date(event.message.timestamp) } } as InboundEvent;
  }
  return { type: "status", status: { ...event.status, timestamp: new Date(event.status.timestamp) } } as InboundEvent;
}
