// The ingest worker: runs ingestProcessor with a small concurrency (ingestion must not
// starve conversations), re-queues documents left queued by a crash between the upload's
// commit and its enqueue, and, when a job gives up after its last attempt, marks the
// document failed (bytes kept, so a dead-letter replay can finish it), tells the owner and
// records the dead letter like every other queue.
import { Worker, type Job, type WorkerOptions } from "bullmq";
import type { DeadLetterRepo } from "../../core/repos/dead-letters.js";
import type { Logger } from "../../core/logger.js";
import { QUEUE, type IngestJob } from "../pipeline/queues.js";
import { failedText, type Notifier } from "./notify.js";
import { ingestProcessor, type ProcessorDeps } from "./processor.js";
import type { DocumentRepo } from "./repo.js";
import type { IngestService } from "./service.js";

export interface IngestWorkerSettings {
  connection: WorkerOptions["connection"];
  prefix: string;
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
}

export interface IngestWorkerDeps extends ProcessorDeps {
  service: IngestService;
  deadLetters: DeadLetterRepo;
}

export function startIngestWorker(d: IngestWorkerDeps, s: IngestWorkerSettings): { worker: Worker; close(): Promise<void> } {
  const worker = new Worker<IngestJob>(QUEUE.ingest, ingestProcessor(d), {
    connection: s.connection, prefix: s.prefix, concurrency: s.concurrency ?? 2,
    ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}), ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}),
  });
  worker.on("failed", (job, err) => void onFailed(d, job, err));
  worker.on("error", (err) => d.logger.error({ err, queue: QUEUE.ingest }, "worker error"));
  void sweep(d);
  return { worker, close: () => worker.close() };
}

/** Untouched this long, a queued document's job is presumed lost (a crash between commit and enqueue). */
const SWEEP_IDLE_MS = 2 * 60_000;

/** Accepted documents whose job never made it to Redis: queue them (a no-op for those that did). */
async function sweep(d: { repo: DocumentRepo; service: IngestService; logger: Logger }): Promise<void> {
  try {
    for (const doc of await d.repo.unfinished(SWEEP_IDLE_MS)) await d.service.enqueue(doc.tenantId, doc.id, doc.contentHash);
  } catch (err) {
    d.logger.warn({ err }, "ingest sweep failed; unfinished documents are queued again at the next start");
  }
}

async function onFailed(d: IngestWorkerDeps, job: Job<IngestJob> | undefined, err: Error): Promise<void> {
  if (!job) return;
  const { tenantId, documentId, contentHash } = job.data;
  d.logger.warn({ queue: QUEUE.ingest, jobId: job.id, tenantId, documentId, attempt: job.attemptsMade, err: err.message }, "job attempt failed");
  if (job.attemptsMade < (job.opts.attempts ?? 1) && err.name !== "UnrecoverableError") return;
  try {
    const reason = "something went wrong on my side while adding it. Please send it again in a few minutes.";
    if (await d.repo.finish(tenantId, documentId, contentHash, { status: "failed", error: reason, keepRaw: true })) {
      const src = await d.repo.source(tenantId, documentId);
      if (src) await d.notify(tenantId, documentId, src.notify, failedText(src.name, reason));
    }
    await d.deadLetters.record({
      tenantId, queue: QUEUE.ingest, jobName: job.name, jobId: job.id ?? "", data: job.data, error: err.stack ?? err.message, attempts: job.attemptsMade,
    });
  } catch (e) {
    d.logger.error({ err: e, jobId: job.id }, "could not record the failed ingestion");
  }
}
