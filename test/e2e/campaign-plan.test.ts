// Campaigns planned in chat, end to end: the owner's WhatsApp request goes through the real
// pipeline to a (fake, scripted) OpenAI model that calls plan_campaign then launch_campaign;
// the preview (audience of opted-in contacts who asked about facials, cost, copy, picture)
// arrives with Approve / Reject buttons; nothing is scheduled before Approve; a revision
// needs a new approval (the old button does nothing), also after a schedule; the sending
// engine sends the template; pause / resume / cancel from chat; results with attribution in
// chat and in the admin API; another tenant never resolves these campaigns; a lead never
// gets a campaign tool.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI, type OpenAIStep } from "../fakes/openai.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { buttonReplyWebhook, statusWebhook, textWebhook } from "../support/webhooks.js";

const CAMPAIGN_TOOLS = ["plan_campaign", "launch_campaign", "revise_campaign", "campaign_control", "campaign_results"];

let h: Harness;
let openai: FakeOpenAI;

const lastUser = (req: ChatRequest) => String([...req.messages].reverse().find((m) => m.role === "user")?.content ?? "");
const offered = (req: ChatRequest, name: string) => (req.tools ?? []).some((t) => t.function.name === name);

/** The "model": reads the owner's words the way an LLM would and calls the campaign tools. */
function owner(req: ChatRequest): OpenAIStep {
  const last = req.messages.at(-1);
  if (last?.role === "tool") {
    const content = String(last.content ?? "");
    try {
      const j = JSON.parse(content) as { preview?: string; campaign_id?: string; message?: string; error?: string };
      if (j.preview && j.campaign_id) return { toolCall: { name: "launch_campaign", args: { campaign: j.campaign_id } } };
      return { text: j.message ?? j.error ?? "Done." };
    } catch {
      return { text: content || "Done." };
    }
  }
  const text = lastUser(req);
  if (!offered(req, "plan_campaign")) return { text: "Hello! How can I help?" };
  const about = /asked about (\w+)/i.exec(text);
  const pct = /(\d+) ?% off/i.exec(text);
  if (about && pct) {
    const interest = about[1]!.toLowerCase();
    const when = /\bfor (\w+day)\b/i.exec(text)?.[1] ?? (/\bnow\b/i.test(text) ? "now" : undefined);
    return {
      toolCall: {
        name: "plan_campaign",
        args: { offer: `${pct[1]}% off ${interest}`, audience: { interests: [interest] }, channel: "whatsapp", ...(when ? { when } : {}), picture: /picture/i.test(text) },
      },
    };
  }
  const more = /^make it (\d+)% off/i.exec(text);
  if (more) return { toolCall: { name: "revise_campaign", args: { campaign: "latest", offer: `${more[1]}% off facials` } } };
  if (/send it now/i.test(text)) return { toolCall: { name: "revise_campaign", args: { campaign: "latest", when: "now" } } };
  const control = /^(pause|resume|cancel) the (\w+) campaign/i.exec(text);
  if (control) return { toolCall: { name: "campaign_control", args: { campaign: control[2], action: control[1]!.toLowerCase() } } };
  const results = /how did (.+?) campaign do/i.exec(text);
  if (results) return { toolCall: { name: "campaign_results", args: { campaign: results[1] } } };
  return { text: "Hello! How can I help?" };
}

beforeAll(async () => {
  openai = await startFakeOpenAI();
  openai.script([(req) => owner(req)], { repeat: true });
  h = await startHarness({
    env: { OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url, PUBLIC_BASE_URL: "https://growai.example.com", CREATIVES_PROVIDER: "local" },
    overrides: { campaigns: { rates: { whatsapp: 2 }, tickMs: 200, leaseMs: 3000, uncertainAfterMs: 3000, sweepEveryMs: 60_000, lockDuration: 2000, stalledInterval: 1000 } },
  });
});
afterAll(async () => {
  await h?.close();
  await openai?.close();
});

type Sent = { phoneNumberId?: string; body: unknown; providerMessageId?: string };
const bodyText = (b: unknown) => {
  const x = b as { text?: { body: string }; interactive?: { body: { text: string } } };
  return x.text?.body ?? x.interactive?.body.text ?? "";
};
const buttonsOf = (s: Sent) =>
  ((s.body as { interactive?: { action: { buttons: Array<{ reply: { id: string; title: string } }> } } }).interactive?.action.buttons ?? []).map((b) => b.reply);

