// Campaign sending, in process against the fake Graph API (which enforces a per-number rate
// when told to): paced sends, once each, the template rule, receipts followed; pause and
// resume, a STOP received mid-campaign, cancel; 130429 slows the pace; tenants walled off.
import { afterAll, beforeAll, expect, it } from "vitest";
import { NotFoundError } from "../../core/errors.js";
import { peakInWindow } from "../fakes/rate-limit.js";
import { createCampaign, seedContacts, tally } from "../support/campaigns.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { statusWebhook, textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    overrides: {
      campaigns: { rates: { whatsapp: 20 }, tickMs: 200, leaseMs: 3000, uncertainAfterMs: 3000, sweepEveryMs: 60_000, lockDuration: 2000, stalledInterval: 1000 },
    },
  });
});
afterAll(async () => {
  await h?.close();
});

type Sent = { phoneNumberId?: string; body: unknown };
const templateSends = (phoneNumberId: string) =>
  h.graph.sends().filter((s: Sent) => s.phoneNumberId === phoneNumberId && (s.body as { type?: string }).type === "template");
const toOf = (s: Sent) => String((s.body as { to: string }).to);
const rows = (campaignId: string) => h.c.db.campaignRecipient.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
const status = async (campaignId: string) => (await h.c.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status;
const svc = () => h.c.campaigns.service;

it("sends each recipient once, as the approved template, at the sender's pace, and follows the receipts", async () => {
  const t = await h.createTenant();
  h.graph.limitRate(t.phoneNumberId, { perSecond: 20 });
  const contacts = await seedContacts(h.c.db, t.tenantId, 25);
  const id = await createCampaign(h.c.db, t.tenantId);
  const r = await svc().schedule(t.tenantId, id, { contactIds: contacts.map((c) => c.id) });
  expect(r).toMatchObject({ changed: true, status: "scheduled", recipients: 25 });

  await eventually(async () => (await status(id)) === "completed", 20_000);
  const sends = templateSends(t.phoneNumberId);
  const seen = tally(sends.map(toOf));
  expect(seen.size).toBe(25);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(seen.keys())).toEqual(new Set(contacts.map((c) => c.phone)));
  expect((sends[0]!.body as { template: { name: string } }).template.name).toBe("weekly_offer");
  // paced: the fake never had to refuse one
  expect(h.graph.rateDecisions.filter((d) => d.sender === t.phoneNumberId && !d.accepted)).toHaveLength(0);
  expect(peakInWindow(h.graph.rateDecisions, t.phoneNumberId)).toBeLessThanOrEqual(20 + 20);

  // receipts: the status webhooks move the Message; the recipient follows it
  const first = (await rows(id)).find((x) => x.status === "sent")!;
  const wa = first.address.replace(/^\+/, "");
  await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: wa, id: first.providerMessageId!, status: "delivered" }));
  const second = (await rows(id)).find((x) => x.status === "sent" && x.id !== first.id)!;
  await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: second.address.replace(/^\+/, ""), id: second.providerMessageId!, status: "read" }));
  const stats = await eventually(async () => {
    const s = await svc().stats(t.tenantId, id);
    return s.counts.delivered === 1 && s.counts.read === 1 ? s : null;
  });
  expect(stats).toMatchObject({ status: "completed", total: 25, accepted: 25, uncertain: 0 });
  expect(stats.counts.sent).toBe(23);
  const msg = await h.c.db.message.findFirstOrThrow({ where: { id: first.messageId! } });
  expect(msg).toMatchObject({ direction: "outbound", status: "delivered", idempotencyKey: `campaign:${id}:${first.contactId}` });
}, 40_000);

