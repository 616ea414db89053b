// The only SQL on IntegrationAccount (payment kinds), Payment and PaymentEvent, plus the two
// guarded Booking updates a payment makes. Raw SQL (core/sql.ts); every statement filters by
// tenant. Credentials are AES-256-GCM ciphertext bound to (tenant, kind).
import { randomUUID } from "node:crypto";
import { decrypt, encrypt } from "../crypto.js";
import { isPgUniqueViolation, iso, isUuid, type Queryable, type Sql } from "../sql.js";
import type { PaymentRow, PaymentStatus, ProviderKind } from "./types.js";
import type { Transition } from "./transition.js";

/** What a payment integration stores: the API secret, and the webhook signing secret. */
export interface PaymentCredentials {
  /** Stripe: sk_… ; Razorpay: key id (rzp_…) */
  keyId?: string;
  secretKey: string;
  webhookSecret: string;
}

export interface IntegrationRow {
  id: string;
  tenantId: string;
  kind: ProviderKind;
  externalId: string | null;
  active: boolean;
}

const aad = (tenantId: string, kind: string) => `${tenantId}|integration|${kind}`;

const PAYMENT_COLUMNS = `id, "tenantId", "contactId", "bookingId", provider, "providerRef", "providerPaymentId", url,
  "amountMinor", currency, status, "idempotencyKey", description, "expiresAt", "paidAt", "refundedMinor", "lastEventAt", "createdAt"`;

export interface BookingForPayment {
  id: string;
  contactId: string;
  status: string;
  startsAt: Date;
  priceMinor: number | null;
  currency: string | null;
  serviceName: string;
  conversationId: string | null;
  channel: string | null;
  holdExpiresAt: Date | null;
}

export class PaymentRepo {
  constructor(private readonly sql: Sql, private readonly credentialsKey: Buffer) {}

  // ── integrations ──────────────────────────────────────────────────────────
  async upsertIntegration(tenantId: string, kind: ProviderKind, externalId: string | null, credentials: PaymentCredentials): Promise<IntegrationRow> {
    const enc = encrypt(this.credentialsKey, JSON.stringify(credentials), aad(tenantId, kind));
    const row = await this.sql.first<IntegrationRow>(
      `INSERT INTO "IntegrationAccount" (id, "tenantId", kind, "externalId", "credentialsEnc", active, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, true, now(), now())
       ON CONFLICT ("tenantId", kind) DO UPDATE SET "externalId" = EXCLUDED."externalId", "credentialsEnc" = EXCLUDED."credentialsEnc",
         active = true, "updatedAt" = now()
       RETURNING id, "tenantId", kind, "externalId", active`,
      [randomUUID(), tenantId, kind, externalId, enc],
    );
    return row!;
  }

  /** Turn the other payment kind off: one active payment provider per tenant. */
  async deactivateOthers(tenantId: string, kind: ProviderKind): Promise<void> {
    await this.sql.count(
      `UPDATE "IntegrationAccount" SET active = false, "updatedAt" = now() WHERE "tenantId" = $1 AND kind IN ('stripe', 'razorpay') AND kind <> $2`,
      [tenantId, kind],
    );
  }

  async deactivate(tenantId: string, kind: ProviderKind): Promise<boolean> {
    return (await this.sql.count(`UPDATE "IntegrationAccount" SET active = false, "updatedAt" = now() WHERE "tenantId" = $1 AND kind = $2`, [tenantId, kind])) > 0;
  }

  /** The tenant's active payment integration (most recently updated wins), with its decrypted credentials. */
  async activeIntegration(tenantId: string): Promise<(IntegrationRow & { credentials: PaymentCredentials }) | null> {
    const row = await this.sql.first<IntegrationRow & { credentialsEnc: Buffer }>(
      `SELECT id, "tenantId", kind, "externalId", active, "credentialsEnc" FROM "IntegrationAccount"
       WHERE "tenantId" = $1 AND kind IN ('stripe', 'razorpay') AND active ORDER BY "updatedAt" DESC LIMIT 1`,
      [tenantId],
    );
    return row ? this.open(row) : null;
  }

  /** An integration by its id (the webhook path), whatever tenant: the caller checks the kind. */
  async integrationById(id: string): Promise<(IntegrationRow & { credentials: PaymentCredentials }) | null> {
    if (!isUuid(id)) return null;
    const row = await this.sql.first<IntegrationRow & { credentialsEnc: Buffer }>(
      `SELECT id, "tenantId", kind, "externalId", active, "credentialsEnc" FROM "IntegrationAccount" WHERE id = $1 AND kind IN ('stripe', 'razorpay')`,
      [id],
    );
    return row ? this.open(row) : null;
  }

