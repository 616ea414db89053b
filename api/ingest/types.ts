// Shapes of ingestion shared by the service, the worker, the admin routes and the owner
// tool: a document as shown to people (no bytes), where to tell the owner, an upload.
import type { DocumentKind } from "../../knowledge/ingest/index.js";
import type { Channel } from "../../core/repos/tenants.js";

export type DocumentStatus = "queued" | "processing" | "done" | "failed";

/** Who to tell when a document is done, and in which thread (Slack). */
export interface NotifyTarget {
  channel: Channel;
  address: string;
  threadId?: string;
  /** One per accepted upload: the finish notification's idempotency key. */
  uploadId: string;
}

export interface DocumentView {
  id: string;
  tenantId: string;
  name: string;
  kind: DocumentKind;
  source: string;
  contentHash: string;
  byteSize: number;
  mimeType: string | null;
  status: DocumentStatus;
  totalParts: number;
  doneParts: number;
  /** Knowledge entries that belong to the document now. */
  entries: number;
  /** Why it failed; for a finished document, rows that were skipped. */
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface Upload {
  name: string;
  kind: DocumentKind;
  bytes: Uint8Array;
  mimeType?: string | null;
  /** "admin", "whatsapp", "slack", "chat". */
  source: string;
  notify?: Omit<NotifyTarget, "uploadId"> | null;
}

export type AcceptOutcome = "queued" | "replacing" | "unchanged" | "in-progress";