interface Shop {
  tenantId: string;
  phoneNumberId: string;
  owner: string;
  sendsTo(to: string): Sent[];
  say(text: string): Promise<Sent>;
  tap(buttonId: string, quote?: string): Promise<Sent>;
}

async function openShop(o: { headerImage?: boolean } = {}): Promise<Shop> {
  const t = await h.createTenant();
  await h.c.db.tenant.update({
    where: { id: t.tenantId },
    data: { name: "Glow Studio", settings: { campaigns: { whatsappTemplate: { name: "weekly_offer", language: "en_GB", variables: ["business", "offer", "when"], headerImage: o.headerImage ?? false } } } },
  });
  h.c.tenants.invalidate(t.tenantId);
  const ownerNumber = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
  await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: ownerNumber });
  const sendsTo = (to: string) => h.graph.sends().filter((s: Sent) => s.phoneNumberId === t.phoneNumberId && (s.body as { to?: string }).to === to);
  const next = async (before: number) => {
    await eventually(async () => sendsTo(ownerNumber).length > before, 15_000);
    return sendsTo(ownerNumber).at(-1)!;
  };
  return {
    tenantId: t.tenantId, phoneNumberId: t.phoneNumberId, owner: ownerNumber, sendsTo,
    async say(text) {
      const before = sendsTo(ownerNumber).length;
      await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: ownerNumber, text, name: "Owner" }));
      return next(before);
    },
    async tap(buttonId, quote) {
      const before = sendsTo(ownerNumber).length;
      await h.postWebhook(buttonReplyWebhook({ phoneNumberId: t.phoneNumberId, from: ownerNumber, buttonId, title: "Approve", ...(quote ? { quote } : {}) }));
      return next(before);
    },
  };
}

/** A lead who writes `text` through the real webhook; returns the contact id. */
async function leadWrites(shop: Shop, text: string, consent: "opted_in" | "unknown" | "opted_out"): Promise<{ contactId: string; wa: string }> {
  const wa = `4477008${Math.floor(Math.random() * 90000 + 10000)}`;
  await h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: wa, text, name: `Lead ${wa.slice(-4)}` }));
  await eventually(async () => shop.sendsTo(wa).length > 0, 15_000);
  const identity = await h.c.db.contactIdentity.findFirstOrThrow({ where: { tenantId: shop.tenantId, channel: "whatsapp", address: { contains: wa } } });
  await h.c.db.contact.update({ where: { id: identity.contactId }, data: { consent } });
  return { contactId: identity.contactId, wa };
}

/** `n` opted-in contacts (straight into the database) whose one inbound message is `text`. */
async function seedAskers(tenantId: string, n: number, text: string): Promise<string[]> {
  const account = await h.c.db.channelAccount.findFirstOrThrow({ where: { tenantId, channel: "whatsapp" } });
  const base = 447700000000 + Math.floor(Math.random() * 9e8);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const wa = String(base + i);
    const c = await h.c.db.contact.create({
      data: { tenantId, consent: "opted_in", lastInboundAt: new Date(), identities: { create: { tenantId, channel: "whatsapp", address: `+${wa}`, lastInboundAt: new Date() } } },
    });
    const conv = await h.c.db.conversation.create({ data: { tenantId, contactId: c.id, channelAccountId: account.id, channel: "whatsapp", address: wa, key: wa } });
    await h.c.db.message.create({
      data: { tenantId, conversationId: conv.id, channel: "whatsapp", direction: "inbound", kind: "text", text, status: "handled", idempotencyKey: `seed-${randomUUID()}`, senderAddress: wa },
    });
    ids.push(c.id);
  }
  return ids;
}

