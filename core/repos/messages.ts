// Messages: inbound recorded idempotently, turns committed atomically with their reply
// (the outbox row), outbound statuses moved only forward.
import { randomUUID } from "node:crypto";
import type { Db } from "../db.js";
import type { Channel, MessageStatus, Tier } from "../../prisma/generated/enums.js";
import { Prisma } from "../db.js";
import { isUniqueViolation } from "./unique.js";

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";
/** Why we started a message: consent confirmations and notifications are not marketing. */
export type OutboundPurpose = "notification" | "followup" | "relay" | "marketing" | "consent" | "fallback";

/** Which statuses each delivery status may replace: sent < delivered < read; failed is terminal. */
const PREDECESSORS: Record<DeliveryStatus, MessageStatus[]> = {
  sent: ["queued", "sending"],
  delivered: ["queued", "sending", "sent"],
  read: ["queued", "sending", "sent", "delivered"],
  failed: ["queued", "sending", "sent"],
};
const STAMP: Record<DeliveryStatus, "sentAt" | "deliveredAt" | "readAt" | "failedAt"> = {
  sent: "sentAt", delivered: "deliveredAt", read: "readAt", failed: "failedAt",
};

export interface InboundRecord {
  tenantId: string;
  conversationId: string;
  channel: Channel;
  providerMessageId: string;
  kind: string;
  text: string;
  payload: unknown;
  providerTimestamp: Date;
  /** When our ingress accepted it (bursts are measured on this, not on worker time). */
  receivedAt: Date;
  /** Who wrote it (decides the role). */
  senderAddress: string;
}

export interface PendingMessage {
  id: string;
  text: string | null;
  createdAt: Date;
  providerMessageId: string | null;
  senderAddress: string | null;
  payload: unknown;
}

export interface TurnCommit {
  tenantId: string;
  conversationId: string;
  inboundIds: string[];
  reply: { text: string; buttons?: Array<{ id: string; title: string }>; threadId?: string } | null;
  tier: Tier;
  model: string;
  latencyMs: number;
  route: string;
  handoff: boolean;
  usage: Array<{ tier: Tier; provider: string; model: string; inputTokens: number; outputTokens: number; costMicros: number }>;
}

export const messageSelect = {
  id: true, conversationId: true, channel: true, direction: true, kind: true, text: true, status: true,
  providerMessageId: true, errorCode: true, errorReason: true, createdAt: true, sentAt: true, deliveredAt: true,
  readAt: true, failedAt: true, turnId: true,
} as const;

export class MessageRepo {
  constructor(private readonly db: Db) {}

