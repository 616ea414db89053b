// Bookings: the no-double-booking guarantee is the database's `Booking_no_overlap`
// exclusion constraint (live = held/confirmed, per tenant and resource, over
// [startsAt, blockedUntil)); this repository turns its SQLSTATE 23P01 into a typed
// outcome. Every transition is guarded: tenant, (for leads) contact, expected version and
// a live status, so a stale caller or another tenant's id changes nothing. Raw SQL.
import { randomUUID } from "node:crypto";
import { isUuid, type Sql } from "../sql.js";
import type { BookingRow, BookingStatus, BusyBlock } from "./types.js";

/** PostgreSQL exclusion_violation: the slot overlaps a live booking of the resource. */
export function isPgExclusionViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23P01";
}

/** A booking to insert: a row's own fields (no id, names or version yet), live from the start. */
export type NewBooking = Pick<
  BookingRow,
  "tenantId" | "contactId" | "serviceId" | "resourceId" | "startsAt" | "endsAt" | "blockedUntil" | "holdExpiresAt" | "priceMinor" | "currency" | "channel" | "conversationId" | "source" | "notes" | "idempotencyKey"
> & { status: "held" | "confirmed" };

export type InsertOutcome = { kind: "created"; booking: BookingRow } | { kind: "existing"; booking: BookingRow } | { kind: "taken" };
export type ChangeOutcome = { kind: "changed"; booking: BookingRow } | { kind: "taken" } | { kind: "stale" };

/** Who may see a booking: the tenant's owner (any) or one contact (their own). */
export type BookingScope = { tenantId: string; contactId?: string };

const COLS = `b.id, b."tenantId", b."contactId", c."displayName" AS "contactName", b."serviceId", s.name AS "serviceName", b."resourceId",
  r.name AS "resourceName", b."startsAt", b."endsAt", b."blockedUntil", b.status::text AS status, b."holdExpiresAt", b."priceMinor", b.currency,
  b.channel::text AS channel, b."conversationId", b.source, b.notes, b."idempotencyKey", b.version, b."cancelledAt", b."cancelReason", b."createdAt"`;
const FROM = `"Booking" b JOIN "Service" s ON s."tenantId" = b."tenantId" AND s.id = b."serviceId"
  JOIN "Resource" r ON r."tenantId" = b."tenantId" AND r.id = b."resourceId" JOIN "Contact" c ON c.id = b."contactId" AND c."tenantId" = b."tenantId"`;

export class BookingRepo {
  constructor(private readonly sql: Sql) {}

  async byId(scope: BookingScope, bookingId: string): Promise<BookingRow | null> {
    if (!isUuid(bookingId) || !isUuid(scope.tenantId)) return null;
    return this.sql.first<BookingRow>(
      `SELECT ${COLS} FROM ${FROM} WHERE b."tenantId" = $1 AND b.id = $2 AND ($3::uuid IS NULL OR b."contactId" = $3::uuid)`,
      [scope.tenantId, bookingId, scope.contactId ?? null],
    );
  }

  /** For the .ics link: the id alone (the link's HMAC already names the tenant). */
  async byIdUnscoped(bookingId: string): Promise<BookingRow | null> {
    if (!isUuid(bookingId)) return null;
    return this.sql.first<BookingRow>(`SELECT ${COLS} FROM ${FROM} WHERE b.id = $1`, [bookingId]);
  }

  async byIdempotencyKey(tenantId: string, key: string): Promise<BookingRow | null> {
    return this.sql.first<BookingRow>(`SELECT ${COLS} FROM ${FROM} WHERE b."tenantId" = $1 AND b."idempotencyKey" = $2`, [tenantId, key]);
  }

  /** Bookings starting in [from, to), by start; `live` = confirmed, and held whose hold has not run out. */
  async list(scope: BookingScope, from: Date, to: Date, opts: { live?: boolean; limit?: number } = {}): Promise<BookingRow[]> {
    return this.sql.rows<BookingRow>(
      `SELECT ${COLS} FROM ${FROM}
       WHERE b."tenantId" = $1 AND ($2::uuid IS NULL OR b."contactId" = $2::uuid) AND b."startsAt" >= $3::timestamptz AND b."startsAt" < $4::timestamptz
         AND ($5::boolean IS FALSE OR (b.status IN ('held', 'confirmed') AND NOT (b.status = 'held' AND b."holdExpiresAt" IS NOT NULL AND b."holdExpiresAt" < now())))
       ORDER BY b."startsAt", r.name LIMIT $6`,
      [scope.tenantId, scope.contactId ?? null, from.toISOString(), to.toISOString(), opts.live ?? false, opts.limit ?? 200],
    );
  }