async function insertBooking(tenantId: string, contactId: string, createdAt: Date): Promise<void> {
  const serviceId = randomUUID();
  const resourceId = randomUUID();
  await h.c.db.service.create({ data: { id: serviceId, tenantId, name: `Facial ${serviceId.slice(0, 6)}`, durationMin: 60, priceMinor: 4500, currency: "GBP" } });
  await h.c.db.resource.create({ data: { id: resourceId, tenantId, name: `Room ${resourceId.slice(0, 6)}` } });
  const startsAt = new Date(Date.now() + 3 * 86_400_000 + Math.floor(Math.random() * 1e6));
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  await h.c.db.booking.create({ data: { tenantId, contactId, serviceId, resourceId, startsAt, endsAt, blockedUntil: endsAt, status: "confirmed", createdAt } });
}

async function insertPayment(tenantId: string, contactId: string, paidAt: Date, amountMinor: number): Promise<void> {
  await h.c.db.payment.create({
    data: { tenantId, contactId, provider: "stripe", providerRef: `cs_test_${randomUUID()}`, amountMinor, currency: "GBP", status: "paid", idempotencyKey: randomUUID(), paidAt },
  });
}

const campaignsOf = (tenantId: string) => h.c.db.campaign.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
const recipientsOf = (campaignId: string) => h.c.db.campaignRecipient.findMany({ where: { campaignId } });
const templateSends = (shop: Shop) => h.graph.sends().filter((s: Sent) => s.phoneNumberId === shop.phoneNumberId && (s.body as { type?: string }).type === "template");

