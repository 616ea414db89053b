// Contacts, their per-channel identities and their conversations.
// WhatsApp, SMS and voice share a phone number: identities on those channels are keyed by
// the number in +E.164 form, so one person is one contact across them.
import { randomUUID } from "node:crypto";
import type { Db, Sql } from "../db.js";
import type { Channel, ConversationOwner } from "../../prisma/generated/enums.js";
import { NotFoundError } from "../errors.js";
import { isPgUniqueViolation, iso } from "../sql.js";

const PHONE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(["whatsapp", "sms", "voice"]);
const PHONE_CHANNEL_LIST = [...PHONE_CHANNELS];

/** Run `fn`; if it loses a race on a unique constraint, run it once more (it then finds the winner's row). */
async function retryOnPgUnique<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!isPgUniqueViolation(err)) throw err;
    return fn();
  }
}

/** The identity key of an address: phone channels use +digits, others the address as is. */
export function identityAddress(channel: Channel, address: string): string {
  if (!PHONE_CHANNELS.has(channel)) return address;
  const digits = address.replace(/\D/g, "");
  return digits ? `+${digits}` : address;
}

export interface ConversationRef {
  conversationId: string;
  contactId: string;
  owner: "bot" | "human";
}

export class ContactRepo {
  /** `sql`: the hot-path statements (core/sql.ts); everything else goes through Prisma. */
  constructor(private readonly db: Db, private readonly sql: Sql) {}

  /** Find or create the contact and conversation an inbound message belongs to. */
  async ensureConversation(input: {
    tenantId: string;
    channelAccountId: string;
    channel: Channel;
    address: string;
    displayName?: string | null;
    /**
     * What keys the conversation when it is not the contact's address: a voice call is its
     * own conversation (CallSid) on the caller's contact. Defaults to the reply address.
     */
    conversationKey?: string;
    /** Where replies go when not to `address` (a Slack channel id; `address` is the user). */
    replyAddress?: string;
  }): Promise<ConversationRef> {
    const { tenantId, channel } = input;
    const key = input.conversationKey ?? input.replyAddress ?? input.address;
    const identity = identityAddress(channel, input.address);
    // The usual case, one round trip: the identity and the conversation both exist.
    const found = await this.sql.first<{ identityContactId: string | null; id: string | null; contactId: string | null; owner: ConversationOwner | null }>(
      `SELECT (SELECT "contactId" FROM "ContactIdentity" WHERE "tenantId" = $1 AND channel = $2::"Channel" AND address = $3) AS "identityContactId",
              c.id, c."contactId", c.owner
       FROM (SELECT 1) AS one
       LEFT JOIN "Conversation" c ON c."tenantId" = $1 AND c."channelAccountId" = $4 AND c.key = $5`,
      [tenantId, channel, identity, input.channelAccountId, key],
    );
    if (found?.identityContactId && found.id) return { conversationId: found.id, contactId: found.contactId!, owner: found.owner! };

    const contactId = found?.identityContactId ?? (await retryOnPgUnique(() => this.ensureContact(tenantId, channel, identity, input.displayName ?? null)));
    if (found?.id) return { conversationId: found.id, contactId: found.contactId!, owner: found.owner! };
    const conv = await retryOnPgUnique(async () => {
      const now = iso(new Date());
      const created = await this.sql.first<{ id: string; contactId: string; owner: ConversationOwner }>(
        `INSERT INTO "Conversation" (id, "tenantId", "contactId", "channelAccountId", channel, key, address, "lastMessageAt", "createdAt")
         VALUES ($1, $2, $3, $4, $5::"Channel", $6, $7, $8::timestamp, $8::timestamp)
         ON CONFLICT ("tenantId", "channelAccountId", key) DO NOTHING
         RETURNING id, "contactId", owner`,
        [randomUUID(), tenantId, contactId, input.channelAccountId, channel, key, input.replyAddress ?? input.address, now],
      );
      return created ?? (await this.sql.first<{ id: string; contactId: string; owner: ConversationOwner }>(
        `SELECT id, "contactId", owner FROM "Conversation" WHERE "tenantId" = $1 AND "channelAccountId" = $2 AND key = $3`,
        [tenantId, input.channelAccountId, key],
      ));
    });
    if (!conv) throw new NotFoundError("conversation");
    return { conversationId: conv.id, contactId: conv.contactId, owner: conv.owner };
  }

  /** The contact of an identity (`key`: identityAddress), created with it when new. */
  private async ensureContact(tenantId: string, channel: Channel, key: string, displayName: string | null): Promise<string> {
    const own = await this.sql.first<{ contactId: string }>(
      `SELECT "contactId" FROM "ContactIdentity" WHERE "tenantId" = $1 AND channel = $2::"Channel" AND address = $3`,
      [tenantId, channel, key],
    );
    if (own) return own.contactId;
    const now = iso(new Date());
    // Same phone number already known on another phone channel: same person.
    const sibling = PHONE_CHANNELS.has(channel)
      ? await this.sql.first<{ contactId: string }>(
          `SELECT "contactId" FROM "ContactIdentity" WHERE "tenantId" = $1 AND address = $2 AND channel = ANY($3::"Channel"[]) LIMIT 1`,
          [tenantId, key, PHONE_CHANNEL_LIST],
        )
      : null;
    if (sibling) {
      await this.sql.count(
        `INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", channel, address, "createdAt") VALUES ($1, $2, $3, $4::"Channel", $5, $6::timestamp)`,
        [randomUUID(), tenantId, sibling.contactId, channel, key, now],
      );
      return sibling.contactId;
    }
    // contact and identity in one statement: a lost race on the identity creates neither
    const contactId = randomUUID();
    await this.sql.count(
      `WITH contact AS (
         INSERT INTO "Contact" (id, "tenantId", "displayName", "createdAt", "updatedAt") VALUES ($1, $2, $3, $6::timestamp, $6::timestamp)
         RETURNING id)
       INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", channel, address, "createdAt")
       SELECT $7::uuid, $2::uuid, contact.id, $4::"Channel", $5::text, $6::timestamp FROM contact`,
      [contactId, tenantId, displayName, channel, key, now, randomUUID()],
    );
    return contactId;
  }