  /** What blocks resources in [from, to): live bookings with buffers (an expired hold no longer does). */
  async busy(tenantId: string, from: Date, to: Date, exceptBookingId?: string): Promise<BusyBlock[]> {
    const rows = await this.sql.rows<{ resourceId: string; startsAt: Date; blockedUntil: Date }>(
      `SELECT "resourceId", "startsAt", "blockedUntil" FROM "Booking"
       WHERE "tenantId" = $1 AND status IN ('held', 'confirmed') AND "startsAt" < $3::timestamptz AND "blockedUntil" > $2::timestamptz
         AND NOT (status = 'held' AND "holdExpiresAt" IS NOT NULL AND "holdExpiresAt" < now())
         AND ($4::uuid IS NULL OR id <> $4::uuid)`,
      [tenantId, from.toISOString(), to.toISOString(), exceptBookingId ?? null],
    );
    return rows.map((r) => ({ resourceId: r.resourceId, start: r.startsAt.getTime(), end: r.blockedUntil.getTime() }));
  }

  /** Holds whose time ran out stop blocking: status expired (the constraint then frees the range). */
  async expireHolds(tenantId: string, resourceId: string): Promise<number> {
    return this.sql.count(
      `UPDATE "Booking" SET status = 'expired', version = version + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "tenantId" = $1 AND "resourceId" = $2 AND status = 'held' AND "holdExpiresAt" IS NOT NULL AND "holdExpiresAt" < now()`,
      [tenantId, resourceId],
    );
  }

  /**
   * The sweep (api/calendar/reminders.ts): every tenant's unpaid holds whose time ran out,
   * at most `limit`, marked expired (version bumped) in one statement; rows another sweep is
   * expiring are skipped, so each hold is expired once (and its customer told at most once).
   */
  async expireDueHolds(limit: number): Promise<Array<{ tenantId: string; id: string }>> {
    return this.sql.rows<{ tenantId: string; id: string }>(
      `UPDATE "Booking" SET status = 'expired', version = version + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE id IN (
         SELECT id FROM "Booking" WHERE status = 'held' AND "holdExpiresAt" IS NOT NULL AND "holdExpiresAt" < now()
         ORDER BY "holdExpiresAt" LIMIT $1 FOR UPDATE SKIP LOCKED
       ) AND status = 'held'
       RETURNING "tenantId", id`,
      [limit],
    );
  }

  /**
   * Insert a live booking. The exclusion constraint decides a race (23P01 → taken); the
   * idempotency key makes a retried call return the booking it made ("existing").
   */
  async insert(b: NewBooking): Promise<InsertOutcome> {
    const id = randomUUID();
    try {
      const made = await this.sql.first<{ id: string }>(
        `INSERT INTO "Booking" (id, "tenantId", "contactId", "serviceId", "resourceId", "startsAt", "endsAt", "blockedUntil", status, "holdExpiresAt",
           "priceMinor", currency, channel, "conversationId", source, notes, "idempotencyKey", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8::timestamptz, $9::"BookingStatus", $10::timestamptz, $11, $12, $13::"Channel", $14, $15, $16, $17, (now() AT TIME ZONE 'UTC'))
         ON CONFLICT ("tenantId", "idempotencyKey") DO NOTHING RETURNING id`,
        [id, b.tenantId, b.contactId, b.serviceId, b.resourceId, b.startsAt.toISOString(), b.endsAt.toISOString(), b.blockedUntil.toISOString(),
          b.status, b.holdExpiresAt?.toISOString() ?? null, b.priceMinor, b.currency, b.channel, b.conversationId, b.source, b.notes, b.idempotencyKey],
      );
      if (made) return { kind: "created", booking: (await this.byId({ tenantId: b.tenantId }, made.id))! };
      const existing = b.idempotencyKey ? await this.byIdempotencyKey(b.tenantId, b.idempotencyKey) : null;
      if (existing) return { kind: "existing", booking: existing };
      return { kind: "taken" };
    } catch (err) {
      if (isPgExclusionViolation(err)) {
        // the same key may have won a moment ago on another worker: that is our booking
        const existing = b.idempotencyKey ? await this.byIdempotencyKey(b.tenantId, b.idempotencyKey) : null;
        return existing ? { kind: "existing", booking: existing } : { kind: "taken" };
      }
      throw err;
    }
  }