  private open(row: IntegrationRow & { credentialsEnc: Buffer }): IntegrationRow & { credentials: PaymentCredentials } {
    const { credentialsEnc, ...rest } = row;
    const credentials = JSON.parse(decrypt(this.credentialsKey, credentialsEnc, aad(row.tenantId, row.kind))) as PaymentCredentials;
    return { ...rest, credentials };
  }

  // ── payments ──────────────────────────────────────────────────────────────
  /** Insert the row first (status created); a second insert with the same key returns the first row. */
  async insertOrGet(p: {
    tenantId: string; contactId: string; bookingId: string | null; provider: ProviderKind; amountMinor: number; currency: string;
    idempotencyKey: string; description: string | null; expiresAt: Date;
  }): Promise<{ payment: PaymentRow; created: boolean }> {
    try {
      const row = await this.sql.first<PaymentRow>(
        `INSERT INTO "Payment" (id, "tenantId", "contactId", "bookingId", provider, "amountMinor", currency, status, "idempotencyKey", description, "expiresAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'created', $8, $9, $10::timestamp, now(), now())
         ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING
         RETURNING ${PAYMENT_COLUMNS}`,
        [randomUUID(), p.tenantId, p.contactId, p.bookingId, p.provider, p.amountMinor, p.currency, p.idempotencyKey, p.description, iso(p.expiresAt)],
      );
      if (row) return { payment: row, created: true };
    } catch (err) {
      if (!isPgUniqueViolation(err)) throw err;
    }
    const existing = await this.byKey(p.tenantId, p.idempotencyKey);
    if (!existing) throw new Error("payment idempotency key vanished");
    return { payment: existing, created: false };
  }