  /** Record that the contact wrote to us (drives the WhatsApp 24-hour window). */
  async touchInbound(tenantId: string, contactId: string, channel: Channel, address: string, at: Date): Promise<void> {
    await this.sql.count(
      `WITH c AS (
         UPDATE "Contact" SET "lastInboundAt" = $3::timestamp, "updatedAt" = $6::timestamp
         WHERE id = $2 AND "tenantId" = $1 AND ("lastInboundAt" IS NULL OR "lastInboundAt" < $3::timestamp)
         RETURNING 1)
       UPDATE "ContactIdentity" SET "lastInboundAt" = $3::timestamp
       WHERE "tenantId" = $1 AND channel = $4::"Channel" AND address = $5 AND ("lastInboundAt" IS NULL OR "lastInboundAt" < $3::timestamp)`,
      [tenantId, contactId, iso(at), channel, identityAddress(channel, address), iso(new Date())],
    );
  }

  async get(tenantId: string, contactId: string) {
    const row = await this.db.contact.findFirst({
      where: { id: contactId, tenantId },
      select: { id: true, displayName: true, consent: true, lastInboundAt: true, tags: true, createdAt: true },
    });
    if (!row) throw new NotFoundError("contact");
    return row;
  }

  /** Change consent; `changed` is false when it already was that (confirm only once). */
  async setConsent(tenantId: string, contactId: string, consent: "opted_in" | "opted_out"): Promise<{ changed: boolean; previous: string }> {
    const current = await this.db.contact.findFirst({ where: { id: contactId, tenantId }, select: { consent: true } });
    if (!current) throw new NotFoundError("contact");
    if (current.consent === consent) return { changed: false, previous: current.consent };
    const r = await this.db.contact.updateMany({
      where: { id: contactId, tenantId, consent: current.consent },
      data: { consent, consentUpdatedAt: new Date() },
    });
    return { changed: r.count === 1, previous: current.consent };
  }

  /** Consent by channel address (a provider told us, e.g. Twilio 21610 in a receipt). */
  async setConsentByAddress(tenantId: string, channel: Channel, address: string, consent: "opted_in" | "opted_out"): Promise<boolean> {
    const identity = await this.db.contactIdentity.findUnique({
      where: { tenantId_channel_address: { tenantId, channel, address: identityAddress(channel, address) } },
      select: { contactId: true },
    });
    if (!identity) return false;
    return (await this.setConsent(tenantId, identity.contactId, consent)).changed;
  }

  async consentOf(tenantId: string, contactId: string): Promise<"unknown" | "opted_in" | "opted_out"> {
    const row = await this.sql.first<{ consent: "unknown" | "opted_in" | "opted_out" }>(
      `SELECT consent FROM "Contact" WHERE id = $1 AND "tenantId" = $2`,
      [contactId, tenantId],
    );
    if (!row) throw new NotFoundError("contact");
    return row.consent;
  }

  /** The provider says this address cannot receive messages (e.g. not a mobile number). */
  async markAddressInvalid(tenantId: string, channel: Channel, address: string): Promise<void> {
    await this.db.contactIdentity.updateMany({
      where: { tenantId, channel, address: identityAddress(channel, address) },
      data: { invalidAt: new Date() },
    });
  }

  /** The contact's phone number (+E.164) if any phone channel identity is known and valid. */
  async phoneOf(tenantId: string, contactId: string): Promise<string | null> {
    const rows = await this.db.contactIdentity.findMany({
      where: { tenantId, contactId, channel: { in: [...PHONE_CHANNELS] } },
      select: { address: true, channel: true, invalidAt: true },
    });
    if (rows.some((r) => r.channel === "sms" && r.invalidAt)) return null;
    return rows.find((r) => r.address.startsWith("+"))?.address ?? null;
  }

  /** Recent contacts for the owner's "who wrote to us" questions (ContactDirectory). */
  async listContacts(tenantId: string, opts: { limit: number; query?: string }) {
    const rows = await this.db.contact.findMany({
      where: { tenantId, ...(opts.query ? { displayName: { contains: opts.query, mode: "insensitive" as const } } : {}) },
      select: {
        id: true, displayName: true, consent: true, lastInboundAt: true,
        identities: { select: { channel: true, lastInboundAt: true }, orderBy: { lastInboundAt: { sort: "desc", nulls: "last" } }, take: 1 },
      },
      orderBy: [{ lastInboundAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      take: Math.min(Math.max(opts.limit, 1), 100),
    });
    return rows.map((r) => ({
      id: r.id, name: r.displayName, channel: r.identities[0]?.channel ?? "unknown", lastMessageAt: r.lastInboundAt, consent: r.consent,
    }));
  }

  /** Last inbound time of the contact on one channel identity. */
  async lastInboundOn(tenantId: string, channel: Channel, address: string): Promise<Date | null> {
    const row = await this.sql.first<{ lastInboundAt: Date | null }>(
      `SELECT "lastInboundAt" FROM "ContactIdentity" WHERE "tenantId" = $1 AND channel = $2::"Channel" AND address = $3`,
      [tenantId, channel, identityAddress(channel, address)],
    );
    return row?.lastInboundAt ?? null;
  }
}