it("pauses (nothing more goes out), honours a STOP received meanwhile, and resumes", async () => {
  const t = await h.createTenant();
  h.graph.limitRate(t.phoneNumberId, { perSecond: 4, burst: 1 });
  h.c.campaigns.context.settings.accountRates[(await h.c.tenants.accountFor(t.tenantId, "whatsapp"))!.id] = 4;
  const contacts = await seedContacts(h.c.db, t.tenantId, 20);
  const id = await createCampaign(h.c.db, t.tenantId);
  await svc().schedule(t.tenantId, id, { contactIds: contacts.map((c) => c.id) });
  await eventually(async () => templateSends(t.phoneNumberId).length >= 3, 15_000);
  expect(await svc().pause(t.tenantId, id)).toMatchObject({ changed: true, status: "paused" });
  expect(await svc().pause(t.tenantId, id)).toMatchObject({ changed: false, status: "paused" });
  // sends already claimed finish; then nothing moves
  await eventually(async () => (await rows(id)).every((x) => x.status !== "sending"));
  const sentWhilePausing = templateSends(t.phoneNumberId).length;
  const pending = (await rows(id)).filter((x) => x.status === "pending");
  expect(pending.length).toBeGreaterThan(5);

  // a STOP from a contact not yet sent to, while paused
  const stopper = pending[pending.length - 1]!;
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: stopper.address.replace(/^\+/, ""), text: "STOP" }));
  await eventually(async () => (await h.c.db.contact.findUniqueOrThrow({ where: { id: stopper.contactId } })).consent === "opted_out");
  await new Promise((r) => setTimeout(r, 1500)); // several ticks while paused
  expect(templateSends(t.phoneNumberId)).toHaveLength(sentWhilePausing);
  expect((await rows(id)).filter((x) => x.status === "pending")).toHaveLength(pending.length);

  expect(await svc().resume(t.tenantId, id)).toMatchObject({ changed: true, status: "running" });
  await eventually(async () => (await status(id)) === "completed", 20_000);
  const seen = tally(templateSends(t.phoneNumberId).map(toOf));
  expect(seen.has(stopper.address)).toBe(false);
  expect(seen.size).toBe(19);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  const final = (await rows(id)).find((x) => x.id === stopper.id)!;
  expect(final).toMatchObject({ status: "skipped" });
  expect(final.reason).toMatch(/^opted_out/);
}, 60_000);

it("cancel: nobody not yet sent to gets it", async () => {
  const t = await h.createTenant();
  h.graph.limitRate(t.phoneNumberId, { perSecond: 4, burst: 1 });
  const account = (await h.c.tenants.accountFor(t.tenantId, "whatsapp"))!;
  h.c.campaigns.context.settings.accountRates[account.id] = 4;
  const contacts = await seedContacts(h.c.db, t.tenantId, 20);
  const id = await createCampaign(h.c.db, t.tenantId);
  await svc().schedule(t.tenantId, id, { contactIds: contacts.map((c) => c.id) });
  await eventually(async () => templateSends(t.phoneNumberId).length >= 2, 15_000);
  const r = await svc().cancel(t.tenantId, id);
  expect(r).toMatchObject({ changed: true, status: "cancelled" });
  expect(r.cancelledRecipients).toBeGreaterThan(5);
  await eventually(async () => (await rows(id)).every((x) => x.status !== "sending"));
  const sentAtCancel = templateSends(t.phoneNumberId).length;
  await new Promise((r) => setTimeout(r, 1000));
  expect(templateSends(t.phoneNumberId)).toHaveLength(sentAtCancel);
  const all = await rows(id);
  expect(all.filter((x) => x.status === "sent")).toHaveLength(sentAtCancel);
  expect(all.filter((x) => x.status === "cancelled")).toHaveLength(20 - sentAtCancel);
  expect(await svc().resume(t.tenantId, id)).toMatchObject({ changed: false, status: "cancelled" });
  expect(await svc().cancel(t.tenantId, id)).toMatchObject({ changed: false });
}, 40_000);

it("130429 slows the pace: every recipient still gets it once, and the refusals stop", async () => {
  const t = await h.createTenant();
  // we believe 40/s; the number really allows 8/s
  h.graph.limitRate(t.phoneNumberId, { perSecond: 8, burst: 8 });
  const account = (await h.c.tenants.accountFor(t.tenantId, "whatsapp"))!;
  const contacts = await seedContacts(h.c.db, t.tenantId, 60);
  const id = await createCampaign(h.c.db, t.tenantId);
  // the start job registers the sender at the configured rate; make this one 40/s
  h.c.campaigns.context.settings.accountRates[account.id] = 40;
  await svc().schedule(t.tenantId, id, { contactIds: contacts.map((c) => c.id) });
  await eventually(async () => (await status(id)) === "completed", 40_000);

  const seen = tally(templateSends(t.phoneNumberId).map(toOf));
  expect(seen.size).toBe(60);
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  const decisions = h.graph.rateDecisions.filter((d) => d.sender === t.phoneNumberId);
  const refused = decisions.filter((d) => !d.accepted).length;
  expect(refused).toBeGreaterThan(0); // the limit was hit …
  expect(refused).toBeLessThan(20); // … and the pace came down instead of hammering it
  // halved on each refusal (once a second at most): it ends at or under what the number allows
  const pace = await h.c.campaigns.context.pacer.current(account.id);
  expect(pace).toMatchObject({ allowed: 40 });
  expect(pace!.current).toBeLessThanOrEqual(8);
  // the refusals thin out: fewer in the second half of the run than in the first
  const half = Math.floor(decisions.length / 2);
  expect(decisions.slice(half).filter((d) => !d.accepted).length).toBeLessThan(decisions.slice(0, half).filter((d) => !d.accepted).length);
  expect((await rows(id)).every((x) => x.status === "sent")).toBe(true);
}, 60_000);

