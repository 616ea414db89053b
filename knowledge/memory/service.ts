// What the pipeline calls around a turn: `recall` the contact's memory before the agent
// runs, `learn` from the turn's inbound messages after it is committed. Both are scoped by
// tenantId and contactId given by the caller (from the conversation, never from text).
import { extractWith, factsInMessage } from "./extract.js";
import { warmLanguageDetector } from "./language.js";
import type { ContactFactView, ContactMemory } from "./types.js";

export interface LearnInput {
  tenantId: string;
  contactId: string;
  channel: string;
  /** The turn's inbound messages, oldest first. */
  messages: Array<{ id?: string | null; text: string }>;
}

export class ContactMemoryService {
  constructor(readonly store: ContactMemory) {}

  /** Loads the language tables now instead of on the first turn. */
  warm(): Promise<unknown> {
    return warmLanguageDetector();
  }

  recall(tenantId: string, contactId: string): Promise<ContactFactView[]> {
    return this.store.list(tenantId, contactId);
  }

  /** Extracts and stores; returns how many facts were written. */
  async learn(input: LearnInput): Promise<number> {
    const texts = input.messages.map((m) => m.text ?? "").filter((t) => t.trim());
    if (texts.length === 0) return 0;
    const eld = await warmLanguageDetector().catch(() => null); // no tables: no language, the rest still learnt
    let written = 0;
    // per message, in order, so a later message's name replaces an earlier one's
    for (const m of input.messages) {
      const facts = factsInMessage(m.text ?? "");
      if (facts.length) written += await this.store.remember(input.tenantId, input.contactId, facts, { channel: input.channel, sourceMessageId: m.id ?? null });
    }
    const language = extractWith(eld, texts).filter((f) => f.key === "language");
    if (language.length) {
      written += await this.store.remember(input.tenantId, input.contactId, language, { channel: input.channel, sourceMessageId: input.messages.at(-1)?.id ?? null });
    }
    return written;
  }
}
