// CampaignRepo: every statement on Campaign and CampaignRecipient the runner makes, each
// filtered by tenant. Recipient rows move only through guarded transitions:
//   pending → sending (claim) → sent → delivered → read   |  sending → pending (released: no provider call happened)
//   sending → skipped | failed                            |  pending → cancelled
// The unique (campaignId, contactId) row is the exactly-once guarantee; a claim is one
// UPDATE … WHERE status = 'pending', so two workers can never both hold a row.
import type { Queryable, Sql } from "../../core/sql.js";
import { iso } from "../../core/sql.js";
import type { Channel } from "../../core/repos/tenants.js";

export type CampaignStatus = "draft" | "awaiting_approval" | "scheduled" | "running" | "paused" | "completed" | "cancelled";
export type RecipientStatus = "pending" | "sending" | "sent" | "delivered" | "read" | "failed" | "skipped" | "cancelled";
export const RECIPIENT_STATUSES: RecipientStatus[] = ["pending", "sending", "sent", "delivered", "read", "failed", "skipped", "cancelled"];

/** A failed recipient whose provider call may have happened: it is never sent again, and a later receipt can still settle it. */
export const UNCERTAIN = "uncertain";

export interface CampaignRow {
  id: string;
  tenantId: string;
  channel: Channel;
  status: CampaignStatus;
  version: number;
  audience: unknown;
  scheduledAt: Date | null;
}

/** What a claim returns: the row, the copy to send, and what decides whether it may go now. */
export interface ClaimedRecipient {
  id: string;
  campaignId: string;
  contactId: string;
  channel: Channel;
  address: string;
  attempts: number;
  messageId: string | null;
  body: string;
  templateName: string | null;
  templateLanguage: string | null;
  templateParams: unknown;
  /** The campaign's picture (Creative), if it has one: its public token and type. */
  creativeToken: string | null;
  creativeMime: string | null;
  consent: "unknown" | "opted_in" | "opted_out" | null;
  invalidAt: Date | null;
  lastInboundAt: Date | null;
}

export class CampaignRepo {
  constructor(private readonly sql: Sql) {}

  get(tenantId: string, campaignId: string): Promise<CampaignRow | null> {
    return this.sql.first<CampaignRow>(
      `SELECT id, "tenantId", channel, status, version, audience, "scheduledAt" FROM "Campaign" WHERE id = $1 AND "tenantId" = $2`,
      [campaignId, tenantId],
    );
  }

  /** draft / awaiting_approval / scheduled → scheduled at `at`, version + 1 (an older start job becomes a no-op). */
  schedule(tenantId: string, campaignId: string, at: Date): Promise<{ version: number } | null> {
    return this.sql.first<{ version: number }>(
      `UPDATE "Campaign" SET status = 'scheduled', "scheduledAt" = $3::timestamp, version = version + 1, "approvedAt" = COALESCE("approvedAt", $4::timestamp), "updatedAt" = $4::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND status IN ('draft', 'awaiting_approval', 'scheduled')
       RETURNING version`,
      [campaignId, tenantId, iso(at), iso(new Date())],
    );
  }

  /**
   * Recipient rows for these contacts: one per contact (its first usable identity on the
   * campaign's channel), only contacts of this tenant, never twice (ON CONFLICT). Returns rows added.
   */
  materialize(tenantId: string, campaignId: string, channel: Channel, contactIds: string[], q: Queryable = this.sql): Promise<number> {
    return q.count(
      `INSERT INTO "CampaignRecipient" (id, "tenantId", "campaignId", "contactId", channel, address, status, "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, x."contactId", $3::"Channel", x.address, 'pending', $5::timestamp
       FROM (
         SELECT DISTINCT ON (ci."contactId") ci."contactId", ci.address
         FROM "ContactIdentity" ci JOIN "Contact" c ON c.id = ci."contactId" AND c."tenantId" = $1::uuid
         WHERE ci."tenantId" = $1::uuid AND ci.channel = $3::"Channel" AND ci."contactId" = ANY($4::uuid[]) AND ci."invalidAt" IS NULL
         ORDER BY ci."contactId", ci."createdAt" ASC
       ) x
       WHERE EXISTS (SELECT 1 FROM "Campaign" WHERE id = $2::uuid AND "tenantId" = $1::uuid)
       ON CONFLICT ("campaignId", "contactId") DO NOTHING`,
      [tenantId, campaignId, channel, contactIds, iso(new Date())],
    );
  }

