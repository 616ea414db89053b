// The contract of per-contact memory: facts a contact told the business (name,
// preferences, last service, language), learnt from their messages on any channel and
// used in later turns. Every call takes tenantId AND contactId; neither is ever defaulted.
export const FACT_KEYS = ["name", "preference", "last_service", "language", "note"] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** Keys holding one value: a newer one replaces the older. Others keep several, newest first. */
export const SINGLE_VALUED: ReadonlySet<FactKey> = new Set<FactKey>(["name", "last_service", "language"]);
/** How many values a multi-valued key keeps (the oldest are dropped). */
export const MULTI_VALUE_CAP = 5;
/** A stored value is at most this long. */
export const MAX_VALUE_CHARS = 120;

/** What the extractor found in one message. */
export interface ExtractedFact {
  key: FactKey;
  value: string;
}

/** A remembered fact, as the agent and tools see it. */
export interface ContactFactView {
  key: FactKey;
  value: string;
  /** The channel it was (last) learnt on: "whatsapp", "sms", "voice", "web"... */
  channel: string;
  learnedAt: Date;
}

export interface RememberSource {
  channel: string;
  /** The stored inbound message it came from, when there is one. */
  sourceMessageId?: string | null;
}

export interface ContactMemory {
  /** The contact's facts, newest first. Another tenant's contact id yields []. */
  list(tenantId: string, contactId: string): Promise<ContactFactView[]>;
  /** Upserts facts (single-valued keys replace, multi-valued keys are capped). Returns how many were written. */
  remember(tenantId: string, contactId: string, facts: ExtractedFact[], source: RememberSource): Promise<number>;
  /** Deletes the contact's facts (all, or one key). Returns how many were deleted. */
  forget(tenantId: string, contactId: string, key?: FactKey): Promise<number>;
}
