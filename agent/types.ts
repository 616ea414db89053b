// The agent contract. The pipeline (api/pipeline) runs one turn per batch of inbound
// messages of a conversation; the agent never touches channels or queues.
export type Role = "lead" | "owner";
export type TierName = "local" | "fast" | "smart";
/**
 * What a turn may do with the contact's remembered facts. "full": they are used (prompt,
 * greeting by name) and my_memory / forget_my_memory work — chat channels, whose sender
 * number the channel authenticates, and calls whose caller ID passed STIR/SHAKEN with A
 * attestation. "learn_only": nothing remembered is shown or changed (the memory tools refuse
 * politely), but what the person says is still learnt — calls with unverified caller ID.
 */
export type MemoryAccess = "full" | "learn_only";

export interface TenantProfile {
  id: string;
  name: string;
  timezone: string;
  locale: string;
  currency: string;
  helpText?: string | null;
}

export interface TurnInput {
  tenant: TenantProfile;
  conversationId: string;
  contactId: string;
  contactName?: string | null;
  role: Role;
  channel: string;
  /**
   * What the business remembers about this contact (loaded by the pipeline from
   * knowledge/memory before the turn; newest first). The LLM tiers see it as quoted data in
   * the system prompt; the local tier greets by the remembered name.
   */
  memory?: RememberedFact[];
  /**
   * Set in code by the channel layer, never from message text or model output. Missing
   * means "learn_only" (fail closed): `memory` is then ignored and the memory tools refuse.
   */
  memoryAccess?: MemoryAccess;
  /** The inbound messages this turn answers (one, or several coalesced from a burst), oldest first. */
  messages: Array<{
    text: string;
    at: Date;
    /** The stored inbound message's id: a retried turn replaces, never repeats, it in the history. */
    id?: string;
  }>;
}

/** A fact about the contact learnt in an earlier conversation (on any channel). */
export interface RememberedFact {
  key: "name" | "preference" | "last_service" | "language" | "note";
  value: string;
  /** The channel it was learnt on. */
  channel: string;
  learnedAt: Date;
}

export interface UsageRecord {
  tier: TierName;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
}

export interface TurnResult {
  /** The reply text, or null when the agent decides not to answer. */
  reply: string | null;
  /** Quick replies the channel may render as buttons. */
  buttons?: Array<{ id: string; title: string }>;
  /** A picture sent with the reply (an approval's preview image), public https URL. */
  imageUrl?: string;
  tier: TierName;
  model: string;
  usage: UsageRecord[];
  /** The agent thinks a person should take over. */
  handoff: boolean;
  /** Why a tier was chosen / escalated, for logs and later analysis. */
  route: string;
  /**
   * The turn paused for the owner's approval of a sensitive action. `buttons` then holds
   * `approval:<id>:approve` / `approval:<id>:reject`; a click is passed to Agent.resume.
   */
  approval?: { id: string; summary: string };
  /** The turn called forget_my_memory: the pipeline learns nothing from it (knowledge/memory). */
  forgotMemory?: boolean;
}

/** An owner's decision on a paused action (a button reply on WhatsApp or Slack). */
export interface ResumeInput {
  tenant: TenantProfile;
  conversationId: string;
  contactId: string;
  /** Decided by the pipeline from the identity; a lead's resume changes nothing. */
  role: Role;
  channel: string;
  approvalId: string;
  decision: "approve" | "reject";
}

export interface Agent {
  runTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult>;
  /**
   * Resumes the conversation's paused approval. Unknown or stale ids, a second decision on
   * the same id, or a non-owner get a reply saying so, and nothing runs. Optional in the
   * contract so existing test doubles stay valid; createAgent always provides it.
   */
  resume?(input: ResumeInput, signal?: AbortSignal): Promise<TurnResult>;
}
