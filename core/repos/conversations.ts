// Read side of conversations for the admin API and the pipeline.
import type { Db, Sql } from "../db.js";
import type { Channel, Consent, ConversationOwner } from "../../prisma/generated/enums.js";
import { NotFoundError } from "../errors.js";
import { isUuid } from "../sql.js";

export interface ConversationView {
  id: string;
  channel: Channel;
  address: string;
  owner: ConversationOwner;
  handoffRequestedAt: Date | null;
  lastMessageAt: Date;
  createdAt: Date;
  channelAccountId: string;
  contact: { id: string; displayName: string | null; consent: Consent };
}

const convSelect = {
  id: true, channel: true, address: true, owner: true, handoffRequestedAt: true, lastMessageAt: true, createdAt: true, channelAccountId: true,
  contact: { select: { id: true, displayName: true, consent: true } },
} as const;

export class ConversationRepo {
  /** `sql`: the hot-path statements (core/sql.ts); everything else goes through Prisma. */
  constructor(private readonly db: Db, private readonly sql: Sql) {}

  list(tenantId: string, opts: { limit: number; before?: Date; needsPerson?: boolean }) {
    return this.db.conversation.findMany({
      where: {
        tenantId,
        ...(opts.before ? { lastMessageAt: { lt: opts.before } } : {}),
        ...(opts.needsPerson ? { handoffRequestedAt: { not: null } } : {}),
      },
      select: convSelect,
      orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
      take: opts.limit,
    });
  }

  async get(tenantId: string, conversationId: string): Promise<ConversationView> {
    if (!isUuid(conversationId) || !isUuid(tenantId)) {
      const row = await this.db.conversation.findFirst({ where: { id: conversationId, tenantId }, select: convSelect });
      if (!row) throw new NotFoundError("conversation");
      return row;
    }
    const row = await this.sql.first<Omit<ConversationView, "contact"> & { contactId: string; displayName: string | null; consent: Consent }>(
      `SELECT c.id, c.channel, c.address, c.owner, c."handoffRequestedAt", c."lastMessageAt", c."createdAt", c."channelAccountId",
              p.id AS "contactId", p."displayName", p.consent
       FROM "Conversation" c JOIN "Contact" p ON p.id = c."contactId"
       WHERE c.id = $1 AND c."tenantId" = $2`,
      [conversationId, tenantId],
    );
    if (!row) throw new NotFoundError("conversation");
    const { contactId, displayName, consent, ...conv } = row;
    return { ...conv, contact: { id: contactId, displayName, consent } };
  }
}