  async countRecipients(tenantId: string, campaignId: string): Promise<number> {
    const row = await this.sql.first<{ n: string }>(
      `SELECT count(*) AS n FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "tenantId" = $2`,
      [campaignId, tenantId],
    );
    return Number(row?.n ?? 0);
  }

  /** scheduled (this version) → running; also sets the audience size. */
  async markRunning(tenantId: string, campaignId: string, version: number): Promise<boolean> {
    const now = iso(new Date());
    return (await this.sql.count(
      `UPDATE "Campaign" SET status = 'running', "startedAt" = COALESCE("startedAt", $4::timestamp), "updatedAt" = $4::timestamp,
         "audienceSize" = (SELECT count(*) FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "tenantId" = $2)
       WHERE id = $1 AND "tenantId" = $2 AND status = 'scheduled' AND version = $3`,
      [campaignId, tenantId, version, now],
    )) === 1;
  }

  /** A guarded campaign transition `from` → `to`; false when the campaign was not in `from`. */
  async transition(tenantId: string, campaignId: string, to: "paused" | "running", from: CampaignStatus): Promise<boolean> {
    const stamp = to === "paused" ? `"pausedAt" = $4::timestamp,` : "";
    return (await this.sql.count(
      `UPDATE "Campaign" SET status = $3::"CampaignStatus", ${stamp} "updatedAt" = $4::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND status = $5::"CampaignStatus"`,
      [campaignId, tenantId, to, iso(new Date()), from],
    )) === 1;
  }

  /** Cancel: the campaign and, in the same statement, every recipient not yet claimed. */
  async cancel(tenantId: string, campaignId: string): Promise<{ cancelled: boolean; recipients: number }> {
    const row = await this.sql.first<{ c: string; r: string }>(
      `WITH c AS (
         UPDATE "Campaign" SET status = 'cancelled', "cancelledAt" = $3::timestamp, "updatedAt" = $3::timestamp
         WHERE id = $1 AND "tenantId" = $2 AND status IN ('draft', 'awaiting_approval', 'scheduled', 'running', 'paused')
         RETURNING id),
       r AS (
         UPDATE "CampaignRecipient" SET status = 'cancelled', "updatedAt" = $3::timestamp
         WHERE "campaignId" IN (SELECT id FROM c) AND "tenantId" = $2 AND status = 'pending'
         RETURNING id)
       SELECT (SELECT count(*) FROM c) AS c, (SELECT count(*) FROM r) AS r`,
      [campaignId, tenantId, iso(new Date())],
    );
    return { cancelled: Number(row?.c) === 1, recipients: Number(row?.r ?? 0) };
  }

