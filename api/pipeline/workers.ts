// Starts the three workers and the dead-letter hook; closes them gracefully (active jobs
// finish, nothing new is taken) on shutdown.
import { Worker, type Job, type WorkerOptions } from "bullmq";
import type { PipelineDeps } from "./deps.js";
import { inboundProcessor } from "./inbound.js";
import { backoffFor, outboxProcessor } from "./outbox.js";
import { QUEUE, type QueueName } from "./queues.js";
import { turnProcessor } from "./turn.js";

export interface WorkerSettings {
  connection: WorkerOptions["connection"];
  prefix: string;
  concurrency: number;
  sendConcurrency: number;
  /** Lower in tests so a killed worker's job is picked up quickly. */
  lockDuration?: number;
  stalledInterval?: number;
}

export interface Workers {
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(d: PipelineDeps, s: WorkerSettings): Workers {
  const common = {
    connection: s.connection,
    prefix: s.prefix,
    ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}),
    ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}),
  };
  const workers = [
    new Worker(QUEUE.inbound, inboundProcessor(d), { ...common, concurrency: s.concurrency, settings: { backoffStrategy: backoffFor } }),
    new Worker(QUEUE.turns, turnProcessor(d), { ...common, concurrency: s.concurrency, settings: { backoffStrategy: backoffFor } }),
    new Worker(QUEUE.outbox, outboxProcessor(d), { ...common, concurrency: s.sendConcurrency, settings: { backoffStrategy: backoffFor } }),
  ];
  for (const w of workers) {
    w.on("failed", (job, err) => void onFailed(d, w.name as QueueName, job, err));
    w.on("error", (err) => d.logger.error({ err, queue: w.name }, "worker error"));
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** After the last attempt, a job becomes a dead letter an operator can list and replay. */
async function onFailed(d: PipelineDeps, queue: QueueName, job: Job | undefined, err: Error): Promise<void> {
  if (!job) return;
  const attempts = job.opts.attempts ?? 1;
  const tenantId = (job.data as { tenantId?: string }).tenantId ?? null;
  d.logger.warn({ queue, jobId: job.id, tenantId, attempt: job.attemptsMade, err: err.message }, "job attempt failed");
  // A job BullMQ gave up on for stalling too often fails as UnrecoverableError with attempts left.
  if (job.attemptsMade < attempts && err.name !== "UnrecoverableError") return;
  try {
    await d.deadLetters.record({
      tenantId, queue, jobName: job.name, jobId: job.id ?? "", data: job.data, error: err.stack ?? err.message, attempts: job.attemptsMade,
    });
  } catch (e) {
    d.logger.error({ err: e, queue, jobId: job.id }, "could not record dead letter");
  }
}
