// The campaign planner against the real database and sending engine (no chat): segments
// (interests, tags, last interaction, booked or not, channel identity, consent, never the
// owners, never another tenant's contacts), WhatsApp without a template (24-hour window),
// SMS copy and cost, loose campaign references, and the version guard on approval.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CampaignPlanner } from "../../api/campaigns/plan/index.js";
import { createSql } from "../../core/db.js";
import { rootLogger } from "../../core/logger.js";
import type { Sql } from "../../core/sql.js";
import { testDatabaseUrl } from "../support/db.js";
import { startHarness, type Harness } from "../support/harness.js";

let h: Harness;
let sql: Sql;
let planner: CampaignPlanner;
const tuesday = new Date("2026-11-24T12:00:00Z");

beforeAll(async () => {
  h = await startHarness({ workers: false, env: { PUBLIC_BASE_URL: "https://growai.example.com", CREATIVES_PROVIDER: "local" } });
  sql = createSql(testDatabaseUrl(), 3);
  planner = new CampaignPlanner({
    sql, tenants: h.c.tenants, campaigns: () => h.c.campaigns.service, creatives: () => h.c.creatives, logger: rootLogger, now: () => tuesday,
  });
});
afterAll(async () => {
  await sql?.end();
  await h?.close();
});

interface Person { channel?: "whatsapp" | "sms"; phone?: string; consent?: "opted_in" | "unknown" | "opted_out"; says?: string; tags?: string[]; lastInboundAt?: Date | null; booked?: boolean }

async function person(tenantId: string, p: Person): Promise<string> {
  const db = h.c.db;
  const channel = p.channel ?? "whatsapp";
  const phone = p.phone ?? `+4477${Math.floor(Math.random() * 9e8 + 1e8)}`;
  const last = p.lastInboundAt === undefined ? new Date(tuesday.getTime() - 3_600_000) : p.lastInboundAt;
  const c = await db.contact.create({
    data: { tenantId, consent: p.consent ?? "opted_in", tags: p.tags ?? [], lastInboundAt: last, identities: { create: { tenantId, channel, address: phone, lastInboundAt: last } } },
  });
  if (p.says) {
    const account = await db.channelAccount.findFirstOrThrow({ where: { tenantId } });
    const conv = await db.conversation.create({ data: { tenantId, contactId: c.id, channelAccountId: account.id, channel, address: phone, key: phone } });
    await db.message.create({ data: { tenantId, conversationId: conv.id, channel, direction: "inbound", kind: "text", text: p.says, status: "handled", idempotencyKey: randomUUID() } });
  }
  if (p.booked) {
    const serviceId = randomUUID();
    const resourceId = randomUUID();
    await db.service.create({ data: { id: serviceId, tenantId, name: `S ${serviceId.slice(0, 6)}`, durationMin: 30 } });
    await db.resource.create({ data: { id: resourceId, tenantId, name: `R ${resourceId.slice(0, 6)}` } });
    const startsAt = new Date(Date.now() - 5 * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 1_800_000);
    await db.booking.create({ data: { tenantId, contactId: c.id, serviceId, resourceId, startsAt, endsAt, blockedUntil: endsAt, status: "completed" } });
  }
  return c.id;
}

async function shop(template = true) {
  const t = await h.createTenant();
  await h.c.db.tenant.update({
    where: { id: t.tenantId },
    data: { name: "Glow Studio", settings: template ? { campaigns: { whatsappTemplate: { name: "weekly_offer", language: "en_GB", variables: ["message"] }, attributionHours: 48 } } : {} },
  });
  h.c.tenants.invalidate(t.tenantId);
  return t.tenantId;
}

const conv = { conversationId: randomUUID() };