  /**
   * pending → sending, only while the campaign runs. Returns the row with the contact's
   * consent, identity state and last inbound time read in the same statement.
   */
  claim(tenantId: string, recipientId: string): Promise<ClaimedRecipient | null> {
    const now = iso(new Date());
    return this.sql.first<ClaimedRecipient>(
      `UPDATE "CampaignRecipient" r SET status = 'sending', "claimedAt" = $3::timestamp, attempts = r.attempts + 1, "updatedAt" = $3::timestamp
       FROM "Campaign" c
       WHERE r.id = $1 AND r."tenantId" = $2 AND r.status = 'pending'
         AND c.id = r."campaignId" AND c."tenantId" = $2 AND c.status = 'running'
       RETURNING r.id, r."campaignId", r."contactId", r.channel, r.address, r.attempts, r."messageId",
         c.body, c."templateName", c."templateLanguage", c."templateParams",
         (SELECT cr.token FROM "Creative" cr WHERE cr.id = c."creativeId" AND cr."tenantId" = $2) AS "creativeToken",
         (SELECT cr."mimeType" FROM "Creative" cr WHERE cr.id = c."creativeId" AND cr."tenantId" = $2) AS "creativeMime",
         (SELECT k.consent FROM "Contact" k WHERE k.id = r."contactId" AND k."tenantId" = $2) AS consent,
         (SELECT ci."invalidAt" FROM "ContactIdentity" ci WHERE ci."tenantId" = $2 AND ci."contactId" = r."contactId" AND ci.channel = r.channel AND ci.address = r.address) AS "invalidAt",
         (SELECT ci."lastInboundAt" FROM "ContactIdentity" ci WHERE ci."tenantId" = $2 AND ci."contactId" = r."contactId" AND ci.channel = r.channel AND ci.address = r.address) AS "lastInboundAt"`,
      [recipientId, tenantId, now],
    );
  }

  /** Why a claimed row will not be sent (opted out, invalid address, window): sending → skipped. */
  async skip(tenantId: string, recipientId: string, reason: string): Promise<void> {
    await this.sql.count(
      `UPDATE "CampaignRecipient" SET status = 'skipped', reason = $3, "updatedAt" = $4::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND status = 'sending'`,
      [recipientId, tenantId, reason, iso(new Date())],
    );
  }

  /**
   * In one statement: the contact's conversation on this account (created if new), our
   * outbound Message for this recipient (idempotency key `campaign:<campaignId>:<contactId>`,
   * created as `sending`, or an earlier attempt's moved queued → sending), and the row
   * naming it. From here on the provider call may happen. `claimed` false: the Message had
   * already left `queued` (an earlier attempt got further) — the caller settles from its
   * state instead. `messageId` null: the conversation insert lost a race (call again).
   */
  async prepareMessage(m: {
    tenantId: string; recipientId: string; campaignId: string; contactId: string; accountId: string; channel: Channel;
    key: string; text: string;
  }): Promise<{ messageId: string | null; claimed: boolean }> {
    const now = iso(new Date());
    const row = await this.sql.first<{ messageId: string | null; created: string; moved: string; attached: string }>(
      `WITH conv_new AS (
         INSERT INTO "Conversation" (id, "tenantId", "contactId", "channelAccountId", channel, key, address, "lastMessageAt", "createdAt")
         SELECT gen_random_uuid(), $1::uuid, $4::uuid, $5::uuid, $6::"Channel", $7, $7, $9::timestamp, $9::timestamp
         WHERE EXISTS (SELECT 1 FROM "CampaignRecipient" WHERE id = $2::uuid AND "tenantId" = $1::uuid AND status = 'sending')
         ON CONFLICT ("tenantId", "channelAccountId", key) DO NOTHING
         RETURNING id),
       conv AS (
         SELECT id FROM conv_new
         UNION ALL
         SELECT id FROM "Conversation" WHERE "tenantId" = $1::uuid AND "channelAccountId" = $5::uuid AND key = $7
         LIMIT 1),
       existing AS (
         SELECT id, status FROM "Message" WHERE "tenantId" = $1::uuid AND "idempotencyKey" = $10),
       created AS (
         INSERT INTO "Message" (id, "tenantId", "conversationId", channel, direction, kind, text, payload, status, "idempotencyKey", attempts, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, conv.id, $6::"Channel", 'outbound', 'text', $8, $11::jsonb, 'sending', $10, 1, $9::timestamp, $9::timestamp
         FROM conv WHERE NOT EXISTS (SELECT 1 FROM existing)
         ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
         RETURNING id),
       moved AS (
         UPDATE "Message" SET status = 'sending', attempts = attempts + 1, "updatedAt" = $9::timestamp
         WHERE id = (SELECT id FROM existing) AND "tenantId" = $1::uuid AND status = 'queued'
         RETURNING id),
       target AS (SELECT id FROM created UNION ALL SELECT id FROM existing LIMIT 1),
       attached AS (
         UPDATE "CampaignRecipient" SET "messageId" = (SELECT id FROM target), "updatedAt" = $9::timestamp
         WHERE id = $2::uuid AND "tenantId" = $1::uuid AND "campaignId" = $3::uuid AND status = 'sending' AND EXISTS (SELECT 1 FROM target)
         RETURNING id)
       SELECT (SELECT id FROM target) AS "messageId", (SELECT count(*) FROM created) AS created,
              (SELECT count(*) FROM moved) AS moved, (SELECT count(*) FROM attached) AS attached`,
      [m.tenantId, m.recipientId, m.campaignId, m.contactId, m.accountId, m.channel, m.key, m.text, now,
        `campaign:${m.campaignId}:${m.contactId}`, JSON.stringify({ purpose: "marketing", campaignId: m.campaignId })],
    );
    if (!row?.messageId || Number(row.attached) !== 1) return { messageId: null, claimed: false };
    return { messageId: row.messageId, claimed: Number(row.created) === 1 || Number(row.moved) === 1 };
  }

