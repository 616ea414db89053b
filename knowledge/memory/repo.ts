// ContactMemoryRepo: the ContactFact table behind ContactMemory. Every statement filters by
// tenantId AND contactId; a write first locks the contact row, which also checks that the
// contact belongs to the tenant (the foreign key alone would accept another tenant's
// contact id). The lock serialises writes per contact: a voice turn and a WhatsApp turn of
// one person run under different conversation locks, and without it both could insert a
// name (the delete of "every other value" sees neither uncommitted insert).
import type { Db, Prisma } from "../../core/db.js";
import { AppError, NotFoundError } from "../../core/errors.js";
import { retryOnUnique } from "../../core/repos/unique.js";
import { isUuid, requireTenant } from "../store/validate.js";
import {
  FACT_KEYS, MAX_VALUE_CHARS, MULTI_VALUE_CAP, SINGLE_VALUED,
  type ContactFactView, type ContactMemory, type ExtractedFact, type FactKey, type RememberSource,
} from "./types.js";

const CHANNELS = new Set(["whatsapp", "sms", "voice", "slack", "web"] as const);
type ChannelName = "whatsapp" | "sms" | "voice" | "slack" | "web";
const KEYS: ReadonlySet<string> = new Set(FACT_KEYS);
const LIST_LIMIT = 50;

function requireIds(tenantId: string, contactId: string): void {
  requireTenant(tenantId);
  if (!isUuid(contactId)) throw new AppError("bad_request", "contactId must be a UUID");
}

function cleanFacts(facts: ExtractedFact[]): ExtractedFact[] {
  return facts
    .filter((f) => KEYS.has(f.key) && typeof f.value === "string")
    .map((f) => ({ key: f.key, value: f.value.replace(/\s+/g, " ").trim().slice(0, MAX_VALUE_CHARS) }))
    .filter((f) => f.value.length > 0);
}

/**
 * Locks the contact row for the rest of the transaction (writes of one contact queue here);
 * false when it is not the tenant's contact. FOR NO KEY UPDATE conflicts with
 * itself (so two writers serialise) but not with the key-share locks of foreign-key checks,
 * so messages and conversations of this contact are not held up meanwhile.
 */
async function lockContact(tx: Prisma.TransactionClient, tenantId: string, contactId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Contact" WHERE "id" = ${contactId}::uuid AND "tenantId" = ${tenantId}::uuid FOR NO KEY UPDATE`;
  return rows.length > 0;
}

export class ContactMemoryRepo implements ContactMemory {
  constructor(private readonly db: Db) {}

  async list(tenantId: string, contactId: string): Promise<ContactFactView[]> {
    requireIds(tenantId, contactId);
    const rows = await this.db.contactFact.findMany({
      where: { tenantId, contactId },
      select: { key: true, value: true, channel: true, updatedAt: true },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: LIST_LIMIT,
    });
    return rows
      .filter((r) => KEYS.has(r.key))
      .map((r) => ({ key: r.key as FactKey, value: r.value, channel: r.channel, learnedAt: r.updatedAt }));
  }

  async remember(tenantId: string, contactId: string, facts: ExtractedFact[], source: RememberSource): Promise<number> {
    requireIds(tenantId, contactId);
    if (!CHANNELS.has(source.channel as ChannelName)) throw new AppError("bad_request", `unknown channel: ${source.channel}`);
    const channel = source.channel as ChannelName;
    const sourceMessageId = source.sourceMessageId && isUuid(source.sourceMessageId) ? source.sourceMessageId : null;
    const valid = cleanFacts(facts);
    if (valid.length === 0) return 0;
    return retryOnUnique(() =>
      this.db.$transaction(async (tx) => {
        if (!(await lockContact(tx, tenantId, contactId))) throw new NotFoundError("contact");
        const now = new Date();
        const multi = new Set<FactKey>();
        for (const f of valid) {
          // single-valued: the new value replaces every other; multi-valued: the same words in another case are one fact
          const others = SINGLE_VALUED.has(f.key)
            ? { NOT: { value: f.value } }
            : { value: { equals: f.value, mode: "insensitive" as const }, NOT: { value: f.value } };
          await tx.contactFact.deleteMany({ where: { tenantId, contactId, key: f.key, ...others } });
          await tx.contactFact.upsert({
            where: { tenantId_contactId_key_value: { tenantId, contactId, key: f.key, value: f.value } },
            create: { tenantId, contactId, key: f.key, value: f.value, channel, sourceMessageId, createdAt: now, updatedAt: now },
            update: { channel, sourceMessageId, updatedAt: now },
          });
          if (!SINGLE_VALUED.has(f.key)) multi.add(f.key);
        }
        for (const key of multi) {
          const extra = await tx.contactFact.findMany({
            where: { tenantId, contactId, key }, select: { id: true }, orderBy: [{ updatedAt: "desc" }, { createdAt: "desc" }], skip: MULTI_VALUE_CAP,
          });
          if (extra.length) await tx.contactFact.deleteMany({ where: { tenantId, contactId, id: { in: extra.map((e) => e.id) } } });
        }
        return valid.length;
      }),
    );
  }

  async forget(tenantId: string, contactId: string, key?: FactKey): Promise<number> {
    requireIds(tenantId, contactId);
    if (key !== undefined && !KEYS.has(key)) throw new AppError("bad_request", `unknown fact key: ${String(key)}`);
    // under the same lock: a forget waits for a write in flight and deletes what it wrote
    return this.db.$transaction(async (tx) => {
      if (!(await lockContact(tx, tenantId, contactId))) return 0; // another tenant's contact (or none): nothing of theirs is touched
      const r = await tx.contactFact.deleteMany({ where: { tenantId, contactId, ...(key ? { key } : {}) } });
      return r.count;
    });
  }
}