it("resolves the segment with consent, tags, last interaction, booked or not — and never another tenant's contacts or an owner", async () => {
  const tenantId = await shop();
  const other = await shop();
  const yes = await person(tenantId, { says: "how much is a FACIAL?", tags: ["vip"], booked: true });
  const notBooked = await person(tenantId, { says: "facials on sunday?", lastInboundAt: new Date(tuesday.getTime() - 40 * 86_400_000) });
  await person(tenantId, { says: "facial please", consent: "unknown" });
  await person(tenantId, { says: "facial please", consent: "opted_out" });
  await person(tenantId, { says: "haircut please" });
  await person(tenantId, { says: "facial please", channel: "sms", phone: "+14155550199" });
  await person(other, { says: "facials!" });
  const ownerPhone = `+4477${Math.floor(Math.random() * 9e8 + 1e8)}`;
  await h.c.tenants.addOwner(tenantId, { channel: "whatsapp", address: ownerPhone.slice(1) });
  await person(tenantId, { says: "do a facials campaign", phone: ownerPhone });

  const size = async (audience: Record<string, unknown>) => {
    const r = await planner.plan(tenantId, conv, { offer: "20% off facials", audience, channel: "whatsapp", when: "Friday", picture: false });
    if (!r.ok) throw new Error(r.message);
    return r.preview;
  };
  const all = await size({ interests: ["facials"] });
  expect(all).toMatchObject({ audienceSize: 2, withoutConsent: 2, outsideWindow: 0, estimatedCostMinor: 11, currency: "USD" });
  expect(all.text).toContain("people who asked about facials");
  expect((await size({ interests: ["facials"], tags: ["vip"] })).audienceSize).toBe(1);
  expect((await size({ interests: ["facials"], lastInteractionDays: 30 })).audienceSize).toBe(1);
  expect((await size({ interests: ["facials"], booked: false })).audienceSize).toBe(1);
  expect((await size({ interests: ["facials"], booked: true })).audienceSize).toBe(1);
  const campaigns = await h.c.db.campaign.findMany({ where: { tenantId }, select: { audienceSize: true, scheduledAt: true, attributionHours: true } });
  expect(campaigns).toHaveLength(5);
  expect(campaigns.every((c) => c.attributionHours === 48 && c.scheduledAt?.toISOString() === "2026-11-27T10:00:00.000Z")).toBe(true);

  // approval resolves the same people: the opted-in facial askers on WhatsApp, nobody else
  const first = await planner.plan(tenantId, conv, { offer: "20% off facials", audience: { interests: ["facials"] }, channel: "whatsapp", when: "now", picture: false });
  if (!first.ok) throw new Error(first.message);
  // "now" has no fixed time: it starts when approved, however late the approval comes
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: first.preview.campaignId } })).scheduledAt).toBeNull();
  const launched = await planner.launch(tenantId, first.preview.campaignId, first.preview.version);
  expect(launched).toMatchObject({ ok: true, message: expect.stringMatching(/starting now, to 2 people/) });
  const rows = await h.c.db.campaignRecipient.findMany({ where: { campaignId: first.preview.campaignId } });
  expect(new Set(rows.map((r) => r.contactId))).toEqual(new Set([yes, notBooked]));
  // the same approval again changes nothing; a stale version never schedules
  expect((await planner.launch(tenantId, first.preview.campaignId, first.preview.version)).message).toMatch(/already approved/);
  expect(await h.c.db.campaignRecipient.count({ where: { campaignId: first.preview.campaignId } })).toBe(2);
  // another tenant can't launch, revise or read it
  expect((await planner.launch(other, first.preview.campaignId, first.preview.version)).ok).toBe(false);
  expect(await planner.results(other, first.preview.campaignId)).toMatchObject({ ok: false });
  expect(await planner.revise(other, "latest", { offer: "50% off" })).toMatchObject({ ok: false });
});

it("WhatsApp without a template reaches only people inside the 24-hour window, for free; SMS fits its segments and is priced per segment", async () => {
  const tenantId = await shop(false);
  await person(tenantId, { says: "facial?", lastInboundAt: new Date(tuesday.getTime() - 2 * 3_600_000) });
  await person(tenantId, { says: "facial?", lastInboundAt: new Date(tuesday.getTime() - 3 * 86_400_000) });
  const now = await planner.plan(tenantId, conv, { offer: "20% off facials", audience: { interests: ["facial"] }, channel: "whatsapp", when: "now", picture: false });
  expect(now.ok && now.preview).toMatchObject({ audienceSize: 1, outsideWindow: 1, estimatedCostMinor: 0 });
  expect(now.ok && now.preview.text).toMatch(/outside WhatsApp's 24-hour window/);
  // on Friday nobody's window is open any more
  const friday = await planner.plan(tenantId, conv, { offer: "20% off facials", audience: { interests: ["facial"] }, channel: "whatsapp", when: "Friday", picture: false });
  expect(friday.ok && friday.preview).toMatchObject({ audienceSize: 0, outsideWindow: 2 });
  // nobody to send to: no approval is asked for
  expect(await planner.prepareLaunch(tenantId, friday.ok ? friday.preview.campaignId : "")).toMatchObject({ ok: false, message: expect.stringMatching(/nothing to approve.*|outside WhatsApp's 24-hour window/) });
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: friday.ok ? friday.preview.campaignId : "" } })).status).toBe("draft");

  await person(tenantId, { channel: "sms", phone: "+14155550101", says: "any facial deals?" });
  await person(tenantId, { channel: "sms", phone: "+14155550102", says: "facial price" });
  const long = "Treat yourself this Friday: every facial is 20% off at Glow Studio, including the deluxe hydrating facial and the express glow facial. Spaces are limited, so reply to this message with a time that suits you and we will book you in.";
  const sms = await planner.plan(tenantId, conv, { offer: "20% off facials", audience: { interests: ["facial"] }, channel: "sms", when: "Friday", variants: [long], picture: false });
  if (!sms.ok) throw new Error(sms.message);
  expect(sms.preview.copy.endsWith("\nReply STOP to opt out.")).toBe(true);
  expect(sms.preview).toMatchObject({ audienceSize: 2, estimatedCostMinor: 4, variants: [{ n: 1, source: "llm" }] }); // 2 people × 2 segments × $0.0083
  const row = await h.c.db.campaign.findUniqueOrThrow({ where: { id: sms.preview.campaignId } });
  expect(row).toMatchObject({ channel: "sms", templateName: null, body: sms.preview.copy });
});