it("plans from the owner's words, previews, needs Approve (again after every change), sends, and reports what it brought in", async () => {
  const shop = await openShop({ headerImage: true }); // the template's header is an image: the campaign's picture
  const a = await leadWrites(shop, "Hi! How much is a facial?", "opted_in");
  const b = await leadWrites(shop, "Do you do facials on Saturdays?", "opted_in");
  await leadWrites(shop, "facial prices please", "unknown"); // never opted in
  await leadWrites(shop, "I'd like a facial", "opted_out");
  const haircut = await leadWrites(shop, "Can I book a haircut?", "opted_in"); // opted in, other interest

  // a lead is never offered any campaign tool (whichever tier answered; tools/campaigns/tools.test.ts checks the registry)
  const leadTurns = openai.requests.filter((r) => r.messages.some((m) => /facial|haircut/i.test(String(m.content ?? ""))));
  for (const r of leadTurns) for (const name of CAMPAIGN_TOOLS) expect(offered(r, name)).toBe(false);

  // 1. the owner's request → plan_campaign → launch_campaign pauses with the preview and buttons
  const ask = await shop.say("send everyone who asked about facials a 20 % off offer for Friday, with a nice picture");
  const preview = bodyText(ask.body);
  expect(buttonsOf(ask).map((x) => x.title)).toEqual(["Approve", "Reject"]);
  expect(preview).toContain("To: 2 people");
  expect(preview).toMatch(/2 more matched but haven't opted in/);
  expect(preview).toContain("Cost: ≈ $0.11"); // 2 UK marketing templates: 2 × $0.0529, rounded up
  expect(preview).toMatch(/Message: “Glow Studio: 20% off facials/);
  expect(preview).toMatch(/When: Friday/);
  const picture = /Picture: (https:\/\/growai\.example\.com\/creatives\/[\w-]+\.png)/.exec(preview)?.[1];
  expect(picture).toBeTruthy();
  // the owner sees the picture itself: the approval message's image header
  expect((ask.body as { interactive?: { header?: { image?: { link?: string } } } }).interactive?.header?.image?.link).toBe(picture);
  const image = await fetch(`${h.baseUrl}${new URL(picture!).pathname}`);
  expect(image.status).toBe(200);
  expect(image.headers.get("content-type")).toBe("image/png");

  let [campaign] = await campaignsOf(shop.tenantId);
  expect(campaign).toMatchObject({ status: "awaiting_approval", version: 1, channel: "whatsapp", templateName: "weekly_offer", audienceSize: 2, estimatedCostMinor: 11, currency: "USD" });
  expect(campaign!.templateParams).toEqual({ body: ["Glow Studio", "20% off facials", expect.stringMatching(/^Friday/)], headerImage: true });
  expect(campaign!.creativeId).not.toBeNull();
  const friday = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "long", hour: "2-digit", minute: "2-digit" }).format(campaign!.scheduledAt!);
  expect(friday).toBe("Friday 10:00");
  // nothing scheduled before Approve
  expect(await recipientsOf(campaign!.id)).toHaveLength(0);

  // 2. a change after the preview: back to draft, new version, a new approval; the old button does nothing
  const firstApprove = buttonsOf(ask)[0]!.id;
  const ask2 = await shop.say("make it 25% off instead");
  expect(bodyText(ask2.body)).toMatch(/Message: “Glow Studio: 25% off facials/);
  const secondApprove = buttonsOf(ask2)[0]!.id;
  expect(secondApprove).not.toBe(firstApprove);
  [campaign] = await campaignsOf(shop.tenantId);
  expect(campaign).toMatchObject({ status: "awaiting_approval", version: 2, offer: "25% off facials" });
  const stale = await shop.tap(firstApprove, ask.providerMessageId);
  expect(bodyText(stale.body)).toMatch(/cancelled|nothing was changed/i);
  [campaign] = await campaignsOf(shop.tenantId);
  expect(campaign!.status).toBe("awaiting_approval");
  expect(await recipientsOf(campaign!.id)).toHaveLength(0);

  // 3. Approve: scheduled for Friday with exactly the two opted-in facial askers
  const approved = await shop.tap(secondApprove, ask2.providerMessageId);
  expect(bodyText(approved.body)).toMatch(/Approved — .* is scheduled for Friday.*2 people/);
  [campaign] = await campaignsOf(shop.tenantId);
  expect(campaign).toMatchObject({ status: "scheduled", version: 3 });
  expect(campaign!.approvedAt).not.toBeNull();
  expect(new Set((await recipientsOf(campaign!.id)).map((r) => r.contactId))).toEqual(new Set([a.contactId, b.contactId]));
  expect(templateSends(shop)).toHaveLength(0);

  // 4. a change to the scheduled (not started) campaign needs approving again
  const ask3 = await shop.say("actually, send it now");
  expect(buttonsOf(ask3)).toHaveLength(2);
  expect(bodyText(ask3.body)).toMatch(/When: now|When: \w+day/);
  [campaign] = await campaignsOf(shop.tenantId);
  expect(campaign).toMatchObject({ status: "awaiting_approval", version: 4, approvedAt: null });
  expect(await recipientsOf(campaign!.id)).toHaveLength(0);
  const started = await shop.tap(buttonsOf(ask3)[0]!.id, ask3.providerMessageId);
  expect(bodyText(started.body)).toMatch(/starting now, to 2 people/);

  // the engine sends the approved template to the two of them, once each
  await eventually(async () => (await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaign!.id } })).status === "completed", 20_000);
  const sent = templateSends(shop);
  expect(sent.map((s) => (s.body as { to: string }).to).sort()).toEqual([a.wa, b.wa].sort());
  // the template's image header carries the campaign's picture, served at its public URL
  const components = (sent[0]!.body as { template: { components: Array<{ type: string; parameters: Array<{ text?: string; image?: { link: string } }> }> } }).template.components;
  expect(components.map((c) => c.type)).toEqual(["header", "body"]);
  const link = components[0]!.parameters[0]!.image!.link;
  expect(link).toMatch(/^https:\/\/growai\.example\.com\/creatives\/[\w-]+\.png$/);
  const served = await fetch(`${h.baseUrl}${new URL(link).pathname}`);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/png");
  expect(components[1]!.parameters.map((p) => p.text)).toEqual(["Glow Studio", "25% off facials", expect.any(String)]);
  const rows = await recipientsOf(campaign!.id);
  const sentAt = new Map(rows.map((r) => [r.contactId, r.sentAt!]));
  expect(sentAt.get(a.contactId)).toBeInstanceOf(Date);

  // receipts, and what followed: inside the 72-hour window and outside it
  const rowA = rows.find((r) => r.contactId === a.contactId)!;
  await h.postWebhook(statusWebhook({ phoneNumberId: shop.phoneNumberId, recipient: a.wa, id: rowA.providerMessageId!, status: "read" }));
  await h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: a.wa, text: "Yes please, book me in!", name: "Lead A" })); // a reply
  await eventually(async () => (await h.c.db.message.count({ where: { tenantId: shop.tenantId, direction: "inbound", text: "Yes please, book me in!" } })) === 1);
  const atB = sentAt.get(b.contactId)!.getTime();
  const atA = sentAt.get(a.contactId)!.getTime();
  await insertBooking(shop.tenantId, b.contactId, new Date(atB + 3_600_000)); // counts
  await insertBooking(shop.tenantId, a.contactId, new Date(atA - 3_600_000)); // before the send: no
  await insertBooking(shop.tenantId, haircut.contactId, new Date(atA + 3_600_000)); // not a recipient: no
  await insertPayment(shop.tenantId, a.contactId, new Date(atA + 2 * 3_600_000), 4500); // counts
  await insertPayment(shop.tenantId, b.contactId, new Date(atB + 80 * 3_600_000), 9900); // after 72 h: no

  // 5. "how did Friday's campaign do?" → the figures
  const report = bodyText((await shop.say("how did Friday's campaign do?")).body);
  expect(report).toMatch(/Sent to 2 of 2/);
  expect(report).toMatch(/read 1/);
  expect(report).toMatch(/1 person replied \(1 message\), 1 booking, 1 payment worth £45\.00/);

  // the admin API: the same figures; another tenant's path is a 404
  const list = await h.admin("GET", `/tenants/${shop.tenantId}/campaigns`);
  expect(list.status).toBe(200);
  expect(list.body.campaigns.map((c: { id: string }) => c.id)).toEqual([campaign!.id]);
  const one = await h.admin("GET", `/tenants/${shop.tenantId}/campaigns/${campaign!.id}`);
  expect(one.status).toBe(200);
  expect(one.body.stats).toMatchObject({ total: 2, accepted: 2, counts: { read: 1 } });
  expect(one.body.attribution).toMatchObject({ attributionHours: 72, reached: 2, replies: 1, repliers: 1, bookings: 1, payments: 1, revenue: [{ currency: "GBP", amountMinor: 4500 }] });
  expect(one.body.campaign.audience).toEqual({ interests: ["facials"], channel: "whatsapp", consent: "opted_in" });

  const other = await openShop();
  expect((await h.admin("GET", `/tenants/${other.tenantId}/campaigns/${campaign!.id}`)).status).toBe(404);
  expect((await h.admin("GET", `/tenants/${other.tenantId}/campaigns`)).body.campaigns).toEqual([]);
  // in chat, another tenant's owner never reaches it
  expect(bodyText((await other.say("how did Friday's campaign do?")).body)).toMatch(/don't have any campaigns/);
  expect(bodyText((await other.say("cancel the facials campaign")).body)).toMatch(/don't have any campaigns/);
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaign!.id } })).status).toBe("completed");
});