  byKey(tenantId: string, key: string): Promise<PaymentRow | null> {
    return this.sql.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND "idempotencyKey" = $2`, [tenantId, key]);
  }

  get(tenantId: string, id: string): Promise<PaymentRow | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.sql.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND id = $2`, [tenantId, id]);
  }

  /** The link the provider made: pending from now on. Only a row still `created` moves. */
  async setLink(tenantId: string, id: string, link: { providerRef: string; url: string; expiresAt: Date | null }): Promise<PaymentRow | null> {
    return this.sql.first<PaymentRow>(
      `UPDATE "Payment" SET "providerRef" = $3, url = $4, "expiresAt" = COALESCE($5::timestamp, "expiresAt"), status = 'pending', "updatedAt" = now()
       WHERE "tenantId" = $1 AND id = $2 AND status = 'created'
       RETURNING ${PAYMENT_COLUMNS}`,
      [tenantId, id, link.providerRef, link.url, link.expiresAt ? iso(link.expiresAt) : null],
    );
  }

  list(tenantId: string, opts: { contactId?: string; bookingId?: string; limit?: number } = {}): Promise<PaymentRow[]> {
    return this.sql.rows<PaymentRow>(
      `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1
         AND ($2::uuid IS NULL OR "contactId" = $2::uuid) AND ($3::uuid IS NULL OR "bookingId" = $3::uuid)
       ORDER BY "createdAt" DESC LIMIT $4`,
      [tenantId, opts.contactId ?? null, opts.bookingId ?? null, Math.min(opts.limit ?? 50, 200)],
    );
  }

  /** Guarded: paid → refund_requested (the approved refund is being made). */
  async markRefundRequested(tenantId: string, id: string): Promise<boolean> {
    return (await this.sql.count(
      `UPDATE "Payment" SET status = 'refund_requested', "updatedAt" = now() WHERE "tenantId" = $1 AND id = $2 AND status IN ('paid', 'refund_requested')`,
      [tenantId, id],
    )) > 0;
  }

  /** The provider answered that the refund is done. */
  async markRefunded(tenantId: string, id: string, refundedMinor: number): Promise<PaymentRow | null> {
    return this.sql.first<PaymentRow>(
      `UPDATE "Payment" SET status = CASE WHEN $3 >= "amountMinor" THEN 'refunded'::"PaymentStatus" ELSE status END,
         "refundedMinor" = GREATEST("refundedMinor", LEAST($3, "amountMinor")), "updatedAt" = now()
       WHERE "tenantId" = $1 AND id = $2 AND status IN ('paid', 'refund_requested', 'refunded')
       RETURNING ${PAYMENT_COLUMNS}`,
      [tenantId, id, refundedMinor],
    );
  }

  // ── bookings (read, and the guarded confirm) ──────────────────────────────
  booking(tenantId: string, bookingId: string, contactId?: string): Promise<BookingForPayment | null> {
    if (!isUuid(bookingId)) return Promise.resolve(null);
    return this.sql.first<BookingForPayment>(
      `SELECT b.id, b."contactId", b.status::text AS status, b."startsAt", COALESCE(b."priceMinor", s."priceMinor") AS "priceMinor",
              COALESCE(b.currency, s.currency) AS currency, s.name AS "serviceName", b."conversationId", b.channel::text AS channel, b."holdExpiresAt"
       FROM "Booking" b JOIN "Service" s ON s."tenantId" = b."tenantId" AND s.id = b."serviceId"
       WHERE b."tenantId" = $1 AND b.id = $2 AND ($3::uuid IS NULL OR b."contactId" = $3::uuid)`,
      [tenantId, bookingId, contactId ?? null],
    );
  }

  /** The contact's bookings waiting for payment, soonest first (held, or confirmed but unpaid with a price). */
  unpaidBookings(tenantId: string, contactId: string): Promise<BookingForPayment[]> {
    return this.sql.rows<BookingForPayment>(
      `SELECT b.id, b."contactId", b.status::text AS status, b."startsAt", COALESCE(b."priceMinor", s."priceMinor") AS "priceMinor",
              COALESCE(b.currency, s.currency) AS currency, s.name AS "serviceName", b."conversationId", b.channel::text AS channel, b."holdExpiresAt"
       FROM "Booking" b JOIN "Service" s ON s."tenantId" = b."tenantId" AND s.id = b."serviceId"
       WHERE b."tenantId" = $1 AND b."contactId" = $2 AND b.status = 'held' AND b."startsAt" > now()
       ORDER BY b."startsAt" LIMIT 5`,
      [tenantId, contactId],
    );
  }

  contactExists(tenantId: string, contactId: string): Promise<boolean> {
    if (!isUuid(contactId)) return Promise.resolve(false);
    return this.sql.first<{ id: string }>(`SELECT id FROM "Contact" WHERE "tenantId" = $1 AND id = $2`, [tenantId, contactId]).then((r) => !!r);
  }

  /** Contacts whose name contains `query` (owners naming a customer). */
  findContacts(tenantId: string, query: string): Promise<Array<{ id: string; displayName: string | null }>> {
    return this.sql.rows(
      `SELECT id, "displayName" FROM "Contact" WHERE "tenantId" = $1 AND "displayName" ILIKE '%' || $2 || '%' ORDER BY "updatedAt" DESC LIMIT 5`,
      [tenantId, query.replace(/[%_\\]/g, (c) => `\\${c}`)],
    );
  }

  /** Where to tell a contact something: the booking's conversation, else their latest non-voice one. */
  contactTarget(tenantId: string, contactId: string, conversationId: string | null): Promise<{ channel: string; address: string; displayName: string | null } | null> {
    return this.sql.first(
      `SELECT CASE WHEN c.channel = 'voice' THEN 'sms' ELSE c.channel::text END AS channel, c.address, ct."displayName"
       FROM "Conversation" c JOIN "Contact" ct ON ct.id = c."contactId" AND ct."tenantId" = c."tenantId"
       WHERE c."tenantId" = $1 AND c."contactId" = $2
       ORDER BY (c.id = $3::uuid) DESC NULLS LAST, c."lastMessageAt" DESC LIMIT 1`,
      [tenantId, contactId, conversationId && isUuid(conversationId) ? conversationId : null],
    );
  }

  // ── events ────────────────────────────────────────────────────────────────
  /**
   * Store a verified event and apply it in one transaction with the payment row locked.
   * A second delivery of the same (provider, eventId) inserts nothing: `duplicate`.
   */
  async recordAndApply(
    tenantId: string,
    ev: { provider: ProviderKind; eventId: string; type: string; occurredAt: Date; payload: unknown },
    locate: { paymentId: string | null; providerRef: string | null; providerPaymentId: string | null },
    decide: (p: PaymentRow) => Transition | null,
  ): Promise<{ duplicate: boolean; payment: PaymentRow | null; changed: PaymentStatus | null; booking: ApplyBooking }> {
    return this.sql.tx(async (q) => {
      const inserted = await q.first<{ id: string }>(
        `INSERT INTO "PaymentEvent" (id, "tenantId", provider, "eventId", type, "occurredAt", payload, "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6::timestamp, $7::jsonb, now())
         ON CONFLICT (provider, "eventId") DO NOTHING RETURNING id`,
        [randomUUID(), tenantId, ev.provider, ev.eventId, ev.type, iso(ev.occurredAt), JSON.stringify(ev.payload ?? null)],
      );
      if (!inserted) {
        const prior = await q.first<{ paymentId: string | null }>(
          `SELECT "paymentId" FROM "PaymentEvent" WHERE provider = $1 AND "eventId" = $2 AND "tenantId" = $3`, [ev.provider, ev.eventId, tenantId]);
        const payment = prior?.paymentId ? await q.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND id = $2`, [tenantId, prior.paymentId]) : null;
        return { duplicate: true, payment, changed: null, booking: null };
      }
      const payment = await lockPayment(q, tenantId, ev.provider, locate);
      if (!payment) {
        await q.count(`UPDATE "PaymentEvent" SET "appliedAt" = now() WHERE id = $1`, [inserted.id]);
        return { duplicate: false, payment: null, changed: null, booking: null };
      }
      const t = decide(payment);
      let updated = payment;
      let booking: ApplyBooking = null;
      if (t) {
        updated = (await q.first<PaymentRow>(
          `UPDATE "Payment" SET status = $3::"PaymentStatus", "refundedMinor" = COALESCE($4, "refundedMinor"),
             "providerPaymentId" = COALESCE($5, "providerPaymentId"), "lastEventAt" = $6::timestamp,
             "paidAt" = CASE WHEN $3 = 'paid' THEN COALESCE("paidAt", now()) ELSE "paidAt" END, "updatedAt" = now()
           WHERE "tenantId" = $1 AND id = $2 RETURNING ${PAYMENT_COLUMNS}`,
          [tenantId, payment.id, t.status, t.refundedMinor ?? null, t.providerPaymentId ?? null, iso(ev.occurredAt)],
        ))!;
        if (t.status === "paid" && payment.status !== "paid" && payment.bookingId) booking = await confirmBooking(q, tenantId, payment.bookingId);
      }
      await q.count(`UPDATE "PaymentEvent" SET "appliedAt" = now(), "paymentId" = $2 WHERE id = $1`, [inserted.id, payment.id]);
      return { duplicate: false, payment: updated, changed: t && t.status !== payment.status ? t.status : null, booking };
    });
  }
}

export type ApplyBooking = "confirmed" | "already_confirmed" | "slot_taken" | "not_live" | null;

async function lockPayment(
  q: Queryable, tenantId: string, provider: ProviderKind,
  l: { paymentId: string | null; providerRef: string | null; providerPaymentId: string | null },
): Promise<PaymentRow | null> {
  if (l.paymentId && isUuid(l.paymentId)) {
    const p = await q.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND id = $2 AND provider = $3 FOR UPDATE`, [tenantId, l.paymentId, provider]);
    if (p) return p;
  }
  if (l.providerRef) {
    const p = await q.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND provider = $2 AND "providerRef" = $3 FOR UPDATE`, [tenantId, provider, l.providerRef]);
    if (p) return p;
  }
  if (l.providerPaymentId) {
    return q.first<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "tenantId" = $1 AND provider = $2 AND "providerPaymentId" = $3 FOR UPDATE`, [tenantId, provider, l.providerPaymentId]);
  }
  return null;
}

