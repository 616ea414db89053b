// Ingestion's front door, shared by the admin API, the channels and the owner tools:
// accept an upload (one transaction stores the document with its bytes, then the job is
// queued), list and read documents, and delete one with its entries from every index.
import { createHash } from "node:crypto";
import { AppError, NotFoundError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { checkSize, DEFAULT_LIMITS, DocumentError, type IngestLimits } from "../../knowledge/ingest/index.js";
import type { KnowledgeStore } from "../../knowledge/types.js";
import type { ConversationLocks, Lock } from "../pipeline/lock.js";
import { ingestJobId, type Queues } from "../pipeline/queues.js";
import type { DocumentRepo } from "./repo.js";
import type { AcceptOutcome, DocumentStatus, DocumentView, Upload } from "./types.js";

export interface IngestServiceDeps {
  repo: DocumentRepo;
  knowledge: Pick<KnowledgeStore, "listEntries" | "deleteEntry">;
  queues: Pick<Queues, "ingest">;
  /** One writer per document at a time (the worker, or a delete). */
  locks: ConversationLocks;
  logger: Logger;
  limits?: IngestLimits;
  /** How long a delete waits for a running job to let go of the document (default 15 s). */
  deleteWaitMs?: number;
}

/** A delete that found the document's job still running past `deleteWaitMs`: HTTP 409, nothing deleted. */
export class DocumentBusyError extends AppError {
  constructor(name: string) {
    super("conflict", `${name} is still being processed; it will stop shortly — please try deleting it again in a moment.`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const requireTenant = (tenantId: string) => {
  if (!UUID.test(tenantId ?? "")) throw new AppError("bad_request", "tenantId must be a UUID");
};

/** A file name people can read back: no paths, no control characters, at most 200 characters. */
export function documentName(raw: string): string {
  const name = raw.replace(/^.*[\\/]/, "").replace(/[\p{Cc}\p{Cf}]/gu, "").replace(/\s+/g, " ").trim().slice(0, 200);
  if (!name) throw new DocumentError("The document needs a name.");
  return name;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export class IngestService {
  readonly limits: IngestLimits;
  constructor(private readonly d: IngestServiceDeps) {
    this.limits = d.limits ?? DEFAULT_LIMITS;
  }

  /**
   * Store the upload and queue its ingestion. The same bytes under the same name again are
   * a no-op ("unchanged" once ingested, "in-progress" while queued); new bytes under a known
   * name replace that document's entries when the job runs ("replacing").
   */
  async accept(tenantId: string, upload: Upload): Promise<{ document: DocumentView; outcome: AcceptOutcome }> {
    requireTenant(tenantId);
    const name = documentName(upload.name);
    checkSize(upload.bytes.byteLength, this.limits);
    const contentHash = sha256(upload.bytes);
    const { doc, outcome } = await this.d.repo.saveUpload(tenantId, { ...upload, name, contentHash });
    // "in-progress" is queued again too: a no-op if its job exists, a rescue if the enqueue after a commit was lost
    if (outcome !== "unchanged") await this.enqueue(tenantId, doc.id, doc.contentHash);
    this.d.logger.info({ tenantId, documentId: doc.id, outcome, kind: upload.kind, bytes: upload.bytes.byteLength }, "document accepted");
    return { document: doc, outcome };
  }

  /** Queue the job of this content (idempotent: the job id is the document id + content hash). */
  async enqueue(tenantId: string, documentId: string, contentHash: string): Promise<void> {
    const jobId = ingestJobId(documentId, contentHash);
    // a job of the same content that gave up earlier keeps its id; clear it so this upload runs
    const old = await this.d.queues.ingest.getJob(jobId);
    if (old && (await old.isFailed())) await old.remove();
    await this.d.queues.ingest.add("ingest", { tenantId, documentId, contentHash }, { jobId });
  }

  async get(tenantId: string, id: string): Promise<DocumentView> {
    requireTenant(tenantId);
    const doc = UUID.test(id) ? await this.d.repo.get(tenantId, id) : null;
    if (!doc) throw new NotFoundError("document");
    return doc;
  }

  /** Newest change first; `name` anywhere in the name, and every one of `nameWords` too (the owner's status tool). */
  list(tenantId: string, opts: { limit?: number; offset?: number; name?: string; nameWords?: string[]; status?: DocumentStatus } = {}): Promise<DocumentView[]> {
    requireTenant(tenantId);
    return this.d.repo.list(tenantId, { ...opts, limit: Math.min(Math.max(opts.limit ?? 50, 1), 200) });
  }

  /**
   * Delete a document and its entries everywhere: each entry through the store (which
   * removes its vectors and keyword terms from whatever index backs it), until none is
   * left, then the row. Never while a job holds the document's lock: the document is marked
   * first (a tombstone content hash no job carries, so a running job stops at its next
   * progress check), then the lock is awaited; a job still holding it after `deleteWaitMs`
   * gets a DocumentBusyError (409, "try again in a moment") and nothing is deleted yet.
   */
  async delete(tenantId: string, id: string): Promise<{ entriesDeleted: number }> {
    const doc = await this.get(tenantId, id);
    const lock = await this.stopJobAndLock(tenantId, doc.id);
    if (!lock) throw new DocumentBusyError(doc.name);
    try {
      const entriesDeleted = await this.deleteEntries(tenantId, doc.id);
      await this.d.repo.delete(tenantId, doc.id);
      this.d.logger.info({ tenantId, documentId: doc.id, entriesDeleted }, "document deleted");
      return { entriesDeleted };
    } finally {
      await lock.release();
    }
  }

  /** list → deleteEntry until the document has no entry left (the caller holds its lock). */
  private async deleteEntries(tenantId: string, documentId: string): Promise<number> {
    let deleted = 0;
    const tried = new Set<string>();
    for (;;) {
      const page = await this.d.knowledge.listEntries(tenantId, { documentId, limit: 500 });
      if (!page.length) return deleted;
      for (const e of page) {
        // an entry listed again after its delete was refused would loop for ever
        if (tried.has(e.id)) throw new AppError("internal", `entry ${e.id} of document ${documentId} could not be deleted`);
        tried.add(e.id);
        if (await this.d.knowledge.deleteEntry(tenantId, e.id)) deleted++;
      }
    }
  }

  /** Mark the document deleted (a running job stops at its next check) and take its lock; null if still held after deleteWaitMs. */
  private async stopJobAndLock(tenantId: string, documentId: string): Promise<Lock | null> {
    const deadline = Date.now() + (this.d.deleteWaitMs ?? 15_000);
    await this.d.repo.cancel(tenantId, documentId);
    for (;;) {
      const lock = await this.d.locks.tryAcquire(documentId);
      if (lock || Date.now() >= deadline) return lock;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
