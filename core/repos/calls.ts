// Voice calls as conversations: what the caller said (inbound, idempotent on CallSid +
// turn), what the agent said (outbound, already "sent": it was spoken in the TwiML answer
// or over ConversationRelay), the callback request and the call's end. Turns are committed
// by MessageRepo.commitTurn, like chat turns.
// The transcript is the conversation's messages, on the caller's contact.
import type { Db, Prisma } from "../db.js";
import { isUniqueViolation } from "./unique.js";

export class CallRepo {
  constructor(private readonly db: Db) {}

  /** What the caller said in turn `turn` of the call; a retried webhook finds the same row. */
  async recordUtterance(u: {
    tenantId: string; conversationId: string; callSid: string; turn: number; text: string; confidence?: number | undefined; at: Date;
  }): Promise<{ id: string; created: boolean }> {
    const providerMessageId = `${u.callSid}:${u.turn}`;
    return this.createOnce(u.tenantId, `in:voice:${providerMessageId}`, {
      tenantId: u.tenantId, conversationId: u.conversationId, channel: "voice", direction: "inbound", kind: "speech",
      text: u.text, payload: { confidence: u.confidence ?? null }, providerMessageId, status: "received",
      providerTimestamp: u.at, createdAt: u.at,
    });
  }

  /** Something the agent said on the call. `label` is the turn number (or "greeting", "goodbye", ...). */
  async recordSaid(s: { tenantId: string; conversationId: string; callSid: string; label: string; text: string; turnId?: string | null }) {
    const providerMessageId = `${s.callSid}:say:${s.label}`;
    const now = new Date();
    return this.createOnce(s.tenantId, `voice:say:${providerMessageId}`, {
      tenantId: s.tenantId, conversationId: s.conversationId, channel: "voice", direction: "outbound", kind: "speech",
      text: s.text, providerMessageId, status: "sent", sentAt: now, createdAt: now, turnId: s.turnId ?? null,
    });
  }

  /** The caller asked for a person and nobody could take the call: the owner calls back. */
  async requestCallback(tenantId: string, conversationId: string, at = new Date()): Promise<void> {
    await this.db.conversation.updateMany({ where: { id: conversationId, tenantId, handoffRequestedAt: null }, data: { handoffRequestedAt: at } });
  }

  /** Record the end of the call once (a redelivered status callback finds it: created=false). */
  async markEnded(e: { tenantId: string; conversationId: string; callSid: string; status: string; durationSeconds?: number | undefined }) {
    const now = new Date();
    return this.createOnce(e.tenantId, `in:voice:${e.callSid}:ended`, {
      tenantId: e.tenantId, conversationId: e.conversationId, channel: "voice", direction: "inbound", kind: "call_ended",
      text: null, payload: { status: e.status, durationSeconds: e.durationSeconds ?? null }, providerMessageId: `${e.callSid}:ended`,
      status: "handled", providerTimestamp: now, createdAt: now,
    });
  }

  /** The call's spoken messages, oldest first. */
  transcript(tenantId: string, conversationId: string) {
    return this.db.message.findMany({
      where: { tenantId, conversationId, kind: "speech" },
      select: { direction: true, text: true, createdAt: true, providerMessageId: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  private async createOnce(tenantId: string, idempotencyKey: string, data: Omit<Prisma.MessageUncheckedCreateInput, "idempotencyKey">): Promise<{ id: string; created: boolean }> {
    try {
      const row = await this.db.message.create({ data: { ...data, idempotencyKey }, select: { id: true } });
      return { id: row.id, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const row = await this.db.message.findUniqueOrThrow({
        where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } },
        select: { id: true },
      });
      return { id: row.id, created: false };
    }
  }
}
