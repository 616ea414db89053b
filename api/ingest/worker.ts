// The ingest worker: runs ingestProcessor with a small concurrency (ingestion must not
// starve conversations), re-queues documents left queued by a crash between the upload's
// commit and its enqueue (at start, then every `sweepEveryMs`), and, when a job gives up after its last attempt, marks the
// document failed (bytes kept, so a dead-letter replay can finish it), tells the owner and
// records the dead letter like every other queue.
import { Worker, type Job, type WorkerOptions } from "bullmq";
import type { DeadLetterRepo } from "../../core/repos/dead-letters.js";
import { QUEUE, type IngestJob } from "../pipeline/queues.js";
import { failedText, type Notifier } from "./notify.js";
import { ingestProcessor, type ProcessorDeps } from "./processor.js";
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
  // one sweep at a time: a slow one is not overlapped by the next tick
  let sweeping: Promise<void> | null = null;
  const tick = () => {
    sweeping ??= sweep(d).finally(() => (sweeping = null));
  };
  tick();
  const timer = setInterval(tick, d.settings.sweepEveryMs);
  timer.unref();
  return {
    worker,
    async close() {
      clearInterval(timer);
      await sweeping;
      await worker.close();
    },
  };
}

/**
 * Accepted documents untouched for `sweepIdleMs`, whose job presumably never made it to
 * Redis (a crash between commit and enqueue): queue them. A no-op for those whose job
 * exists (same job id), so running it often is harmless.
 */
async function sweep(d: Pick<IngestWorkerDeps, "repo" | "service" | "logger" | "settings">): Promise<void> {
  try {
    const lost = await d.repo.unfinished(d.settings.sweepIdleMs);
    for (const doc of lost) await d.service.enqueue(doc.tenantId, doc.id, doc.contentHash);
    if (lost.length) d.logger.info({ documents: lost.length }, "ingest sweep queued unfinished documents");
  } catch (err) {
    d.logger.warn({ err }, "ingest sweep failed; unfinished documents are queued again at the next sweep");
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
