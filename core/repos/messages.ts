// Messages: inbound recorded idempotently, turns committed atomically with their reply
// (the outbox row), outbound statuses moved only forward.
import { randomUUID } from "node:crypto";
import type { Db, Sql } from "../db.js";
import type { Channel, MessageStatus, Tier } from "../../prisma/generated/enums.js";
import { Prisma } from "../db.js";
import { NotFoundError } from "../errors.js";
import { isUuid, iso } from "../sql.js";
import { identityAddress } from "./contacts.js";
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
  reply: { text: string; buttons?: Array<{ id: string; title: string }>; threadId?: string; imageUrl?: string } | null;
  tier: Tier;
  model: string;
  latencyMs: number;
  route: string;
  handoff: boolean;
  usage: Array<{ tier: Tier; provider: string; model: string; inputTokens: number; outputTokens: number; costMicros: number }>;
}

/** An outbound message with what sending it needs (outbox). */
export interface OutboundRow {
  id: string;
  conversationId: string;
  channel: Channel;
  text: string | null;
  payload: Prisma.JsonValue | null;
  status: MessageStatus;
  attempts: number;
  updatedAt: Date;
  createdAt: Date;
  conversation: { address: string; channelAccountId: string; contactId: string };
}

const INSERT_INBOUND = `INSERT INTO "Message" (id, "tenantId", "conversationId", channel, direction, kind, text, payload, "providerMessageId",
    status, "idempotencyKey", "providerTimestamp", "createdAt", "senderAddress", "updatedAt")
  VALUES ($1, $2, $3, $4::"Channel", 'inbound', $5, $6, $7::jsonb, $8, 'received', $9, $10::timestamp, $11::timestamp, $12, $13::timestamp)
  ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
  RETURNING id`;

export const messageSelect = {
  id: true, conversationId: true, channel: true, direction: true, kind: true, text: true, status: true,
  providerMessageId: true, errorCode: true, errorReason: true, createdAt: true, sentAt: true, deliveredAt: true,
  readAt: true, failedAt: true, turnId: true,
} as const;

export class MessageRepo {
  /** `sql`: the hot-path statements (core/sql.ts); everything else goes through Prisma. */
  constructor(private readonly db: Db, private readonly sql: Sql) {}

  private inboundValues(m: InboundRecord, key: string, now: Date): unknown[] {
    return [
      randomUUID(), m.tenantId, m.conversationId, m.channel, m.kind, m.text, JSON.stringify(m.payload ?? null), m.providerMessageId,
      key, iso(m.providerTimestamp), iso(m.receivedAt), m.senderAddress, iso(now),
    ];
  }

  private async existingId(tenantId: string, key: string): Promise<string> {
    const row = await this.sql.first<{ id: string }>(`SELECT id FROM "Message" WHERE "tenantId" = $1 AND "idempotencyKey" = $2`, [tenantId, key]);
    if (!row) throw new NotFoundError("message");
    return row.id;
  }

  /** Store an inbound message once; a redelivery returns the existing row with created=false. */
  async recordInbound(m: InboundRecord): Promise<{ id: string; created: boolean }> {
    const key = `in:${m.channel}:${m.providerMessageId}`;
    const row = await this.sql.first<{ id: string }>(INSERT_INBOUND, this.inboundValues(m, key, new Date()));
    if (row) return { id: row.id, created: true };
    return { id: await this.existingId(m.tenantId, key), created: false };
  }

