// What a campaign brought in: for each recipient the send reached (sentAt set), within
// `attributionHours` after that send — the contact's inbound replies (any channel), the
// bookings the contact made (not cancelled or expired), and the payments the contact paid
// (net of refunds, per currency). Windows are (sentAt, sentAt + hours]; everything is
// filtered by tenant. A contact reached by two overlapping campaigns counts for both.
import type { Sql } from "../../../core/sql.js";

export interface Attribution {
  attributionHours: number;
  /** Recipients with a sentAt (the window starts there). */
  reached: number;
  replies: number;
  /** Distinct recipients who replied. */
  repliers: number;
  bookings: number;
  /** Distinct recipients who booked. */
  bookers: number;
  payments: number;
  /** Paid minus refunded, integer minor units, per ISO currency. */
  revenue: Array<{ currency: string; amountMinor: number }>;
}

export async function attribution(sql: Sql, tenantId: string, campaignId: string, hours: number): Promise<Attribution> {
  const head = await sql.first<{ reached: string; replies: string; repliers: string; bookings: string; bookers: string; payments: string }>(
    `WITH r AS (
       SELECT "contactId", "sentAt", "sentAt" + make_interval(hours => $3::int) AS until
       FROM "CampaignRecipient" WHERE "campaignId" = $1::uuid AND "tenantId" = $2::uuid AND "sentAt" IS NOT NULL),
     replies AS (
       SELECT r."contactId" FROM r
       JOIN "Conversation" cv ON cv."contactId" = r."contactId" AND cv."tenantId" = $2::uuid
       JOIN "Message" m ON m."conversationId" = cv.id AND m."tenantId" = $2::uuid AND m.direction = 'inbound'
       WHERE m."createdAt" > r."sentAt" AND m."createdAt" <= r.until),
     bookings AS (
       SELECT r."contactId" FROM r
       JOIN "Booking" b ON b."contactId" = r."contactId" AND b."tenantId" = $2::uuid
       WHERE b."createdAt" > r."sentAt" AND b."createdAt" <= r.until AND b.status NOT IN ('cancelled', 'expired')),
     payments AS (
       SELECT p.id FROM r
       JOIN "Payment" p ON p."contactId" = r."contactId" AND p."tenantId" = $2::uuid
       WHERE p."paidAt" > r."sentAt" AND p."paidAt" <= r.until AND p.status IN ('paid', 'refund_requested', 'refunded'))
     SELECT (SELECT count(*) FROM r) AS reached,
            (SELECT count(*) FROM replies) AS replies, (SELECT count(DISTINCT "contactId") FROM replies) AS repliers,
            (SELECT count(*) FROM bookings) AS bookings, (SELECT count(DISTINCT "contactId") FROM bookings) AS bookers,
            (SELECT count(*) FROM payments) AS payments`,
    [campaignId, tenantId, hours],
  );
  const revenue = await sql.rows<{ currency: string; amount: string }>(
    `SELECT p.currency, sum(p."amountMinor" - p."refundedMinor") AS amount
     FROM "CampaignRecipient" r
     JOIN "Payment" p ON p."contactId" = r."contactId" AND p."tenantId" = $2::uuid
     WHERE r."campaignId" = $1::uuid AND r."tenantId" = $2::uuid AND r."sentAt" IS NOT NULL
       AND p."paidAt" > r."sentAt" AND p."paidAt" <= r."sentAt" + make_interval(hours => $3::int)
       AND p.status IN ('paid', 'refund_requested', 'refunded')
     GROUP BY p.currency ORDER BY p.currency`,
    [campaignId, tenantId, hours],
  );
  const n = (v: string | undefined) => Number(v ?? 0);
  return {
    attributionHours: hours,
    reached: n(head?.reached), replies: n(head?.replies), repliers: n(head?.repliers),
    bookings: n(head?.bookings), bookers: n(head?.bookers), payments: n(head?.payments),
    revenue: revenue.map((x) => ({ currency: x.currency, amountMinor: Number(x.amount) })),
  };
}
