// The knowledge contract. Every call takes tenantId first; there is no default tenant.
export interface KnowledgeEntryInput {
  title: string;
  content: string;
  tags?: string[];
  /** Where it came from: "admin", "seed", "chat", "document:<name>". */
  source?: string;
  /** The ingested document (KnowledgeDocument id, same tenant) this entry is part of. */
  documentId?: string | null;
}

export interface KnowledgeEntry extends Required<Omit<KnowledgeEntryInput, "documentId">> {
  id: string;
  documentId: string | null;
  /** A newer entry that replaces this one: a superseded entry is listed but never searched. */
  supersededById: string | null;
  tenantId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface KnowledgeHit {
  entryId: string;
  chunkId: string;
  title: string;
  text: string;
  /** Higher is better; comparable within one store and embedder. */
  score: number;
  /** The entry's source ("chat" for facts the owner taught) and last change: newer facts win. */
  source: string;
  updatedAt: Date;
}

export interface SearchOptions {
  /** How many hits at most (default 5). */
  k?: number;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  /** Only the entries of this document. */
  documentId?: string;
}

export interface KnowledgeStore {
  /** Create an entry (or return the existing one with identical content). */
  addEntry(tenantId: string, input: KnowledgeEntryInput): Promise<{ entry: KnowledgeEntry; created: boolean }>;
  deleteEntry(tenantId: string, entryId: string): Promise<boolean>;
  listEntries(tenantId: string, opts?: ListOptions): Promise<KnowledgeEntry[]>;
  /** One of the tenant's entries (null for another tenant's id, a malformed id or none). */
  getEntry(tenantId: string, entryId: string): Promise<KnowledgeEntry | null>;
  search(tenantId: string, query: string, opts?: SearchOptions): Promise<KnowledgeHit[]>;
  /**
   * Mark `oldId` as replaced by `newId` (both the tenant's; `newId` must not itself be
   * replaced): the old entry leaves search at once and stays listed. Deleting an entry
   * hands what it replaced on to its own replacement — so deleting the newest of a chain
   * brings the previous one back, and deleting one in the middle does not revive older
   * ones. False when either id is not the tenant's, they are the same, or `newId` is replaced.
   */
  supersede(tenantId: string, oldId: string, newId: string): Promise<boolean>;
  /** Check or prepare the backing storage (e.g. Qdrant's collection); refuses a mismatch clearly. */
  init?(): Promise<void>;
  /** What backs the store, for health and logs, e.g. "embedded" or "qdrant:growai_knowledge". */
  readonly kind?: string;
}

export interface Embedder {
  /** Recorded with every vector, e.g. "local-hash-v1:384". */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}
