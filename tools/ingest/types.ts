// What the ingestion owner tool reads: the tenant's documents and how far each one got.
// The api layer implements it (api/ingest/service.ts); tools never touch the database.
export type DocumentState = "queued" | "processing" | "done" | "failed";

export interface DocumentStatusItem {
  name: string;
  kind: string;
  status: DocumentState;
  totalParts: number;
  doneParts: number;
  entries: number;
  /** Why it failed, or (when done) rows that were skipped. */
  error: string | null;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface DocumentStatusSource {
  /**
   * The tenant's documents, most recently changed first; with `nameWords`, only those whose
   * name contains every one of the words (case-insensitive), however old.
   */
  list(tenantId: string, opts: { limit: number; nameWords?: string[] }): Promise<DocumentStatusItem[]>;
}

/** Adds text an owner pastes in chat as a text document (implemented by api/ingest). */
export interface DocumentIntake {
  /** Queues the text for ingestion; the owner is told in this conversation when it is done. */
  addText(tenantId: string, conversationId: string, doc: { name: string; text: string }): Promise<{ name: string; outcome: "queued" | "replacing" | "unchanged" | "in-progress" }>;
}
