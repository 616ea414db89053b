// The hot-path repository statements in raw SQL (core/sql.ts): same results as the Prisma
// versions, and tenant isolation — another tenant's ids never match.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSql, type Db, type Sql } from "../db.js";
import { TtlCache } from "../cache.js";
import { testDatabaseUrl, testDb, uniqueSlug } from "../../test/support/db.js";
import { ContactRepo } from "./contacts.js";
import { ConversationRepo } from "./conversations.js";
import { MessageRepo } from "./messages.js";

let db: Db;
let sql: Sql;
let contacts: ContactRepo;
let conversations: ConversationRepo;
let messages: MessageRepo;

async function tenantWithAccount(): Promise<{ tenantId: string; accountId: string }> {
  const t = await db.tenant.create({ data: { slug: uniqueSlug("hot"), name: "Hot path" } });
  const a = await db.channelAccount.create({ data: { tenantId: t.id, channel: "whatsapp", externalId: `pn-${t.id}` } });
  return { tenantId: t.id, accountId: a.id };
}

const inbound = (tenantId: string, conversationId: string, id: string, at = new Date()) => ({
  tenantId, conversationId, channel: "whatsapp" as const, providerMessageId: id, kind: "text", text: `text ${id}`,
  payload: { kind: "text", text: `text ${id}` }, providerTimestamp: at, receivedAt: at, senderAddress: "447700900123",
});

beforeAll(() => {
  db = testDb();
  sql = createSql(testDatabaseUrl(), 4);
  contacts = new ContactRepo(db, sql);
  conversations = new ConversationRepo(db, sql);
  messages = new MessageRepo(db, sql);
});
afterAll(async () => {
  await sql.end();
  await db.$disconnect();
});

