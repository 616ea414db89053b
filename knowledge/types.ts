// The knowledge contract. Every call takes tenantId first; there is no default tenant.
export interface KnowledgeEntryInput {
  title: string;
  content: string;
  tags?: string[];
  /** Where it came from: "admin", "seed", "chat", "document:<name>". */
  source?: string;
}

export interface KnowledgeEntry extends Required<KnowledgeEntryInput> {
  id: string;
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
}

export interface SearchOptions {
  /** How many hits at most (default 5). */
  k?: number;
}

export interface KnowledgeStore {
  /** Create an entry (or return the existing one with identical content). */
  addEntry(tenantId: string, input: KnowledgeEntryInput): Promise<{ entry: KnowledgeEntry; created: boolean }>;
  deleteEntry(tenantId: string, entryId: string): Promise<boolean>;
  listEntries(tenantId: string, opts?: { limit?: number; offset?: number }): Promise<KnowledgeEntry[]>;
  search(tenantId: string, query: string, opts?: SearchOptions): Promise<KnowledgeHit[]>;
}

export interface Embedder {
  /** Recorded with every vector, e.g. "local-hash-v1:384". */
  readonly id: string;
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}