it("finds campaigns by day, by words of the name, or the latest; a change after approval needs approving again", async () => {
  const tenantId = await shop();
  await person(tenantId, { says: "facial?" });
  await person(tenantId, { says: "massage?" });
  const fri = await planner.plan(tenantId, conv, { offer: "20% off facials", audience: { interests: ["facial"] }, channel: "whatsapp", when: "Friday", picture: true });
  const sat = await planner.plan(tenantId, conv, { offer: "10% off massages", audience: { interests: ["massage"] }, channel: "whatsapp", when: "Saturday 2pm", picture: false });
  if (!fri.ok || !sat.ok) throw new Error("plan failed");
  expect(fri.preview.imageUrl).toMatch(/^https:\/\/growai\.example\.com\/creatives\/.+\.png$/);
  expect(fri.preview.name).toBe("20% off facials — Friday");

  // prepare (what launch_campaign shows) marks it awaiting approval; launch schedules exactly that version
  const shown = await planner.prepareLaunch(tenantId, "Friday's");
  expect(shown.ok && shown.preview).toMatchObject({ campaignId: fri.preview.campaignId, status: "awaiting_approval", version: 1 });
  expect((await planner.prepareLaunch(tenantId, "the massages one")).ok && true).toBe(true);
  const latest = await planner.prepareLaunch(tenantId, "latest");
  expect(latest.ok && latest.preview.campaignId).toBe(sat.preview.campaignId);

  expect((await planner.launch(tenantId, fri.preview.campaignId, 1)).message).toMatch(/scheduled for Friday/);
  let c = await h.c.db.campaign.findUniqueOrThrow({ where: { id: fri.preview.campaignId } });
  expect(c).toMatchObject({ status: "scheduled", version: 2 });
  expect(await h.c.db.campaignRecipient.count({ where: { campaignId: c.id } })).toBe(1);

  // a revision of the scheduled campaign: back to draft, recipients gone, the creative remade for the new offer
  const revised = await planner.revise(tenantId, "friday", { offer: "25% off facials" });
  if (!revised.ok) throw new Error(revised.message);
  expect(revised.preview).toMatchObject({ version: 3, status: "draft", name: "25% off facials — Friday" });
  expect(revised.preview.notes[0]).toMatch(/on hold until you approve/);
  c = await h.c.db.campaign.findUniqueOrThrow({ where: { id: fri.preview.campaignId } });
  expect(c).toMatchObject({ status: "draft", approvedAt: null, offer: "25% off facials" });
  expect(await h.c.db.campaignRecipient.count({ where: { campaignId: c.id } })).toBe(0);
  expect(revised.preview.imageUrl).not.toBe(fri.preview.imageUrl);
  // the approval of version 1 can't schedule version 3
  expect(await planner.launch(tenantId, c.id, 1)).toMatchObject({ ok: false, message: expect.stringMatching(/changed after that preview/) });
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("draft");
  // switching variants is a revision too
  const v2 = await planner.revise(tenantId, "25% off facials", { useVariant: 2 });
  expect(v2.ok && v2.preview).toMatchObject({ chosenVariant: 2, version: 4 });
  expect(v2.ok && v2.preview.copy).toMatch(/^Hi from Glow Studio! 25% off facials/);

  // cancelled: nothing more to change; pause of a scheduled-not-started one is explained
  expect(await planner.control(tenantId, "friday", "cancel")).toMatchObject({ ok: true, message: expect.stringMatching(/Cancelled/) });
  expect(await planner.revise(tenantId, c.id, { offer: "30% off" })).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled/) });
  expect(await planner.prepareLaunch(tenantId, "nonexistent words here")).toMatchObject({ ok: false, message: expect.stringMatching(/couldn't find/) });
});
