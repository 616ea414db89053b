// Handoffs: a person owns a lead's conversation until they hand it back.
import { randomInt } from "node:crypto";
import type { Db } from "../db.js";
import type { Channel } from "../../prisma/generated/enums.js";
import { isUniqueViolation } from "./unique.js";

// no 0/O, 1/I/L: codes are read on phones and typed back
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

const select = {
  id: true, tenantId: true, conversationId: true, code: true, status: true, ownerChannel: true, ownerAddress: true,
  notificationMessageId: true, createdAt: true,
} as const;

export class HandoffRepo {
  constructor(private readonly db: Db) {}

  /** Open a handoff and give the conversation to a person, atomically. Null if one is already open. */
  async open(input: { tenantId: string; conversationId: string; ownerChannel: Channel; ownerAddress: string; reason: string | null }) {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          const taken = await tx.conversation.updateMany({
            where: { id: input.conversationId, tenantId: input.tenantId, owner: "bot" },
            data: { owner: "human", handoffRequestedAt: new Date() },
          });
          if (taken.count === 0) return null;
          return tx.handoff.create({ data: { ...input, code: newCode() }, select });
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // a code collision: draw again
      }
    }
    throw new Error("could not draw a unique handoff code");
  }

  async setNotification(tenantId: string, handoffId: string, messageId: string): Promise<void> {
    await this.db.handoff.updateMany({ where: { id: handoffId, tenantId }, data: { notificationMessageId: messageId } });
  }

  byId(tenantId: string, id: string) {
    return this.db.handoff.findFirst({ where: { id, tenantId }, select });
  }

  openFor(tenantId: string, conversationId: string) {
    return this.db.handoff.findFirst({ where: { tenantId, conversationId, status: "open" }, select });
  }

  byCode(tenantId: string, code: string) {
    return this.db.handoff.findUnique({ where: { tenantId_code: { tenantId, code: code.toUpperCase() } }, select });
  }

  /** Close and give the conversation back to the assistant. False if it was already closed. */
  async close(tenantId: string, handoffId: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const h = await tx.handoff.updateMany({ where: { id: handoffId, tenantId, status: "open" }, data: { status: "closed", closedAt: new Date() } });
      if (h.count === 0) return false;
      const row = await tx.handoff.findUniqueOrThrow({ where: { id: handoffId }, select: { conversationId: true } });
      await tx.conversation.updateMany({ where: { id: row.conversationId, tenantId }, data: { owner: "bot", handoffRequestedAt: null } });
      return true;
    });
  }
}
