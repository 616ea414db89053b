// The audience segment of a planned campaign and the query that resolves it. Marketing
// goes only to contacts who opted in (Contact.consent = 'opted_in') and have a usable
// identity on the campaign's channel (the tenant's owners never); WhatsApp without an approved template reaches only
// those inside the 24-hour window at the send time. Every statement is tenant-filtered.
import { z } from "zod";
import type { Sql } from "../../../core/sql.js";
import { iso } from "../../../core/sql.js";

export const segmentSchema = z.object({
  /** Contacts carrying any of these tags. */
  tags: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  /** Words seen in the contact's own (inbound) messages, any of them ("facial", "haircut"). */
  interests: z.array(z.string().trim().min(2).max(60)).max(10).optional(),
  /** Wrote to us within this many days. */
  lastInteractionDays: z.number().int().min(1).max(3650).optional(),
  /** true: has a booking (held, confirmed or completed); false: has none. */
  booked: z.boolean().optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

export type CampaignChannel = "whatsapp" | "sms";

export interface AudienceCount {
  /** Who gets it: opted in, reachable on the channel. */
  contactIds: string[];
  addresses: string[];
  /** Matched the segment but never opted in (unknown) or opted out. */
  withoutConsent: number;
  /** Opted in and matched, but WhatsApp's 24-hour window will be closed and there is no template. */
  outsideWindow: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** "facials" → "%facial%": a plural also finds the singular; each word escaped for LIKE. */
export function interestPatterns(words: string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const t = w.toLowerCase().trim();
    if (!t) continue;
    const stem = t.length > 4 && t.endsWith("s") && !t.endsWith("ss") ? t.slice(0, -1) : t;
    out.add(`%${escapeLike(stem)}%`);
  }
  return [...out];
}

/**
 * The segment's contacts on `channel`. `windowOpenSince`: only contacts whose last inbound
 * message on that channel is after it (WhatsApp without a template); null: no window rule.
 */
export async function resolveSegment(
  sql: Sql, tenantId: string, channel: CampaignChannel, segment: Segment, o: { windowOpenSince: Date | null; now?: Date },
): Promise<AudienceCount> {
  const now = o.now ?? new Date();
  const since = segment.lastInteractionDays ? iso(new Date(now.getTime() - segment.lastInteractionDays * 86_400_000)) : null;
  const patterns = segment.interests?.length ? interestPatterns(segment.interests) : null;
  const rows = await sql.rows<{ id: string; consent: string; address: string; inWindow: boolean }>(
    `SELECT DISTINCT ON (c.id) c.id, c.consent::text AS consent, ci.address,
            ($7::timestamp IS NULL OR (ci."lastInboundAt" IS NOT NULL AND ci."lastInboundAt" > $7::timestamp)) AS "inWindow"
     FROM "Contact" c
     JOIN "ContactIdentity" ci ON ci."contactId" = c.id AND ci."tenantId" = c."tenantId" AND ci.channel = $2::"Channel" AND ci."invalidAt" IS NULL
     WHERE c."tenantId" = $1::uuid
       AND NOT EXISTS (  -- the business's own owners are never its audience
             SELECT 1 FROM "OwnerIdentity" o JOIN "ContactIdentity" oi ON oi."tenantId" = o."tenantId" AND oi.channel = o.channel
               AND ltrim(oi.address, '+') = ltrim(o.address, '+')
             WHERE o."tenantId" = $1::uuid AND oi."contactId" = c.id)
       AND ($3::text[] IS NULL OR c.tags && $3::text[])
       AND ($4::timestamp IS NULL OR c."lastInboundAt" >= $4::timestamp)
       AND ($5::text[] IS NULL OR EXISTS (
             SELECT 1 FROM "Message" m JOIN "Conversation" cv ON cv.id = m."conversationId" AND cv."tenantId" = $1::uuid
             WHERE m."tenantId" = $1::uuid AND cv."contactId" = c.id AND m.direction = 'inbound' AND m.text ILIKE ANY($5::text[])))
       AND ($6::boolean IS NULL OR $6::boolean = EXISTS (
             SELECT 1 FROM "Booking" b WHERE b."tenantId" = $1::uuid AND b."contactId" = c.id AND b.status IN ('held', 'confirmed', 'completed')))
     ORDER BY c.id, ci."lastInboundAt" DESC NULLS LAST, ci."createdAt" ASC`,
    [tenantId, channel, segment.tags?.length ? segment.tags : null, since, patterns, segment.booked ?? null, o.windowOpenSince ? iso(o.windowOpenSince) : null],
  );
  const out: AudienceCount = { contactIds: [], addresses: [], withoutConsent: 0, outsideWindow: 0 };
  for (const r of rows) {
    if (r.consent !== "opted_in") out.withoutConsent++;
    else if (!r.inWindow) out.outsideWindow++;
    else {
      out.contactIds.push(r.id);
      out.addresses.push(r.address);
    }
  }
  return out;
}

/** A readable description of the segment ("people who asked about facials, opted in"). */
export function describeSegment(s: Segment): string {
  const parts: string[] = [];
  if (s.interests?.length) parts.push(`asked about ${s.interests.join(" or ")}`);
  if (s.tags?.length) parts.push(`tagged ${s.tags.join(" or ")}`);
  if (s.lastInteractionDays) parts.push(`wrote in the last ${s.lastInteractionDays} days`);
  if (s.booked === true) parts.push("have booked before");
  if (s.booked === false) parts.push("haven't booked");
  return parts.length ? `people who ${parts.join(", ")}` : "all your contacts";
}