  /**
   * recordInbound + ContactRepo.touchInbound(tenantId, contactId, channel, senderAddress,
   * providerTimestamp) in one statement (one round trip): the message is stored once, the
   * contact's and the identity's lastInboundAt move forward only — also for a redelivery,
   * as the two calls did.
   */
  async recordInboundAndTouch(m: InboundRecord, contactId: string): Promise<{ id: string; created: boolean }> {
    const key = `in:${m.channel}:${m.providerMessageId}`;
    const now = new Date();
    const row = await this.sql.first<{ id: string | null; existing: string | null }>(
      `WITH ins AS (${INSERT_INBOUND}),
       c AS (
         UPDATE "Contact" SET "lastInboundAt" = $10::timestamp, "updatedAt" = $13::timestamp
         WHERE id = $14 AND "tenantId" = $2 AND ("lastInboundAt" IS NULL OR "lastInboundAt" < $10::timestamp)
         RETURNING 1),
       ci AS (
         UPDATE "ContactIdentity" SET "lastInboundAt" = $10::timestamp
         WHERE "tenantId" = $2 AND channel = $4::"Channel" AND address = $15 AND ("lastInboundAt" IS NULL OR "lastInboundAt" < $10::timestamp)
         RETURNING 1)
       SELECT (SELECT id FROM ins) AS id,
              (SELECT id FROM "Message" WHERE "tenantId" = $2 AND "idempotencyKey" = $9) AS existing`,
      [...this.inboundValues(m, key, now), contactId, identityAddress(m.channel, m.senderAddress)],
    );
    if (row?.id) return { id: row.id, created: true };
    // a redelivery: the row committed before this statement began, or (a race) just after
    return { id: row?.existing ?? (await this.existingId(m.tenantId, key)), created: false };
  }