  messageState(tenantId: string, messageId: string): Promise<{ status: string; providerMessageId: string | null } | null> {
    return this.sql.first(`SELECT status, "providerMessageId" FROM "Message" WHERE id = $1 AND "tenantId" = $2`, [messageId, tenantId]);
  }

  /** The provider accepted it: the Message (forward only) and the recipient, in one statement. */
  async markSent(tenantId: string, recipientId: string, messageId: string, providerMessageId: string): Promise<void> {
    await this.sql.count(
      `WITH m AS (
         UPDATE "Message" SET "providerMessageId" = $4, "updatedAt" = $5::timestamp,
           "sentAt" = CASE WHEN status IN ('queued', 'sending') THEN $5::timestamp ELSE "sentAt" END,
           status = CASE WHEN status IN ('queued', 'sending') THEN 'sent'::"MessageStatus" ELSE status END
         WHERE id = $3::uuid AND "tenantId" = $2
         RETURNING id)
       UPDATE "CampaignRecipient" SET status = 'sent', "providerMessageId" = $4, "sentAt" = $5::timestamp, reason = NULL, "updatedAt" = $5::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND (status = 'sending' OR (status = 'failed' AND reason LIKE '${UNCERTAIN}%'))`,
      [recipientId, tenantId, messageId, providerMessageId, iso(new Date())],
    );
  }

  /** A final failure: the recipient and its Message (if any). */
  async markFailed(tenantId: string, recipientId: string, messageId: string | null, code: string, reason: string): Promise<void> {
    const now = iso(new Date());
    await this.sql.count(
      `WITH m AS (
         UPDATE "Message" SET status = 'failed', "errorCode" = $4, "errorReason" = $5, "failedAt" = $6::timestamp, "updatedAt" = $6::timestamp
         WHERE id = $3::uuid AND "tenantId" = $2 AND status IN ('queued', 'sending')
         RETURNING id)
       UPDATE "CampaignRecipient" SET status = 'failed', reason = $7, "failedAt" = $6::timestamp, "updatedAt" = $6::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND status = 'sending'`,
      [recipientId, tenantId, messageId, code, reason.slice(0, 500), now, `${code}: ${reason}`.slice(0, 500)],
    );
  }

