// Read side of conversations for the admin API and the pipeline.
import type { Db } from "../db.js";
import { NotFoundError } from "../errors.js";

const convSelect = {
  id: true, channel: true, address: true, owner: true, handoffRequestedAt: true, lastMessageAt: true, createdAt: true, channelAccountId: true,
  contact: { select: { id: true, displayName: true, consent: true } },
} as const;

export class ConversationRepo {
  constructor(private readonly db: Db) {}

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

  async get(tenantId: string, conversationId: string) {
    const row = await this.db.conversation.findFirst({ where: { id: conversationId, tenantId }, select: convSelect });
    if (!row) throw new NotFoundError("conversation");
    return row;
  }
}