it("pauses, resumes and cancels a running campaign from chat", async () => {
  const shop = await openShop();
  const ids = await seedAskers(shop.tenantId, 30, "do you have a massage slot?");
  const ask = await shop.say("send everyone who asked about massages 10% off now");
  expect(bodyText(ask.body)).toContain("To: 30 people");
  const [campaign] = await campaignsOf(shop.tenantId);
  await shop.tap(buttonsOf(ask)[0]!.id, ask.providerMessageId);
  await eventually(async () => templateSends(shop).length > 0, 15_000);

  expect(bodyText((await shop.say("pause the massage campaign")).body)).toMatch(/Paused/);
  const paused = await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaign!.id } });
  expect(paused.status).toBe("paused");
  expect((await recipientsOf(campaign!.id)).filter((r) => r.status === "pending").length).toBeGreaterThan(0);

  expect(bodyText((await shop.say("resume the massage campaign")).body)).toMatch(/Resumed/);
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaign!.id } })).status).toBe("running");

  expect(bodyText((await shop.say("cancel the massage campaign")).body)).toMatch(/Cancelled/);
  expect((await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaign!.id } })).status).toBe("cancelled");
  const rows = await recipientsOf(campaign!.id);
  expect(rows).toHaveLength(ids.length);
  expect(rows.filter((r) => r.status === "cancelled").length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.status === "pending")).toHaveLength(0);
  // nobody cancelled was sent to
  const sentTo = new Set(templateSends(shop).map((s) => `+${(s.body as { to: string }).to}`));
  for (const r of rows.filter((x) => x.status === "cancelled")) expect(sentTo.has(r.address)).toBe(false);
});
