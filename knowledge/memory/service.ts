// What the pipeline calls around a turn: `recall` the contact's memory before the agent
// runs, `learn` from the turn's inbound messages after it is committed. Both are scoped by
// tenantId and contactId given by the caller (from the conversation, never from text).
import { isForgetRequest } from "./control.js";
import { extractWith, factsInMessage } from "./extract.js";
import { warmLanguageDetector } from "./language.js";
import { SINGLE_VALUED, type ContactFactView, type ContactMemory, type ExtractedFact } from "./types.js";

export interface LearnInput {
  tenantId: string;
  contactId: string;
  channel: string;
  /** The turn's inbound messages, oldest first. */
  messages: Array<{ id?: string | null; text: string }>;
  /** The turn called forget_my_memory (whatever the words were): nothing is learnt from it. */
  forgetRequested?: boolean;
  /**
   * Learn only what is new, never replace: for a sender whose identity is not verified (a
   * call without a verified caller ID), so a spoofer cannot overwrite the real contact's
   * name, last service or language. Preferences are still added.
   */
  addOnly?: boolean;
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

  /**
   * Extracts and stores; returns how many facts were written. A turn that asked to forget
   * (any of its messages, or its forget_my_memory call) learns nothing: the forget already
   * ran during the turn, and learning after it would store again what was just deleted.
   */
  async learn(input: LearnInput): Promise<number> {
    if (input.forgetRequested || input.messages.some((m) => isForgetRequest(m.text ?? ""))) return 0;
    const texts = input.messages.map((m) => m.text ?? "").filter((t) => t.trim());
    if (texts.length === 0) return 0;
    const eld = await warmLanguageDetector().catch(() => null); // no tables: no language, the rest still learnt
    let written = 0;
    const known = input.addOnly ? new Set((await this.store.list(input.tenantId, input.contactId)).map((f) => f.key)) : null;
    const allowed = (facts: ExtractedFact[]) => (known ? facts.filter((f) => !(SINGLE_VALUED.has(f.key) && known.has(f.key))) : facts);
    // per message, in order, so a later message's name replaces an earlier one's
    for (const m of input.messages) {
      const facts = allowed(factsInMessage(m.text ?? ""));
      if (facts.length) written += await this.store.remember(input.tenantId, input.contactId, facts, { channel: input.channel, sourceMessageId: m.id ?? null });
    }
    const language = allowed(extractWith(eld, texts).filter((f) => f.key === "language"));
    if (language.length) {
      written += await this.store.remember(input.tenantId, input.contactId, language, { channel: input.channel, sourceMessageId: input.messages.at(-1)?.id ?? null });
    }
    return written;
  }
}
