// The ingest job: parse the stored bytes, write each section as a knowledge entry (the
// store dedups by content within the document — entryHash(content, documentId) — so
// unchanged sections keep their entry and id, and every entry returned is this
// document's own, never another document's or a taught fact), then delete the
// document's entries that are no longer in it — new entries exist before stale ones go,
// so search never has a gap. Progress is written as it goes. One writer per document (a
// Redis lock); a job whose document changed or was deleted meanwhile stops quietly.
// Idempotent: a re-run (retry, stalled job of a killed worker) re-adds nothing twice.
import { DelayedError, type Job } from "bullmq";
import type { Logger } from "../../core/logger.js";
import { DocumentError, parseDocument, type IngestLimits, type ParsedEntries } from "../../knowledge/ingest/index.js";
import type { KnowledgeStore } from "../../knowledge/types.js";
import type { ConversationLocks } from "../pipeline/lock.js";
import type { IngestJob } from "../pipeline/queues.js";
import { doneText, failedText, type IngestReport, type Notifier } from "./notify.js";
import type { DocumentRepo } from "./repo.js";

export interface IngestSettings {
  limits: IngestLimits;
  /** Pause after each written entry: lowers ingestion's load on a busy database (0 = none). */
  throttleMs: number;
  /** Write progress to the document row at most this often. */
  progressEveryMs: number;
  /** How long a delete waits for a running job to stop before answering "still processing" (409). */
  deleteWaitMs: number;
  /** How often the worker looks for accepted documents whose job never reached Redis. */
  sweepEveryMs: number;
  /** Untouched this long, a queued/processing document's job is presumed lost and queued again. */
  sweepIdleMs: number;
}

export const DEFAULT_INGEST_SETTINGS: Omit<IngestSettings, "limits"> = {
  throttleMs: 0, progressEveryMs: 250, deleteWaitMs: 15_000, sweepEveryMs: 60_000, sweepIdleMs: 2 * 60_000,
};

export interface ProcessorDeps {
  repo: DocumentRepo;
  knowledge: Pick<KnowledgeStore, "addEntry" | "listEntries" | "deleteEntry">;
  locks: ConversationLocks;
  notify: Notifier;
  logger: Logger;
  settings: IngestSettings;
}

const LOCK_RETRY_MS = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function ingestProcessor(d: ProcessorDeps) {
  return async (job: Job<IngestJob>, token?: string): Promise<string> => {
    const lock = await d.locks.tryAcquire(job.data.documentId);
    if (!lock) {
      await job.moveToDelayed(Date.now() + LOCK_RETRY_MS, token);
      throw new DelayedError();
    }
    try {
      return await ingest(d, job);
    } finally {
      await lock.release();
    }
  };
}

async function ingest(d: ProcessorDeps, job: Job<IngestJob>): Promise<string> {
  const { tenantId, documentId, contentHash } = job.data;
  const log = d.logger.child({ tenantId, documentId });
  const src = await d.repo.source(tenantId, documentId);
  if (!src) return "gone";
  if (src.contentHash !== contentHash) return "superseded";
  if (src.status === "done") return "already-done";
  if (!src.raw) {
    await d.repo.finish(tenantId, documentId, contentHash, { status: "failed", error: "the uploaded file is no longer stored; please send it again", keepRaw: false });
    return "failed:no-bytes";
  }

  let parsed: ParsedEntries;
  try {
    parsed = await parseDocument({ name: src.name, kind: src.kind, bytes: src.raw }, d.settings.limits);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    // the same bytes will never parse: fail for good, with the reason people can act on
    const details = Array.isArray(err.details) ? ` (${(err.details as string[]).slice(0, 5).join("; ")})` : "";
    const reason = `${err.message}${details}`;
    if (await d.repo.finish(tenantId, documentId, contentHash, { status: "failed", error: reason, keepRaw: false })) {
      // a new version that cannot be read leaves the previous one answering
      const previous = (await d.knowledge.listEntries(tenantId, { documentId, limit: 1 })).length > 0;
      await d.notify(tenantId, documentId, src.notify, failedText(src.name, reason) + (previous ? " The earlier version stays in use." : ""));
    }
    log.info({ reason }, "document refused by its parser");
    return "failed:parse";
  }

  const total = parsed.entries.length;
  if (!(await d.repo.start(tenantId, documentId, contentHash, total))) return "superseded";
  const kept = new Set<string>();
  const report: IngestReport = { entries: 0, created: 0, unchanged: 0, removed: 0, skipped: parsed.skipped };
  let lastProgress = Date.now();
  for (let i = 0; i < total; i++) {
    const draft = parsed.entries[i]!;
    const { entry, created } = await d.knowledge.addEntry(tenantId, { ...draft, source: `document:${src.name}`, documentId });
    // two drafts whose text differs only in whitespace are one entry
    if (!kept.has(entry.id)) {
      kept.add(entry.id);
      if (created) report.created++;
      else report.unchanged++;
    }
    const done = i + 1;
    if (done === total || Date.now() - lastProgress >= d.settings.progressEveryMs) {
      lastProgress = Date.now();
      // a newer upload of this name, or a delete, took over: stop here, it finishes the job
      if (!(await d.repo.progress(tenantId, documentId, contentHash, done))) return "superseded";
      await job.updateProgress({ done, total });
    }
    if (d.settings.throttleMs > 0) await sleep(d.settings.throttleMs);
  }

  // entries of this document whose content is no longer in it
  for (const stale of await entriesOf(d, tenantId, documentId, kept)) {
    if (await d.knowledge.deleteEntry(tenantId, stale)) report.removed++;
  }
  report.entries = kept.size;
  const note = parsed.skipped.length ? `skipped ${parsed.skipped.length}: ${parsed.skipped.slice(0, 20).join("; ")}` : null;
  if (await d.repo.finish(tenantId, documentId, contentHash, { status: "done", entries: kept.size, error: note, keepRaw: false })) {
    await d.notify(tenantId, documentId, src.notify, doneText(src.name, report));
  }
  log.info({ ...report, skipped: parsed.skipped.length }, "document ingested");
  return `done:${report.created}+${report.unchanged}-${report.removed}`;
}

async function entriesOf(d: ProcessorDeps, tenantId: string, documentId: string, keep: Set<string>): Promise<string[]> {
  const stale: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await d.knowledge.listEntries(tenantId, { documentId, limit: 500, offset });
    for (const e of page) if (!keep.has(e.id)) stale.push(e.id);
    if (page.length < 500) return stale;
  }
}