  /** Move a live booking (same row; version bumps). The constraint guards the new range too. */
  async reschedule(scope: BookingScope, bookingId: string, expectedVersion: number, to: { resourceId: string; startsAt: Date; endsAt: Date; blockedUntil: Date }): Promise<ChangeOutcome> {
    try {
      const row = await this.sql.first<{ id: string }>(
        `UPDATE "Booking" SET "resourceId" = $5, "startsAt" = $6::timestamptz, "endsAt" = $7::timestamptz, "blockedUntil" = $8::timestamptz,
           version = version + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
         WHERE "tenantId" = $1 AND id = $2 AND ($3::uuid IS NULL OR "contactId" = $3::uuid) AND version = $4 AND status IN ('held', 'confirmed')
         RETURNING id`,
        [scope.tenantId, bookingId, scope.contactId ?? null, expectedVersion, to.resourceId, to.startsAt.toISOString(), to.endsAt.toISOString(), to.blockedUntil.toISOString()],
      );
      if (!row) return { kind: "stale" };
      return { kind: "changed", booking: (await this.byId({ tenantId: scope.tenantId }, bookingId))! };
    } catch (err) {
      if (isPgExclusionViolation(err)) return { kind: "taken" };
      throw err;
    }
  }

  /** Cancel a live booking (frees the slot: the constraint covers live rows only). */
  async cancel(scope: BookingScope, bookingId: string, expectedVersion: number, reason: string | null): Promise<ChangeOutcome> {
    const row = await this.sql.first<{ id: string }>(
      `UPDATE "Booking" SET status = 'cancelled', "cancelledAt" = (now() AT TIME ZONE 'UTC'), "cancelReason" = $5, version = version + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "tenantId" = $1 AND id = $2 AND ($3::uuid IS NULL OR "contactId" = $3::uuid) AND version = $4 AND status IN ('held', 'confirmed')
       RETURNING id`,
      [scope.tenantId, bookingId, scope.contactId ?? null, expectedVersion, reason],
    );
    if (!row) return { kind: "stale" };
    return { kind: "changed", booking: (await this.byId({ tenantId: scope.tenantId }, bookingId))! };
  }

  /** Guarded status change for other engineers' flows (payment confirms a hold; a job expires it). */
  async setStatus(tenantId: string, bookingId: string, expectedVersion: number, from: BookingStatus[], to: BookingStatus): Promise<BookingRow | null> {
    if (!isUuid(bookingId)) return null;
    const row = await this.sql.first<{ id: string }>(
      `UPDATE "Booking" SET status = $5::"BookingStatus", "holdExpiresAt" = CASE WHEN $5::text = 'confirmed' THEN NULL ELSE "holdExpiresAt" END,
         version = version + 1, "updatedAt" = (now() AT TIME ZONE 'UTC')
       WHERE "tenantId" = $1 AND id = $2 AND version = $3 AND status::text = ANY($4::text[]) RETURNING id`,
      [tenantId, bookingId, expectedVersion, from, to],
    );
    return row ? this.byId({ tenantId }, bookingId) : null;
  }

  /** The contact's phone (any phone-shaped identity) for an SMS confirmation of a call booking. */
  async contactPhone(tenantId: string, contactId: string): Promise<string | null> {
    const row = await this.sql.first<{ address: string }>(
      `SELECT address FROM "ContactIdentity" WHERE "tenantId" = $1 AND "contactId" = $2 AND channel IN ('sms', 'voice', 'whatsapp')
         AND address LIKE '+%' AND "invalidAt" IS NULL ORDER BY (channel = 'sms') DESC, "createdAt" LIMIT 1`,
      [tenantId, contactId],
    );
    return row?.address ?? null;
  }

  /** Where a conversation replies (its channel and address), for confirmations. */
  async conversationTarget(tenantId: string, conversationId: string): Promise<{ channel: string; address: string; contactId: string } | null> {
    if (!isUuid(conversationId)) return null;
    return this.sql.first(`SELECT channel::text AS channel, address, "contactId" FROM "Conversation" WHERE "tenantId" = $1 AND id = $2`, [tenantId, conversationId]);
  }
}
