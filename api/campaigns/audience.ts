// A simple audience resolver over Contact tags, consent and channel identities. The real
// segment query (interests, last interaction, booked or not) belongs to the campaign
// planner; the runner only needs contact ids, and `schedule` accepts them resolved.
import { z } from "zod";
import type { Sql } from "../../core/sql.js";
import type { Channel } from "../../core/repos/tenants.js";

export const simpleAudience = z.object({
  /** Explicit contacts (still filtered by tenant, channel identity and consent). */
  contactIds: z.array(z.uuid()).max(100_000).optional(),
  /** Contacts carrying any of these tags. */
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** "opted_in" (default): only contacts who opted in; "not_opted_out": also those who never said. */
  consent: z.enum(["opted_in", "not_opted_out"]).optional(),
});
export type SimpleAudience = z.infer<typeof simpleAudience>;

/** Contact ids of this tenant matching `audience` that have a usable identity on `channel`. */
export async function resolveAudience(sql: Sql, tenantId: string, channel: Channel, audience: unknown): Promise<string[]> {
  const parsed = simpleAudience.safeParse(audience ?? {});
  if (!parsed.success) throw new Error(`the audience is not one the runner understands: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const a = parsed.data;
  const rows = await sql.rows<{ id: string }>(
    `SELECT DISTINCT c.id FROM "Contact" c
     JOIN "ContactIdentity" ci ON ci."contactId" = c.id AND ci."tenantId" = c."tenantId" AND ci.channel = $2::"Channel" AND ci."invalidAt" IS NULL
     WHERE c."tenantId" = $1
       AND ($3::uuid[] IS NULL OR c.id = ANY($3::uuid[]))
       AND ($4::text[] IS NULL OR c.tags && $4::text[])
       AND (CASE WHEN $5::text = 'not_opted_out' THEN c.consent <> 'opted_out' ELSE c.consent = 'opted_in' END)`,
    [tenantId, channel, a.contactIds ?? null, a.tags ?? null, a.consent ?? "opted_in"],
  );
  return rows.map((r) => r.id);
}
