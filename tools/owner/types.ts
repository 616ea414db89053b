// What owner tools need from the rest of the system. The api layer implements these with
// its repositories; tools never touch the database. Every call takes tenantId first.
import type { KnowledgeStore } from "../../knowledge/types.js";

export type Consent = "unknown" | "opted_in" | "opted_out";

export interface ContactSummary {
  id: string;
  /** Display name; null when the contact never gave one. */
  name: string | null;
  /** Channel of the contact's latest conversation ("whatsapp", "sms", "voice", "slack", "web"). */
  channel: string;
  lastMessageAt: Date | null;
  consent: Consent;
}

export interface ContactDirectory {
  /** The tenant's contacts, most recent message first; `query` matches names (case-insensitive). */
  listContacts(tenantId: string, opts: { limit: number; query?: string }): Promise<ContactSummary[]>;
}

/** The write side of the knowledge store, for owners changing what the agent knows. */
export type KnowledgeAdmin = Pick<KnowledgeStore, "addEntry" | "deleteEntry" | "listEntries" | "getEntry" | "supersede">;