  /**
   * Nothing was accepted (a rate limit, a 5xx, no send slot): sending → pending, the Message
   * back to queued — or, when the campaign was cancelled meanwhile, the row → cancelled and
   * its Message → failed ("cancelled"). `refund`: the claim does not count as an attempt.
   */
  async release(tenantId: string, recipientId: string, messageId: string | null, reason: string, refund: boolean): Promise<void> {
    const now = iso(new Date());
    await this.sql.count(
      `WITH gone AS (
         SELECT EXISTS (
           SELECT 1 FROM "CampaignRecipient" r JOIN "Campaign" c ON c.id = r."campaignId" AND c."tenantId" = $2
           WHERE r.id = $1 AND r."tenantId" = $2 AND c.status = 'cancelled') AS cancelled),
       m AS (
         UPDATE "Message" SET "updatedAt" = $5::timestamp,
           status = CASE WHEN (SELECT cancelled FROM gone) THEN 'failed'::"MessageStatus" ELSE 'queued'::"MessageStatus" END,
           "errorCode" = CASE WHEN (SELECT cancelled FROM gone) THEN 'cancelled' ELSE "errorCode" END,
           "errorReason" = CASE WHEN (SELECT cancelled FROM gone) THEN 'the campaign was cancelled' ELSE $4 END,
           "failedAt" = CASE WHEN (SELECT cancelled FROM gone) THEN $5::timestamp ELSE "failedAt" END
         WHERE id = $3::uuid AND "tenantId" = $2 AND status = 'sending'
         RETURNING id)
       UPDATE "CampaignRecipient" SET "claimedAt" = NULL, reason = $4, "updatedAt" = $5::timestamp,
         status = CASE WHEN (SELECT cancelled FROM gone) THEN 'cancelled'::"RecipientStatus" ELSE 'pending'::"RecipientStatus" END,
         attempts = CASE WHEN $6::boolean THEN GREATEST(0, attempts - 1) ELSE attempts END
       WHERE id = $1 AND "tenantId" = $2 AND status = 'sending'`,
      [recipientId, tenantId, messageId, reason.slice(0, 500), now, refund],
    );
  }