describe("hot-path SQL", () => {
  it("ensureConversation creates once, then finds; the same address in another tenant is another contact", async () => {
    const a = await tenantWithAccount();
    const b = await tenantWithAccount();
    const input = { channel: "whatsapp" as const, address: "447700900123", displayName: "Ann" };
    const [r1, r2] = await Promise.all([
      contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, ...input }),
      contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, ...input }),
    ]);
    expect(r2).toEqual(r1);
    expect(r1.owner).toBe("bot");
    expect(await contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, ...input })).toEqual(r1);
    const other = await contacts.ensureConversation({ tenantId: b.tenantId, channelAccountId: b.accountId, ...input });
    expect(other.contactId).not.toBe(r1.contactId);
    expect(other.conversationId).not.toBe(r1.conversationId);
    // another tenant's account id never finds this tenant's conversation
    const cross = await contacts.ensureConversation({ tenantId: b.tenantId, channelAccountId: a.accountId, ...input }).catch(() => null);
    expect(cross?.conversationId).not.toBe(r1.conversationId);
    const identities = await db.contactIdentity.findMany({ where: { tenantId: a.tenantId } });
    expect(identities.map((i) => i.address)).toEqual(["+447700900123"]);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: r1.contactId } });
    expect(contact.displayName).toBe("Ann");
    // the same number on SMS is the same person
    const sms = await db.channelAccount.create({ data: { tenantId: a.tenantId, channel: "sms", externalId: `sms-${a.tenantId}` } });
    const bySms = await contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: sms.id, channel: "sms", address: "+447700900123" });
    expect(bySms.contactId).toBe(r1.contactId);
    expect(bySms.conversationId).not.toBe(r1.conversationId);
  });

  it("recordInboundAndTouch stores once, moves lastInboundAt forward only, and never touches another tenant", async () => {
    const a = await tenantWithAccount();
    const b = await tenantWithAccount();
    const ref = await contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, channel: "whatsapp", address: "447700900123" });
    const refB = await contacts.ensureConversation({ tenantId: b.tenantId, channelAccountId: b.accountId, channel: "whatsapp", address: "447700900123" });
    const t1 = new Date("2026-01-02T03:04:05.678Z");
    const first = await messages.recordInboundAndTouch(inbound(a.tenantId, ref.conversationId, "wamid.1", t1), ref.contactId);
    expect(first.created).toBe(true);
    const again = await messages.recordInboundAndTouch(inbound(a.tenantId, ref.conversationId, "wamid.1", t1), ref.contactId);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await messages.recordInbound(inbound(a.tenantId, ref.conversationId, "wamid.1", t1))).toEqual({ id: first.id, created: false });
    const row = await db.message.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.createdAt.toISOString()).toBe(t1.toISOString()); // UTC in, UTC out
    expect(row.providerTimestamp?.toISOString()).toBe(t1.toISOString());
    expect(row.status).toBe("received");
    expect(row.payload).toEqual({ kind: "text", text: "text wamid.1" });
    expect(await contacts.lastInboundOn(a.tenantId, "whatsapp", "447700900123")).toEqual(t1);
    // older timestamps never move it back
    await messages.recordInboundAndTouch(inbound(a.tenantId, ref.conversationId, "wamid.0", new Date(t1.getTime() - 60_000)), ref.contactId);
    expect(await contacts.lastInboundOn(a.tenantId, "whatsapp", "447700900123")).toEqual(t1);
    expect((await db.contact.findUniqueOrThrow({ where: { id: ref.contactId } })).lastInboundAt).toEqual(t1);
    // tenant B's contact and identity were not touched (same address, other tenant)
    expect(await contacts.lastInboundOn(b.tenantId, "whatsapp", "447700900123")).toBeNull();
    expect((await db.contact.findUniqueOrThrow({ where: { id: refB.contactId } })).lastInboundAt).toBeNull();
    // A's contact id with B's tenant id changes nothing
    const t2 = new Date(t1.getTime() + 60_000);
    await contacts.touchInbound(b.tenantId, ref.contactId, "whatsapp", "447700900999", t2);
    expect((await db.contact.findUniqueOrThrow({ where: { id: ref.contactId } })).lastInboundAt).toEqual(t1);
    // pending: oldest first, only this tenant's
    expect((await messages.pending(a.tenantId, ref.conversationId)).map((p) => p.providerMessageId)).toEqual(["wamid.0", "wamid.1"]);
    expect(await messages.pending(b.tenantId, ref.conversationId)).toEqual([]);
  });

  it("commitTurn claims once, writes turn, usage and reply; another tenant's commit claims nothing", async () => {
    const a = await tenantWithAccount();
    const b = await tenantWithAccount();
    const ref = await contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, channel: "whatsapp", address: "447700900123" });
    const m = await messages.recordInbound(inbound(a.tenantId, ref.conversationId, "wamid.c1"));
    const commit = {
      conversationId: ref.conversationId, inboundIds: [m.id], tier: "local" as const, model: "local", latencyMs: 5, route: "local", handoff: true,
      reply: { text: "hello", buttons: [{ id: "b1", title: "Book" }], threadId: "t1" },
      usage: [{ tier: "local" as const, provider: "local", model: "local", inputTokens: 3, outputTokens: 4, costMicros: 0 }],
    };
    expect(await messages.commitTurn({ ...commit, tenantId: b.tenantId })).toBeNull();
    expect(await db.turn.count({ where: { conversationId: ref.conversationId } })).toBe(0);
    const done = await messages.commitTurn({ ...commit, tenantId: a.tenantId });
    expect(done?.replyId).toBeTruthy();
    expect(await messages.commitTurn({ ...commit, tenantId: a.tenantId })).toBeNull(); // already answered
    const reply = await db.message.findUniqueOrThrow({ where: { id: done!.replyId! } });
    expect(reply).toMatchObject({
      tenantId: a.tenantId, direction: "outbound", status: "queued", kind: "interactive", text: "hello", channel: "whatsapp",
      idempotencyKey: `reply:${done!.turnId}`, turnId: done!.turnId, payload: { buttons: [{ id: "b1", title: "Book" }], threadId: "t1" },
    });
    expect(await db.message.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ status: "handled", turnId: done!.turnId });
    expect(await db.turn.findUniqueOrThrow({ where: { id: done!.turnId } })).toMatchObject({ tenantId: a.tenantId, handoff: true, latencyMs: 5 });
    expect(await db.modelUsage.count({ where: { tenantId: a.tenantId, conversationId: ref.conversationId } })).toBe(1);
    expect((await conversations.get(a.tenantId, ref.conversationId)).handoffRequestedAt).not.toBeNull();
    await expect(conversations.get(b.tenantId, ref.conversationId)).rejects.toThrow();

    // outbox reads and writes
    const out = await messages.getOutbound(a.tenantId, done!.replyId!);
    expect(out).toMatchObject({ id: done!.replyId, status: "queued", conversation: { contactId: ref.contactId, channelAccountId: a.accountId, address: "447700900123" } });
    expect(await messages.getOutbound(b.tenantId, done!.replyId!)).toBeNull();
    expect((await messages.unsent(a.tenantId, ref.conversationId)).map((u) => u.id)).toEqual([done!.replyId]);
    expect(await messages.unsent(b.tenantId, ref.conversationId)).toEqual([]);
    expect(await messages.markSending(b.tenantId, done!.replyId!, 30_000)).toBe(false);
    expect(await messages.markSending(a.tenantId, done!.replyId!, 30_000)).toBe(true);
    expect(await messages.markSending(a.tenantId, done!.replyId!, 30_000)).toBe(false); // held by this attempt
    await messages.markSent(b.tenantId, done!.replyId!, "wamid.other");
    expect((await db.message.findUniqueOrThrow({ where: { id: done!.replyId! } })).status).toBe("sending");
    // a receipt that beat the send's response: delivered first, then markSent never goes back
    expect(await messages.applyStatus({ tenantId: a.tenantId, channel: "whatsapp", providerMessageId: "wamid.out", status: "delivered", at: new Date(), callbackData: done!.replyId! })).toBe(true);
    await messages.markSent(a.tenantId, done!.replyId!, "wamid.out");
    const sent = await db.message.findUniqueOrThrow({ where: { id: done!.replyId! } });
    expect(sent).toMatchObject({ status: "delivered", providerMessageId: "wamid.out", sentAt: null, attempts: 1 });
    expect(await messages.applyStatus({ tenantId: b.tenantId, channel: "whatsapp", providerMessageId: "wamid.out", status: "read", at: new Date() })).toBe(false);
    expect(await messages.applyStatus({ tenantId: a.tenantId, channel: "whatsapp", providerMessageId: "wamid.out", status: "sent", at: new Date() })).toBe(false);
    expect(await messages.applyStatus({ tenantId: a.tenantId, channel: "whatsapp", providerMessageId: "wamid.out", status: "failed", at: new Date(), error: { code: "1", reason: "x" } })).toBe(false);
    expect(await messages.applyStatus({ tenantId: a.tenantId, channel: "whatsapp", providerMessageId: "wamid.out", status: "read", at: new Date() })).toBe(true);
    expect(await messages.unsent(a.tenantId, ref.conversationId)).toEqual([]);

    // two workers commit the same message at once: exactly one turn wins, the other writes nothing
    const m2 = await messages.recordInbound(inbound(a.tenantId, ref.conversationId, "wamid.c2"));
    const race = await Promise.all([1, 2, 3].map(() => messages.commitTurn({ ...commit, inboundIds: [m2.id], tenantId: a.tenantId })));
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(await db.turn.count({ where: { conversationId: ref.conversationId } })).toBe(2);
    expect(await db.message.count({ where: { conversationId: ref.conversationId, direction: "outbound" } })).toBe(2);
    // a batch with one message already answered is refused whole
    const m3 = await messages.recordInbound(inbound(a.tenantId, ref.conversationId, "wamid.c3"));
    expect(await messages.commitTurn({ ...commit, inboundIds: [m2.id, m3.id], tenantId: a.tenantId })).toBeNull();
    expect((await db.message.findUniqueOrThrow({ where: { id: m3.id } })).status).toBe("received");
  });

  it("markSent moves queued/sending to sent with sentAt; consentOf is per tenant", async () => {
    const a = await tenantWithAccount();
    const b = await tenantWithAccount();
    const ref = await contacts.ensureConversation({ tenantId: a.tenantId, channelAccountId: a.accountId, channel: "whatsapp", address: "447700900555" });
    const { id } = await messages.createOutbound({ tenantId: a.tenantId, conversationId: ref.conversationId, channel: "whatsapp", text: "hi", idempotencyKey: "k1", purpose: "notification" });
    expect(await messages.markSending(a.tenantId, id, 30_000)).toBe(true);
    await messages.markSent(a.tenantId, id, "wamid.s1");
    const row = await db.message.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("sent");
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(Math.abs(row.sentAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await contacts.consentOf(a.tenantId, ref.contactId)).toBe("unknown");
    await expect(contacts.consentOf(b.tenantId, ref.contactId)).rejects.toThrow();
  });
});

describe("TtlCache", () => {
  it("expires, evicts the least recently used, and drops a load that an invalidation overtook", async () => {
    const c = new TtlCache<string, number>(2, 1_000);
    c.set("a", 1);
    c.set("b", 2);
    c.get("a");
    c.set("c", 3);
    expect([c.get("a"), c.get("b"), c.get("c")]).toEqual([1, undefined, 3]);
    c.set("x", 9, -1);
    expect(c.get("x")).toBeUndefined();
    let release!: (v: number) => void;
    const loading = c.getOrLoad("k", () => new Promise<number>((r) => (release = r)));
    c.delete("k");
    release(5);
    expect(await loading).toBe(5);
    expect(c.get("k")).toBeUndefined();
    expect(await c.getOrLoad("k", async () => 6)).toBe(6);
    expect(c.get("k")).toBe(6);
    expect(c.size).toBeLessThanOrEqual(2);
  });
});
