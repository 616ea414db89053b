// What happens to a row a dead worker left `sending` (repo.reconcile), case by case, on the
// real database: never called → sent again; settled by a receipt → follows it; call under
// way and no receipt → resent only if receipts for later sends arrived, else "uncertain".
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCampaign, seedContacts } from "../support/campaigns.js";
import { startHarness, type Harness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h?.close();
});

const LEASE = 60_000;
const UNCERTAIN = 120_000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function setup(n: number) {
  const t = await h.createTenant();
  const account = (await h.c.tenants.accountFor(t.tenantId, "whatsapp"))!;
  const contacts = await seedContacts(h.c.db, t.tenantId, n);
  const campaignId = await createCampaign(h.c.db, t.tenantId);
  await h.c.db.campaign.update({ where: { id: campaignId }, data: { status: "running" } });
  await h.c.campaigns.context.repo.materialize(t.tenantId, campaignId, "whatsapp", contacts.map((c) => c.id));
  const rows = await h.c.db.campaignRecipient.findMany({ where: { campaignId }, orderBy: { address: "asc" } });
  /** The row as a worker left it: claimed at `claimedAt`, its Message in `status`. */
  const leave = async (i: number, claimedAt: Date, m: { status: "queued" | "sending" | "sent" | "delivered"; updatedAt: Date; sentAt?: Date; deliveredAt?: Date } | null) => {
    const r = rows[i]!;
    let messageId: string | null = null;
    if (m) {
      const conv = await h.c.db.conversation.create({
        data: { tenantId: t.tenantId, contactId: r.contactId, channelAccountId: account.id, channel: "whatsapp", address: r.address.slice(1), key: r.address.slice(1) },
      });
      const msg = await h.c.db.message.create({
        data: {
          tenantId: t.tenantId, conversationId: conv.id, channel: "whatsapp", direction: "outbound", kind: "text", text: "offer", status: m.status,
          idempotencyKey: `campaign:${campaignId}:${r.contactId}`, providerMessageId: m.status === "queued" || m.status === "sending" ? null : `wamid.${i}`,
          sentAt: m.sentAt ?? null, deliveredAt: m.deliveredAt ?? null,
        },
      });
      await h.c.db.$executeRaw`UPDATE "Message" SET "updatedAt" = ${m.updatedAt} WHERE id = ${msg.id}::uuid`;
      messageId = msg.id;
    }
    await h.c.db.campaignRecipient.update({ where: { id: r.id }, data: { status: "sending", claimedAt, attempts: 1, messageId } });
    return r.id;
  };
  const state = async (id: string) => {
    const r = await h.c.db.campaignRecipient.findUniqueOrThrow({ where: { id } });
    const m = r.messageId ? await h.c.db.message.findUniqueOrThrow({ where: { id: r.messageId } }) : null;
    return { status: r.status, reason: r.reason, message: m?.status ?? null };
  };
  return { t, campaignId, leave, state };
}

it("never called, settled by a receipt, or still within the lease", async () => {
  const s = await setup(4);
  const noMessage = await s.leave(0, ago(LEASE + 1000), null);
  const queued = await s.leave(1, ago(LEASE + 1000), { status: "queued", updatedAt: ago(LEASE + 1000) });
  const receipted = await s.leave(2, ago(LEASE + 1000), { status: "delivered", updatedAt: ago(1000), sentAt: ago(LEASE), deliveredAt: ago(1000) });
  const live = await s.leave(3, ago(1000), { status: "sending", updatedAt: ago(1000) });
  const repo = h.c.campaigns.context.repo;
  expect(await repo.reconcile(s.t.tenantId, s.campaignId, LEASE, UNCERTAIN, 5)).toMatchObject({ released: 2, resent: 0, uncertain: 0 });
  await repo.syncStatuses(s.t.tenantId, s.campaignId);
  expect(await s.state(noMessage)).toMatchObject({ status: "pending" });
  expect(await s.state(queued)).toMatchObject({ status: "pending", message: "queued" });
  expect(await s.state(receipted)).toMatchObject({ status: "delivered", message: "delivered" });
  expect(await s.state(live)).toMatchObject({ status: "sending", message: "sending" }); // a live worker's row is left alone
});

it("a call under way with no receipt: reported uncertain (never resent) unless later sends' receipts came", async () => {
  const s = await setup(3);
  const silent = await s.leave(0, ago(UNCERTAIN + 5000), { status: "sending", updatedAt: ago(UNCERTAIN + 5000) });
  const repo = h.c.campaigns.context.repo;
  // no receipt has come for anything in this campaign: the silence proves nothing
  expect(await repo.reconcile(s.t.tenantId, s.campaignId, LEASE, UNCERTAIN, 5)).toMatchObject({ released: 0, uncertain: 1 });
  expect(await s.state(silent)).toMatchObject({ status: "failed", message: "sending" });
  expect((await s.state(silent)).reason).toMatch(/^uncertain/);
  expect((await h.c.campaigns.service.stats(s.t.tenantId, s.campaignId)).uncertain).toBe(1);

  // same situation, but a send of this campaign made after that claim has its delivery receipt
  const s2 = await setup(2);
  const silent2 = await s2.leave(0, ago(UNCERTAIN + 5000), { status: "sending", updatedAt: ago(UNCERTAIN + 5000) });
  const later = await s2.leave(1, ago(UNCERTAIN), { status: "delivered", updatedAt: ago(UNCERTAIN - 1000), sentAt: ago(UNCERTAIN - 100), deliveredAt: ago(UNCERTAIN - 1000) });
  await repo.syncStatuses(s2.t.tenantId, s2.campaignId); // the later row follows its receipt first
  expect(await s2.state(later)).toMatchObject({ status: "delivered" });
  expect(await repo.reconcile(s2.t.tenantId, s2.campaignId, LEASE, UNCERTAIN, 5)).toMatchObject({ released: 1, resent: 1, uncertain: 0 });
  expect(await s2.state(silent2)).toMatchObject({ status: "pending", message: "queued" });

  // a receipt that arrives late still settles an uncertain row
  const row = await h.c.db.campaignRecipient.findUniqueOrThrow({ where: { id: silent } });
  await h.c.db.message.update({ where: { id: row.messageId! }, data: { status: "delivered", providerMessageId: "wamid.late", deliveredAt: new Date() } });
  await repo.syncStatuses(s.t.tenantId, s.campaignId);
  expect(await s.state(silent)).toMatchObject({ status: "delivered", reason: null });
});

it("a dead worker's row of a cancelled campaign ends cancelled, not pending", async () => {
  const s = await setup(2);
  const stuck = await s.leave(0, ago(LEASE + 1000), { status: "queued", updatedAt: ago(LEASE + 1000) });
  await h.c.campaigns.service.cancel(s.t.tenantId, s.campaignId);
  await h.c.campaigns.context.repo.reconcile(s.t.tenantId, s.campaignId, LEASE, UNCERTAIN, 5);
  expect(await s.state(stuck)).toMatchObject({ status: "cancelled" });
  const counts = (await h.c.campaigns.service.stats(s.t.tenantId, s.campaignId)).counts;
  expect(counts).toMatchObject({ cancelled: 2, pending: 0, sending: 0 });
});