/**
 * A paid booking: held → confirmed. A hold that already expired is re-confirmed only if the
 * slot is still free — the exclusion constraint decides (23P01 → slot_taken, never a double booking).
 */
async function confirmBooking(q: Queryable, tenantId: string, bookingId: string): Promise<ApplyBooking> {
  const held = await q.count(
    `UPDATE "Booking" SET status = 'confirmed', "holdExpiresAt" = NULL, version = version + 1, "updatedAt" = now()
     WHERE "tenantId" = $1 AND id = $2 AND status = 'held'`,
    [tenantId, bookingId],
  );
  if (held > 0) return "confirmed";
  const row = await q.first<{ status: string }>(`SELECT status::text AS status FROM "Booking" WHERE "tenantId" = $1 AND id = $2 FOR UPDATE`, [tenantId, bookingId]);
  if (!row) return "not_live";
  if (row.status === "confirmed" || row.status === "completed") return "already_confirmed";
  if (row.status !== "expired") return "not_live";
  await q.count("SAVEPOINT rebook");
  try {
    await q.count(
      `UPDATE "Booking" SET status = 'confirmed', "holdExpiresAt" = NULL, version = version + 1, "updatedAt" = now()
       WHERE "tenantId" = $1 AND id = $2 AND status = 'expired'`,
      [tenantId, bookingId],
    );
    await q.count("RELEASE SAVEPOINT rebook");
    return "confirmed";
  } catch (err) {
    if ((err as { code?: string }).code !== "23P01") throw err;
    await q.count("ROLLBACK TO SAVEPOINT rebook");
    return "slot_taken";
  }
}