it("free-form text only inside the 24-hour window when there is no template", async () => {
  const t = await h.createTenant();
  const recent = await seedContacts(h.c.db, t.tenantId, 2, { lastInboundAt: new Date(Date.now() - 3600_000) });
  const stale = await seedContacts(h.c.db, t.tenantId, 2, { lastInboundAt: new Date(Date.now() - 30 * 3600_000) });
  const never = await seedContacts(h.c.db, t.tenantId, 1);
  const id = await createCampaign(h.c.db, t.tenantId, { templateName: null, body: "Hi! New slots this week." });
  await svc().schedule(t.tenantId, id, { contactIds: [...recent, ...stale, ...never].map((c) => c.id) });
  await eventually(async () => (await status(id)) === "completed", 20_000);
  const texts = h.graph.sends().filter((s: Sent) => s.phoneNumberId === t.phoneNumberId);
  expect(new Set(texts.map(toOf).map((x) => `+${x.replace(/^\+/, "")}`))).toEqual(new Set(recent.map((c) => c.phone)));
  expect((texts[0]!.body as { type: string }).type).toBe("text");
  const all = await rows(id);
  expect(all.filter((x) => x.status === "skipped").every((x) => x.reason?.startsWith("outside_window"))).toBe(true);
  expect(all.filter((x) => x.status === "skipped")).toHaveLength(3);
}, 30_000);

it("a start whose enqueue was lost (committed, crashed before queue.add) is recovered by the sweep", async () => {
  const t = await h.createTenant();
  const contacts = await seedContacts(h.c.db, t.tenantId, 3);
  const id = await createCampaign(h.c.db, t.tenantId);
  const ctx = h.c.campaigns.context;
  // what schedule() does up to its commit, and no further
  await ctx.redis.sadd(`${ctx.prefix}:campaigns-own`, id);
  await ctx.repo.materialize(t.tenantId, id, "whatsapp", contacts.map((c) => c.id));
  const v = (await ctx.repo.schedule(t.tenantId, id, new Date()))!.version;
  expect(await ctx.control.getJob(`campaign-start:${id}:${v}`)).toBeUndefined();
  await h.c.campaigns.sweep();
  await eventually(async () => (await status(id)) === "completed", 20_000);
  const seen = tally(templateSends(t.phoneNumberId).map(toOf));
  expect(new Set(seen.keys())).toEqual(new Set(contacts.map((c) => c.phone)));
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
}, 30_000);

it("a tenant's campaign never reaches another tenant's contact", async () => {
  const a = await h.createTenant();
  const b = await h.createTenant();
  const mine = await seedContacts(h.c.db, a.tenantId, 3, { tags: ["vip"] });
  const theirs = await seedContacts(h.c.db, b.tenantId, 3, { tags: ["vip"] });
  const id = await createCampaign(h.c.db, a.tenantId);
  // ids of the other tenant's contacts passed by mistake are dropped
  const r = await svc().schedule(a.tenantId, id, { contactIds: [...mine, ...theirs].map((c) => c.id) });
  expect(r.recipients).toBe(3);
  // and an audience resolved by tags stays inside the tenant too
  const byTag = await createCampaign(h.c.db, a.tenantId, { audience: { tags: ["vip"] } });
  await svc().schedule(a.tenantId, byTag);
  await eventually(async () => (await status(id)) === "completed" && (await status(byTag)) === "completed", 20_000);
  const reached = new Set(h.graph.sends().map(toOf).map((x) => `+${x.replace(/^\+/, "")}`));
  for (const c of theirs) expect(reached.has(c.phone)).toBe(false);
  for (const c of mine) expect(reached.has(c.phone)).toBe(true);
  expect(h.graph.sends().filter((s: Sent) => s.phoneNumberId === b.phoneNumberId)).toHaveLength(0);
  expect(await h.c.db.campaignRecipient.count({ where: { campaignId: byTag } })).toBe(3);
  // another tenant can neither see nor steer it
  await expect(svc().pause(b.tenantId, id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(svc().stats(b.tenantId, id)).rejects.toBeInstanceOf(NotFoundError);
}, 30_000);