  /**
   * Rows whose worker died (claimed longer than `leaseMs` ago and still `sending`):
   * - no Message, or a Message still `queued`: the provider was never called → pending again
   *   (or failed once `maxAttempts` claims were used);
   * - a Message the provider settled (a receipt moved it): followed by `syncStatuses`;
   * - a Message still `sending` (the call may have reached the provider) with no receipt for
   *   `uncertainAfterMs`: if receipts are flowing for this campaign — a message of it sent
   *   after this row was claimed already has its delivery receipt — the silence means the
   *   provider never accepted this one: pending again, its Message back to queued (same row,
   *   same idempotency key). Without that evidence it is failed "uncertain", never resent.
   */
  async reconcile(tenantId: string, campaignId: string, leaseMs: number, uncertainAfterMs: number, maxAttempts: number) {
    const now = Date.now();
    const row = await this.sql.first<{ released: string; resent: string; exhausted: string; uncertain: string }>(
      `WITH stale AS (
         SELECT r.id, r.attempts, r."messageId", m.status AS mstatus, m."updatedAt" AS mupdated,
           (m.status = 'sending' AND EXISTS (
              SELECT 1 FROM "CampaignRecipient" r2 JOIN "Message" m2 ON m2.id = r2."messageId" AND m2."tenantId" = $2
              WHERE r2."campaignId" = $1 AND r2."tenantId" = $2 AND r2.status IN ('sent', 'delivered', 'read')
                AND (m2."deliveredAt" IS NOT NULL OR m2."readAt" IS NOT NULL) AND m2."sentAt" > r."claimedAt")) AS flowing
         FROM "CampaignRecipient" r LEFT JOIN "Message" m ON m.id = r."messageId" AND m."tenantId" = $2
         WHERE r."campaignId" = $1 AND r."tenantId" = $2 AND r.status = 'sending' AND r."claimedAt" < $3::timestamp
         FOR UPDATE OF r SKIP LOCKED),
       never AS (
         SELECT * FROM stale WHERE mstatus IS NULL OR mstatus = 'queued'
         UNION ALL
         SELECT * FROM stale WHERE mstatus = 'sending' AND mupdated < $4::timestamp AND flowing),
       gone AS (
         SELECT EXISTS (SELECT 1 FROM "Campaign" WHERE id = $1 AND "tenantId" = $2 AND status = 'cancelled') AS cancelled),
       released AS (
         UPDATE "CampaignRecipient" r SET "claimedAt" = NULL, "updatedAt" = $5::timestamp,
           status = CASE WHEN (SELECT cancelled FROM gone) THEN 'cancelled'::"RecipientStatus" ELSE 'pending'::"RecipientStatus" END
         FROM never s WHERE r.id = s.id AND r.status = 'sending' AND s.attempts < $6
         RETURNING r.id),
       requeued AS (
         UPDATE "Message" m SET "updatedAt" = $5::timestamp,
           status = CASE WHEN (SELECT cancelled FROM gone) THEN 'failed'::"MessageStatus" ELSE 'queued'::"MessageStatus" END,
           "errorReason" = CASE WHEN (SELECT cancelled FROM gone) THEN 'the campaign was cancelled'
             ELSE 'no receipt after the worker stopped mid-call: not accepted, sent again' END
         FROM never s WHERE m.id = s."messageId" AND m."tenantId" = $2 AND m.status = 'sending' AND s.attempts < $6
         RETURNING m.id),
       exhausted AS (
         UPDATE "CampaignRecipient" r SET status = 'failed', reason = 'gave up: no attempt finished', "failedAt" = $5::timestamp, "updatedAt" = $5::timestamp
         FROM never s WHERE r.id = s.id AND r.status = 'sending' AND s.attempts >= $6
         RETURNING r.id),
       uncertain AS (
         UPDATE "CampaignRecipient" r SET status = 'failed', "failedAt" = $5::timestamp, "updatedAt" = $5::timestamp,
           reason = '${UNCERTAIN}: the worker stopped during the provider call and no receipt came; not sent again'
         FROM stale s WHERE r.id = s.id AND r.status = 'sending' AND s.mstatus = 'sending' AND s.mupdated < $4::timestamp AND NOT s.flowing
         RETURNING r.id)
       SELECT (SELECT count(*) FROM released) AS released, (SELECT count(*) FROM requeued) AS resent,
              (SELECT count(*) FROM exhausted) AS exhausted, (SELECT count(*) FROM uncertain) AS uncertain`,
      [campaignId, tenantId, iso(new Date(now - leaseMs)), iso(new Date(now - uncertainAfterMs)), iso(new Date(now)), maxAttempts],
    );
    return {
      released: Number(row?.released ?? 0), resent: Number(row?.resent ?? 0),
      exhausted: Number(row?.exhausted ?? 0), uncertain: Number(row?.uncertain ?? 0),
    };
  }

