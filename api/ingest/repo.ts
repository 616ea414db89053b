// The only Prisma calls of ingestion: KnowledgeDocument rows. Every query filters by
// tenantId (the one exception, `unfinished`, is the start-up sweep, and hands the tenant id
// of each row to its job). The bytes are read only by the worker (`source`).
import { randomUUID } from "node:crypto";
import type { Db } from "../../core/db.js";
import { isUniqueViolation } from "../../core/repos/unique.js";
import type { DocumentKind } from "../../knowledge/ingest/index.js";
import type { AcceptOutcome, DocumentStatus, DocumentView, NotifyTarget, Upload } from "./types.js";

const view = {
  id: true, tenantId: true, name: true, kind: true, source: true, contentHash: true, byteSize: true, mimeType: true, status: true,
  totalParts: true, doneParts: true, entries: true, error: true, createdAt: true, updatedAt: true, finishedAt: true,
} as const;

type Row = Omit<DocumentView, "kind"> & { kind: string };
const toView = (r: Row): DocumentView => ({ ...r, kind: r.kind as DocumentKind });

export interface DocumentSource {
  name: string;
  kind: DocumentKind;
  status: DocumentStatus;
  contentHash: string;
  raw: Uint8Array | null;
  notify: NotifyTarget | null;
}

export class DocumentRepo {
  constructor(private readonly db: Db) {}

  /**
   * Store an upload in one transaction: a new document, or the new content of the tenant's
   * document of that name (status queued, progress reset). The same content as the stored
   * one is left alone: "unchanged" when it was ingested, "in-progress" while it is queued.
   */
  async saveUpload(tenantId: string, u: Upload & { contentHash: string }): Promise<{ doc: DocumentView; outcome: AcceptOutcome }> {
    const notify = u.notify ? { ...u.notify, uploadId: randomUUID() } : undefined;
    const fresh = {
      kind: u.kind, source: u.source, contentHash: u.contentHash, byteSize: u.bytes.byteLength, mimeType: u.mimeType ?? null,
      raw: u.bytes as Uint8Array<ArrayBuffer>, status: "queued" as const, totalParts: 0, doneParts: 0, error: null, finishedAt: null,
      ...(notify ? { notify } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          const existing = await tx.knowledgeDocument.findUnique({ where: { tenantId_name: { tenantId, name: u.name } }, select: view });
          if (existing && existing.contentHash === u.contentHash && existing.status !== "failed") {
            return { doc: toView(existing), outcome: existing.status === "done" ? ("unchanged" as const) : ("in-progress" as const) };
          }
          if (existing) {
            const doc = await tx.knowledgeDocument.update({ where: { id: existing.id }, data: { ...fresh, notify: notify ?? undefined }, select: view });
            // a failed document sent again is a fresh attempt, not a new version
            return { doc: toView(doc), outcome: existing.status === "failed" ? ("queued" as const) : ("replacing" as const) };
          }
          const doc = await tx.knowledgeDocument.create({ data: { tenantId, name: u.name, ...fresh }, select: view });
          return { doc: toView(doc), outcome: "queued" as const };
        });
      } catch (err) {
        // two uploads of a new name at once: the loser reads the winner's row
        if (!isUniqueViolation(err) || attempt >= 2) throw err;
      }
    }
  }

  async get(tenantId: string, id: string): Promise<DocumentView | null> {
    const r = await this.db.knowledgeDocument.findFirst({ where: { id, tenantId }, select: view });
    return r ? toView(r) : null;
  }

  /**
   * Newest change first; `name` matches case-insensitively anywhere in the name, and each of
   * `nameWords` must too (in any order: "price list" finds "Price-List_2026.pdf").
   */
  async list(tenantId: string, opts: { limit: number; offset?: number; name?: string; nameWords?: string[]; status?: DocumentStatus }): Promise<DocumentView[]> {
    const names = [...(opts.name ? [opts.name] : []), ...(opts.nameWords ?? [])].filter(Boolean);
    const rows = await this.db.knowledgeDocument.findMany({
      where: {
        tenantId, ...(names.length ? { AND: names.map((n) => ({ name: { contains: n, mode: "insensitive" as const } })) } : {}),
        ...(opts.status ? { status: opts.status } : {}),
      },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: opts.limit, skip: opts.offset ?? 0, select: view,
    });
    return rows.map(toView);
  }

  /** What the worker needs to ingest: the bytes and where to report. */
  async source(tenantId: string, id: string): Promise<DocumentSource | null> {
    const r = await this.db.knowledgeDocument.findFirst({
      where: { id, tenantId }, select: { name: true, kind: true, status: true, contentHash: true, raw: true, notify: true },
    });
    return r ? { ...r, kind: r.kind as DocumentKind, notify: (r.notify as NotifyTarget | null) ?? null } : null;
  }

  /** Start (or restart) processing this content; false when the document changed or is gone. */
  async start(tenantId: string, id: string, contentHash: string, totalParts: number): Promise<boolean> {
    const r = await this.db.knowledgeDocument.updateMany({
      where: { id, tenantId, contentHash, status: { in: ["queued", "processing", "failed"] } },
      data: { status: "processing", totalParts, doneParts: 0, error: null },
    });
    return r.count > 0;
  }

  /** Progress of this content; false when a newer upload replaced it or it was deleted. */
  async progress(tenantId: string, id: string, contentHash: string, doneParts: number): Promise<boolean> {
    const r = await this.db.knowledgeDocument.updateMany({ where: { id, tenantId, contentHash, status: "processing" }, data: { doneParts } });
    return r.count > 0;
  }

  async finish(
    tenantId: string, id: string, contentHash: string,
    f: { status: "done" | "failed"; entries?: number; error: string | null; keepRaw: boolean },
  ): Promise<boolean> {
    const r = await this.db.knowledgeDocument.updateMany({
      where: { id, tenantId, contentHash },
      data: {
        status: f.status, error: f.error, finishedAt: new Date(), ...(f.entries !== undefined ? { entries: f.entries } : {}),
        ...(f.keepRaw ? {} : { raw: null }),
      },
    });
    return r.count > 0;
  }

  /**
   * Stop any job of this document (a delete is waiting for it): the content hash becomes a
   * tombstone no job carries, so its next start/progress/finish matches nothing and it stops.
   * Also the state a delete answered with 409 leaves behind until it is tried again.
   */
  async cancel(tenantId: string, id: string): Promise<void> {
    await this.db.knowledgeDocument.updateMany({
      where: { id, tenantId }, data: { status: "failed", error: "being deleted", contentHash: `deleted:${randomUUID()}`, raw: null },
    });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const r = await this.db.knowledgeDocument.deleteMany({ where: { id, tenantId } });
    return r.count > 0;
  }

  /**
   * Documents accepted but untouched for `idleMs`, of every tenant (the worker's periodic
   * sweep). A running job writes progress, so only documents whose job was lost are this old.
   */
  unfinished(idleMs: number, limit = 500): Promise<Array<{ tenantId: string; id: string; contentHash: string }>> {
    return this.db.knowledgeDocument.findMany({
      where: { status: { in: ["queued", "processing"] }, raw: { not: null }, updatedAt: { lt: new Date(Date.now() - idleMs) } },
      select: { tenantId: true, id: true, contentHash: true },
      orderBy: { updatedAt: "asc" }, take: limit,
    });
  }
}
