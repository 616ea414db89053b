// Contacts, their per-channel identities and their conversations.
// WhatsApp, SMS and voice share a phone number: identities on those channels are keyed by
// the number in +E.164 form, so one person is one contact across them.
import type { Db } from "../db.js";
import type { Channel } from "../../prisma/generated/enums.js";
import { NotFoundError } from "../errors.js";
import { retryOnUnique } from "./unique.js";

const PHONE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(["whatsapp", "sms", "voice"]);

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
  constructor(private readonly db: Db) {}

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
    const contactId = await retryOnUnique(() => this.ensureContact(tenantId, channel, input.address, input.displayName ?? null));
    const conv = await retryOnUnique(() =>
      this.db.conversation.upsert({
        where: { tenantId_channelAccountId_key: { tenantId, channelAccountId: input.channelAccountId, key } },
        create: { tenantId, contactId, channelAccountId: input.channelAccountId, channel, key, address: input.replyAddress ?? input.address },
        update: {},
        select: { id: true, contactId: true, owner: true },
      }),
    );
    return { conversationId: conv.id, contactId: conv.contactId, owner: conv.owner };
  }

  private async ensureContact(tenantId: string, channel: Channel, address: string, displayName: string | null): Promise<string> {
    const key = identityAddress(channel, address);
    const own = await this.db.contactIdentity.findUnique({
      where: { tenantId_channel_address: { tenantId, channel, address: key } },
      select: { contactId: true },
    });
    if (own) return own.contactId;
    // Same phone number already known on another phone channel: same person.
    const sibling = PHONE_CHANNELS.has(channel)
      ? await this.db.contactIdentity.findFirst({
          where: { tenantId, address: key, channel: { in: [...PHONE_CHANNELS] } },
          select: { contactId: true },
        })
      : null;
    if (sibling) {
      await this.db.contactIdentity.create({ data: { tenantId, contactId: sibling.contactId, channel, address: key } });
      return sibling.contactId;
    }
    const contact = await this.db.contact.create({
      data: { tenantId, displayName, identities: { create: { tenantId, channel, address: key } } },
      select: { id: true },
    });
    return contact.id;
  }

  /** Record that the contact wrote to us (drives the WhatsApp 24-hour window). */
  async touchInbound(tenantId: string, contactId: string, channel: Channel, address: string, at: Date): Promise<void> {
    await this.db.contact.updateMany({ where: { id: contactId, tenantId, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: at } }] }, data: { lastInboundAt: at } });
    await this.db.contactIdentity.updateMany({
      where: { tenantId, channel, address: identityAddress(channel, address), OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: at } }] },
      data: { lastInboundAt: at },
    });
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

  async consentOf(tenantId: string, contactId: string): Promise<"unknown" | "opted_in" | "opted_out"> {
    const row = await this.db.contact.findFirst({ where: { id: contactId, tenantId }, select: { consent: true } });
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

  /** Last inbound time of the contact on one channel identity. */
  async lastInboundOn(tenantId: string, channel: Channel, address: string): Promise<Date | null> {
    const row = await this.db.contactIdentity.findUnique({
      where: { tenantId_channel_address: { tenantId, channel, address: identityAddress(channel, address) } },
      select: { lastInboundAt: true },
    });
    return row?.lastInboundAt ?? null;
  }
}