  /** Store an inbound message once; a redelivery returns the existing row with created=false. */
  async recordInbound(m: InboundRecord): Promise<{ id: string; created: boolean }> {
    const key = `in:${m.channel}:${m.providerMessageId}`;
    try {
      const row = await this.db.message.create({
        data: {
          tenantId: m.tenantId, conversationId: m.conversationId, channel: m.channel, direction: "inbound",
          kind: m.kind, text: m.text, payload: m.payload as Prisma.InputJsonValue, providerMessageId: m.providerMessageId,
          status: "received", idempotencyKey: key, providerTimestamp: m.providerTimestamp, createdAt: m.receivedAt,
          senderAddress: m.senderAddress,
        },
        select: { id: true },
      });
      return { id: row.id, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const row = await this.db.message.findUniqueOrThrow({
        where: { tenantId_idempotencyKey: { tenantId: m.tenantId, idempotencyKey: key } },
        select: { id: true },
      });
      return { id: row.id, created: false };
    }
  }

  /** Inbound messages of a conversation not yet answered, oldest first. */
  pending(tenantId: string, conversationId: string): Promise<PendingMessage[]> {
    return this.db.message.findMany({
      where: { tenantId, conversationId, direction: "inbound", status: "received" },
      select: { id: true, text: true, createdAt: true, providerMessageId: true, senderAddress: true, payload: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  /** Inbound messages dealt with outside an agent turn (consent keywords, relays to a person). */
  async markHandled(tenantId: string, ids: string[]): Promise<number> {
    const r = await this.db.message.updateMany({
      where: { tenantId, id: { in: ids }, direction: "inbound", status: "received" },
      data: { status: "handled" },
    });
    return r.count;
  }

  /**
   * Our outbound row with this provider id (e.g. the notification an owner quoted). Slack
   * ids are "<channel>:<ts>" and a thread is named by its ts alone, so a bare ts matches too.
   */
  findByProviderId(tenantId: string, providerMessageId: string) {
    return this.db.message.findFirst({
      where: {
        tenantId, direction: "outbound",
        OR: [{ providerMessageId }, ...(/^\d+\.\d+$/.test(providerMessageId) ? [{ providerMessageId: { endsWith: `:${providerMessageId}` } }] : [])],
      },
      select: { id: true, conversationId: true, payload: true },
    });
  }

  async providerIdOf(tenantId: string, messageId: string): Promise<string | null> {
    const row = await this.db.message.findFirst({ where: { id: messageId, tenantId }, select: { providerMessageId: true } });
    return row?.providerMessageId ?? null;
  }

  /**
   * Replies held because the free-form window had closed, written in the last `maxAgeMs`:
   * back to queued when the contact writes again (the window is open again).
   */
  async requeueHeldForWindow(tenantId: string, conversationId: string, maxAgeMs: number): Promise<string[]> {
    const rows = await this.db.message.findMany({
      where: { tenantId, conversationId, direction: "outbound", status: "held", errorCode: "window_closed", createdAt: { gte: new Date(Date.now() - maxAgeMs) } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    if (!rows.length) return [];
    await this.db.message.updateMany({
      where: { tenantId, id: { in: rows.map((r) => r.id) }, status: "held" },
      data: { status: "queued", errorCode: null, errorReason: null },
    });
    return rows.map((r) => r.id);
  }

  /** Arrival times of the two newest inbound messages (burst detection). */
  async lastInboundTimes(tenantId: string, conversationId: string): Promise<Date[]> {
    const rows = await this.db.message.findMany({
      where: { tenantId, conversationId, direction: "inbound" },
      select: { createdAt: true },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    return rows.map((r) => r.createdAt);
  }

  /**
   * Commit a turn atomically: claim its inbound messages (only if still unanswered),
   * store the reply as a queued outbound message, the turn and its model usage.
   * Returns null when another worker already answered them (nothing is written).
   */
  async commitTurn(t: TurnCommit): Promise<{ turnId: string; replyId: string | null } | null> {
    const turnId = randomUUID();
    try {
      return await this.db.$transaction(async (tx) => {
        const claimed = await tx.message.updateMany({
          where: { tenantId: t.tenantId, conversationId: t.conversationId, id: { in: t.inboundIds }, status: "received" },
          data: { status: "handled", turnId },
        });
        if (claimed.count !== t.inboundIds.length) throw new TurnConflict();
        const conv = await tx.conversation.update({
          where: { id: t.conversationId, tenantId: t.tenantId },
          data: { lastMessageAt: new Date(), ...(t.handoff ? { handoffRequestedAt: new Date() } : {}) },
          select: { channel: true },
        });
        await tx.turn.create({
          data: {
            id: turnId, tenantId: t.tenantId, conversationId: t.conversationId, tier: t.tier, model: t.model,
            latencyMs: t.latencyMs, route: t.route.slice(0, 500), handoff: t.handoff,
          },
        });
        if (t.usage.length) {
          await tx.modelUsage.createMany({
            data: t.usage.map((u) => ({ ...u, costMicros: BigInt(u.costMicros), tenantId: t.tenantId, conversationId: t.conversationId })),
          });
        }
        if (!t.reply) return { turnId, replyId: null };
        const reply = await tx.message.create({
          data: {
            tenantId: t.tenantId, conversationId: t.conversationId, channel: conv.channel, direction: "outbound",
            kind: t.reply.buttons?.length ? "interactive" : "text", text: t.reply.text,
            payload: t.reply.buttons?.length || t.reply.threadId
              ? { ...(t.reply.buttons?.length ? { buttons: t.reply.buttons } : {}), ...(t.reply.threadId ? { threadId: t.reply.threadId } : {}) }
              : Prisma.DbNull,
            status: "queued", idempotencyKey: `reply:${turnId}`, turnId,
          },
          select: { id: true },
        });
        return { turnId, replyId: reply.id };
      });
    } catch (err) {
      if (err instanceof TurnConflict) return null;
      throw err;
    }
  }

  /**
   * Store a message we start (a follow-up, a notification, a relayed reply) as queued.
   * The idempotency key makes a retried caller store it once; returns the row either way.
   */
  async createOutbound(m: {
    tenantId: string; conversationId: string; channel: Channel; text: string; idempotencyKey: string;
    purpose: OutboundPurpose; buttons?: Array<{ id: string; title: string }>; threadId?: string; replyTo?: string;
    handoffId?: string;
  }): Promise<{ id: string; created: boolean }> {
    try {
      const row = await this.db.message.create({
        data: {
          tenantId: m.tenantId, conversationId: m.conversationId, channel: m.channel, direction: "outbound",
          kind: m.buttons?.length ? "interactive" : "text", text: m.text, status: "queued", idempotencyKey: m.idempotencyKey,
          payload: {
            purpose: m.purpose, ...(m.buttons?.length ? { buttons: m.buttons } : {}), ...(m.threadId ? { threadId: m.threadId } : {}),
            ...(m.replyTo ? { replyTo: m.replyTo } : {}), ...(m.handoffId ? { handoffId: m.handoffId } : {}),
          },
        },
        select: { id: true },
      });
      return { id: row.id, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const row = await this.db.message.findUniqueOrThrow({
        where: { tenantId_idempotencyKey: { tenantId: m.tenantId, idempotencyKey: m.idempotencyKey } },
        select: { id: true },
      });
      return { id: row.id, created: false };
    }
  }

  /** Outbound messages of a conversation stored but not yet handed to the provider. */
  async unsent(tenantId: string, conversationId: string): Promise<Array<{ id: string; createdAt: Date }>> {
    return this.db.message.findMany({
      where: { tenantId, conversationId, direction: "outbound", status: { in: ["queued", "sending"] } },
      select: { id: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
  }

  async getOutbound(tenantId: string, messageId: string) {
    return this.db.message.findFirst({
      where: { id: messageId, tenantId, direction: "outbound" },
      select: {
        id: true, conversationId: true, channel: true, text: true, payload: true, status: true, attempts: true,
        updatedAt: true, createdAt: true,
        conversation: { select: { address: true, channelAccountId: true, contactId: true } },
      },
    });
  }

  /**
   * Claim a message for one send attempt: queued → sending, or a `sending` whose previous
   * attempt's outcome stayed unknown for longer than `staleAfterMs`. False if it is not ours
   * to send (already sent, failed, held, or another attempt holds it).
   */
  async markSending(tenantId: string, messageId: string, staleAfterMs: number): Promise<boolean> {
    const r = await this.db.message.updateMany({
      where: {
        id: messageId, tenantId,
        OR: [{ status: "queued" }, { status: "sending", updatedAt: { lt: new Date(Date.now() - staleAfterMs) } }],
      },
      data: { status: "sending", attempts: { increment: 1 } },
    });
    return r.count === 1;
  }

  /** The send's outcome is unknown: leave it `sending` (so a receipt can settle it) and note why. */
  async markUncertain(tenantId: string, messageId: string, reason: string): Promise<void> {
    await this.db.message.updateMany({ where: { id: messageId, tenantId, status: "sending" }, data: { errorReason: reason } });
  }

  /** The provider accepted it. A faster status webhook may already have moved it further: never go back. */
  async markSent(tenantId: string, messageId: string, providerMessageId: string): Promise<void> {
    await this.db.message.updateMany({ where: { id: messageId, tenantId }, data: { providerMessageId } });
    await this.db.message.updateMany({
      where: { id: messageId, tenantId, status: { in: ["queued", "sending"] } },
      data: { status: "sent", sentAt: new Date() },
    });
  }

  /** A transient failure: back to queued so the retry sends it. */
  async markRetry(tenantId: string, messageId: string, code: string | undefined, reason: string): Promise<void> {
    await this.db.message.updateMany({
      where: { id: messageId, tenantId, status: "sending" },
      data: { status: "queued", errorCode: code ?? null, errorReason: reason },
    });
  }

  async markFinal(tenantId: string, messageId: string, status: "failed" | "held", code: string | undefined, reason: string): Promise<void> {
    await this.db.message.updateMany({
      where: { id: messageId, tenantId, status: { in: ["queued", "sending"] } },
      data: { status, errorCode: code ?? null, errorReason: reason, ...(status === "failed" ? { failedAt: new Date() } : {}) },
    });
  }

  /**
   * Apply a delivery receipt. Found by provider id, or by our own id echoed back as
   * callback data (a receipt can beat the send call's response). Stale or out-of-order
   * receipts change nothing. Returns whether the message moved.
   */
  async applyStatus(s: {
    tenantId: string; channel: Channel; providerMessageId: string; status: DeliveryStatus; at: Date;
    error?: { code: string; reason: string }; callbackData?: string;
  }): Promise<boolean> {
    const byOurId = s.callbackData && /^[0-9a-f-]{36}$/.test(s.callbackData) ? { id: s.callbackData } : null;
    const match = byOurId
      ? { OR: [{ providerMessageId: s.providerMessageId }, byOurId] }
      : { providerMessageId: s.providerMessageId };
    const r = await this.db.message.updateMany({
      where: { tenantId: s.tenantId, channel: s.channel, direction: "outbound", status: { in: PREDECESSORS[s.status] }, ...match },
      data: {
        status: s.status, providerMessageId: s.providerMessageId, [STAMP[s.status]]: s.at,
        ...(s.error ? { errorCode: s.error.code, errorReason: s.error.reason } : {}),
      },
    });
    return r.count > 0;
  }

  /** A receipt says the window had closed (WhatsApp 131047): held, to go out when they write again. */
  async holdForWindow(tenantId: string, channel: Channel, providerMessageId: string, reason: string): Promise<boolean> {
    const r = await this.db.message.updateMany({
      where: { tenantId, channel, providerMessageId, direction: "outbound", status: { in: ["queued", "sending", "sent"] } },
      data: { status: "held", errorCode: "window_closed", errorReason: reason },
    });
    return r.count > 0;
  }

  /** An operator replays a send that gave up: failed → queued. */
  async requeue(tenantId: string, messageId: string): Promise<boolean> {
    const r = await this.db.message.updateMany({
      where: { id: messageId, tenantId, direction: "outbound", status: "failed" },
      data: { status: "queued", failedAt: null },
    });
    return r.count === 1;
  }

  /** Outbound messages in a status (what is held or failed is reported, never dropped silently). */
  byStatus(tenantId: string, status: "held" | "failed" | "queued" | "sending", limit: number) {
    return this.db.message.findMany({
      where: { tenantId, direction: "outbound", status },
      select: messageSelect,
      orderBy: { createdAt: "desc" },
      take: limit,
    });
  }

  list(tenantId: string, conversationId: string, opts: { limit: number; before?: Date }) {
    return this.db.message.findMany({
      where: { tenantId, conversationId, ...(opts.before ? { createdAt: { lt: opts.before } } : {}) },
      select: messageSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.limit,
    });
  }
}

class TurnConflict extends Error {}