  /** Inbound messages of a conversation not yet answered, oldest first. */
  pending(tenantId: string, conversationId: string): Promise<PendingMessage[]> {
    return this.sql.rows<PendingMessage>(
      `SELECT id, text, "createdAt", "providerMessageId", "senderAddress", payload FROM "Message"
       WHERE "tenantId" = $1 AND "conversationId" = $2 AND direction = 'inbound' AND status = 'received'
       ORDER BY "createdAt" ASC, id ASC`,
      [tenantId, conversationId],
    );
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
    // one statement: select the held replies and move them back to queued
    const rows = await this.sql.rows<{ id: string; createdAt: Date }>(
      `UPDATE "Message" SET status = 'queued', "errorCode" = NULL, "errorReason" = NULL, "updatedAt" = $4::timestamp
       WHERE "tenantId" = $1 AND status = 'held' AND id IN (
         SELECT id FROM "Message"
         WHERE "tenantId" = $1 AND "conversationId" = $2 AND direction = 'outbound' AND status = 'held'
           AND "errorCode" = 'window_closed' AND "createdAt" >= $3::timestamp)
       RETURNING id, "createdAt"`,
      [tenantId, conversationId, iso(new Date(Date.now() - maxAgeMs)), iso(new Date())],
    );
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.id);
  }

  /**
   * Commit a turn atomically: claim its inbound messages (only if still unanswered),
   * store the reply as a queued outbound message, the turn and its model usage.
   * Returns null when another worker already answered them (nothing is written).
   */
  async commitTurn(t: TurnCommit): Promise<{ turnId: string; replyId: string | null } | null> {
    const turnId = randomUUID();
    const now = iso(new Date());
    const replyId = t.reply ? randomUUID() : null;
    const buttons = t.reply?.buttons?.length ? t.reply.buttons : null;
    const payload = t.reply && (buttons || t.reply.threadId || t.reply.imageUrl)
      ? JSON.stringify({ ...(buttons ? { buttons } : {}), ...(t.reply.threadId ? { threadId: t.reply.threadId } : {}), ...(t.reply.imageUrl ? { imageUrl: t.reply.imageUrl } : {}) })
      : null;
    const usage = JSON.stringify(t.usage.map((u) => ({ ...u, id: randomUUID() })));
    // One statement, one round trip, atomic: the inbound rows are locked and counted first;
    // only if every one of them is still unanswered (and the conversation is the tenant's)
    // are they claimed and the turn, its usage and the reply written. A concurrent claim
    // makes the locked re-check drop the row, so the count falls short and nothing is written.
    const row = await this.sql.first<{ ok: boolean; claimed: string }>(
      `WITH target AS (
         SELECT id FROM "Message"
         WHERE "tenantId" = $1::uuid AND "conversationId" = $2::uuid AND id = ANY($4::uuid[]) AND status = 'received'
         FOR UPDATE),
       ok AS (
         SELECT count(*) = $17::int AND EXISTS (SELECT 1 FROM "Conversation" WHERE id = $2::uuid AND "tenantId" = $1::uuid) AS ok
         FROM target),
       claimed AS (
         UPDATE "Message" SET status = 'handled', "turnId" = $3::uuid, "updatedAt" = $5::timestamp
         WHERE id IN (SELECT id FROM target) AND (SELECT ok FROM ok)
         RETURNING id),
       conv AS (
         UPDATE "Conversation" SET "lastMessageAt" = $5::timestamp,
           "handoffRequestedAt" = CASE WHEN $6::boolean THEN $5::timestamp ELSE "handoffRequestedAt" END
         WHERE id = $2::uuid AND "tenantId" = $1::uuid AND (SELECT ok FROM ok)
         RETURNING channel),
       turn AS (
         INSERT INTO "Turn" (id, "tenantId", "conversationId", tier, model, "latencyMs", route, handoff, "createdAt")
         SELECT $3::uuid, $1::uuid, $2::uuid, $7::"Tier", $8::text, $9::int, $10::text, $6::boolean, $5::timestamp FROM conv),
       usage AS (
         INSERT INTO "ModelUsage" (id, "tenantId", "conversationId", tier, provider, model, "inputTokens", "outputTokens", "costMicros", "createdAt")
         SELECT u.id, $1::uuid, $2::uuid, u.tier, u.provider, u.model, u."inputTokens", u."outputTokens", u."costMicros", $5::timestamp
         FROM conv, jsonb_to_recordset($11::jsonb) AS u(id uuid, tier "Tier", provider text, model text, "inputTokens" int, "outputTokens" int, "costMicros" bigint)),
       reply AS (
         INSERT INTO "Message" (id, "tenantId", "conversationId", channel, direction, kind, text, payload, status, "idempotencyKey", "turnId", "createdAt", "updatedAt")
         SELECT $12::uuid, $1::uuid, $2::uuid, conv.channel, 'outbound'::"Direction", $13::text, $14::text, $15::jsonb,
           'queued'::"MessageStatus", $16::text, $3::uuid, $5::timestamp, $5::timestamp
         FROM conv WHERE $12::uuid IS NOT NULL)
       SELECT (SELECT ok FROM ok) AS ok, (SELECT count(*) FROM claimed) AS claimed`,
      [
        t.tenantId, t.conversationId, turnId, t.inboundIds, now, t.handoff, t.tier, t.model, t.latencyMs, t.route.slice(0, 500), usage,
        replyId, buttons ? "interactive" : "text", t.reply?.text ?? null, payload, `reply:${turnId}`, t.inboundIds.length,
      ],
    );
    if (!row?.ok || Number(row.claimed) !== t.inboundIds.length) return null;
    return { turnId, replyId };
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
    return this.sql.rows<{ id: string; createdAt: Date }>(
      `SELECT id, "createdAt" FROM "Message"
       WHERE "tenantId" = $1 AND "conversationId" = $2 AND direction = 'outbound' AND status IN ('queued', 'sending')
       ORDER BY "createdAt" ASC, id ASC`,
      [tenantId, conversationId],
    );
  }

  async getOutbound(tenantId: string, messageId: string): Promise<OutboundRow | null> {
    if (!isUuid(messageId) || !isUuid(tenantId)) return this.getOutboundPrisma(tenantId, messageId);
    const row = await this.sql.first<Omit<OutboundRow, "conversation"> & { address: string; channelAccountId: string; contactId: string }>(
      `SELECT m.id, m."conversationId", m.channel, m.text, m.payload, m.status, m.attempts, m."updatedAt", m."createdAt",
              c.address, c."channelAccountId", c."contactId"
       FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
       WHERE m.id = $1 AND m."tenantId" = $2 AND m.direction = 'outbound'`,
      [messageId, tenantId],
    );
    if (!row) return null;
    const { address, channelAccountId, contactId, ...msg } = row;
    return { ...msg, conversation: { address, channelAccountId, contactId } };
  }

  private getOutboundPrisma(tenantId: string, messageId: string): Promise<OutboundRow | null> {
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
    if (!isUuid(messageId)) return false; // no such row (the Prisma query matched nothing either)
    const now = Date.now();
    const n = await this.sql.count(
      `UPDATE "Message" SET status = 'sending', attempts = attempts + 1, "updatedAt" = $3::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND (status = 'queued' OR (status = 'sending' AND "updatedAt" < $4::timestamp))`,
      [messageId, tenantId, iso(new Date(now)), iso(new Date(now - staleAfterMs))],
    );
    return n === 1;
  }

  /** The send's outcome is unknown: leave it `sending` (so a receipt can settle it) and note why. */
  async markUncertain(tenantId: string, messageId: string, reason: string): Promise<void> {
    await this.db.message.updateMany({ where: { id: messageId, tenantId, status: "sending" }, data: { errorReason: reason } });
  }

  /** The provider accepted it. A faster status webhook may already have moved it further: never go back. */
  async markSent(tenantId: string, messageId: string, providerMessageId: string): Promise<void> {
    if (!isUuid(messageId)) return;
    // one statement: the provider id always; sent (and sentAt) only from queued/sending
    await this.sql.count(
      `UPDATE "Message" SET "providerMessageId" = $3, "updatedAt" = $4::timestamp,
         "sentAt" = CASE WHEN status IN ('queued', 'sending') THEN $4::timestamp ELSE "sentAt" END,
         status = CASE WHEN status IN ('queued', 'sending') THEN 'sent'::"MessageStatus" ELSE status END
       WHERE id = $1 AND "tenantId" = $2`,
      [messageId, tenantId, providerMessageId, iso(new Date())],
    );
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
    if (!s.callbackData || !/^[0-9a-f-]{36}$/.test(s.callbackData) || isUuid(s.callbackData)) {
      const ourId = s.callbackData && /^[0-9a-f-]{36}$/.test(s.callbackData) ? s.callbackData : null;
      const n = await this.sql.count(
        `UPDATE "Message" SET status = $4::"MessageStatus", "providerMessageId" = $3, "${STAMP[s.status]}" = $5::timestamp,
           "errorCode" = CASE WHEN $7::boolean THEN $8 ELSE "errorCode" END,
           "errorReason" = CASE WHEN $7::boolean THEN $9 ELSE "errorReason" END,
           "updatedAt" = $10::timestamp
         WHERE "tenantId" = $1 AND channel = $2::"Channel" AND direction = 'outbound' AND status = ANY($6::"MessageStatus"[])
           AND ("providerMessageId" = $3 OR id = $11::uuid)`,
        [
          s.tenantId, s.channel, s.providerMessageId, s.status, iso(s.at), PREDECESSORS[s.status],
          Boolean(s.error), s.error?.code ?? null, s.error?.reason ?? null, iso(new Date()), ourId,
        ],
      );
      return n > 0;
    }
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

  /** The buttons of the newest outbound message of a conversation, if it had any. */
  async lastButtons(tenantId: string, conversationId: string): Promise<Array<{ id: string; title: string }> | null> {
    const row = await this.db.message.findFirst({
      where: { tenantId, conversationId, direction: "outbound" },
      select: { payload: true },
      orderBy: { createdAt: "desc" },
    });
    const buttons = (row?.payload as { buttons?: Array<{ id: string; title: string }> } | null)?.buttons;
    return buttons?.length ? buttons : null;
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