  /**
   * The recipient follows its Message (moved by the status webhooks): sent < delivered < read;
   * failed replaces sending/sent; a failed-uncertain row may still become sent/delivered/read.
   */
  syncStatuses(tenantId: string, campaignId: string): Promise<number> {
    return this.sql.count(
      `UPDATE "CampaignRecipient" r SET status = m.status::text::"RecipientStatus", "updatedAt" = $3::timestamp,
         "providerMessageId" = COALESCE(m."providerMessageId", r."providerMessageId"),
         "sentAt" = COALESCE(r."sentAt", m."sentAt", CASE WHEN m.status <> 'failed' THEN $3::timestamp END),
         "deliveredAt" = COALESCE(m."deliveredAt", r."deliveredAt"),
         "readAt" = COALESCE(m."readAt", r."readAt"),
         "failedAt" = CASE WHEN m.status = 'failed' THEN COALESCE(m."failedAt", $3::timestamp) ELSE NULL END,
         reason = CASE WHEN m.status = 'failed' THEN left(COALESCE(m."errorCode" || ': ', '') || COALESCE(m."errorReason", 'failed'), 500) ELSE NULL END
       FROM "Message" m
       WHERE r."campaignId" = $1 AND r."tenantId" = $2 AND r."messageId" IS NOT NULL
         AND r.status IN ('sending', 'sent', 'delivered', 'failed')
         AND m.id = r."messageId" AND m."tenantId" = $2
         AND (
           (m.status = 'sent' AND (r.status = 'sending' OR (r.status = 'failed' AND r.reason LIKE '${UNCERTAIN}%')))
           OR (m.status = 'delivered' AND (r.status IN ('sending', 'sent') OR (r.status = 'failed' AND r.reason LIKE '${UNCERTAIN}%')))
           OR (m.status = 'read' AND (r.status IN ('sending', 'sent', 'delivered') OR (r.status = 'failed' AND r.reason LIKE '${UNCERTAIN}%')))
           OR (m.status = 'failed' AND r.status IN ('sending', 'sent'))
         )`,
      [campaignId, tenantId, iso(new Date())],
    );
  }

  /** Pending rows after `afterId` (the feed's cursor), in id order. */
  pendingAfter(tenantId: string, campaignId: string, afterId: string | null, limit: number): Promise<Array<{ id: string; attempts: number }>> {
    return this.sql.rows(
      `SELECT id, attempts FROM "CampaignRecipient"
       WHERE "campaignId" = $1 AND "tenantId" = $2 AND status = 'pending' AND ($3::uuid IS NULL OR id > $3::uuid)
       ORDER BY id LIMIT $4`,
      [campaignId, tenantId, afterId, limit],
    );
  }

  /** running → completed once no row is pending or sending. */
  async hasSending(tenantId: string, campaignId: string): Promise<boolean> {
    return Boolean(await this.sql.first(
      `SELECT 1 FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "tenantId" = $2 AND status = 'sending' LIMIT 1`,
      [campaignId, tenantId],
    ));
  }

  async completeIfDone(tenantId: string, campaignId: string): Promise<boolean> {
    return (await this.sql.count(
      `UPDATE "Campaign" SET status = 'completed', "completedAt" = $3::timestamp, "updatedAt" = $3::timestamp
       WHERE id = $1 AND "tenantId" = $2 AND status = 'running'
         AND NOT EXISTS (SELECT 1 FROM "CampaignRecipient" WHERE "campaignId" = $1 AND status IN ('pending', 'sending'))`,
      [campaignId, tenantId, iso(new Date())],
    )) === 1;
  }

  async counts(tenantId: string, campaignId: string): Promise<Record<RecipientStatus, number>> {
    const rows = await this.sql.rows<{ status: RecipientStatus; n: string }>(
      `SELECT status, count(*) AS n FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "tenantId" = $2 GROUP BY status`,
      [campaignId, tenantId],
    );
    const out = Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<RecipientStatus, number>;
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  async uncertainCount(tenantId: string, campaignId: string): Promise<number> {
    const row = await this.sql.first<{ n: string }>(
      `SELECT count(*) AS n FROM "CampaignRecipient" WHERE "campaignId" = $1 AND "tenantId" = $2 AND status = 'failed' AND reason LIKE '${UNCERTAIN}%'`,
      [campaignId, tenantId],
    );
    return Number(row?.n ?? 0);
  }

  /** Campaigns the sweep looks after: running/paused (ticks), scheduled (start jobs), recently completed (receipts). */
  active(followSince: Date): Promise<Array<{ id: string; tenantId: string; status: CampaignStatus; version: number; scheduledAt: Date | null }>> {
    return this.sql.rows(
      `SELECT id, "tenantId", status, version, "scheduledAt" FROM "Campaign"
       WHERE status IN ('scheduled', 'running', 'paused') OR (status = 'completed' AND "completedAt" > $1::timestamp)`,
      [iso(followSince)],
    );
  }
}
