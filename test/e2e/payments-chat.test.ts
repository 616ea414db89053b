// A refund is an owner's action that waits for their approval: the owner asks in WhatsApp,
// the model (a fake OpenAI server scripting the tool call) calls refund_payment, the run
// pauses with Approve / Reject buttons, and only the owner's Approve refunds — through the
// fake Stripe, once — and tells the lead. A lead's turn is never offered the refund tool.
// A lead asking for a payment link gets the real link, or — with no provider — a plain
// "not set up" while the owner is told how to set payments up.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from "../fakes/openai.js";
import { stripeSignatureHeader } from "../fakes/stripe.js";
import { eventually } from "../support/harness.js";
import { buttonReplyWebhook, textWebhook } from "../support/webhooks.js";
import { insertBooking, openShop, postStripe, startPaymentWorld, type PaymentWorld } from "./payment-setup.js";

let w: PaymentWorld;
let openai: FakeOpenAI;
beforeAll(async () => {
  openai = await startFakeOpenAI();
  w = await startPaymentWorld({ OPENAI_API_KEY: openai.apiKey, OPENAI_BASE_URL: openai.url });
  const lastUser = (req: ChatRequest) => String([...req.messages].reverse().find((m) => m.role === "user")?.content ?? "");
  openai.script([(req) => {
    const last = req.messages.at(-1);
    if (last?.role === "tool") {
      try {
        return { text: String((JSON.parse(String(last.content)) as { message?: string }).message ?? "Done.") };
      } catch {
        return { text: "Done." };
      }
    }
    if (/payment link/i.test(lastUser(req)) && req.tools?.some((t) => t.function.name === "payment_link")) {
      return { toolCall: { name: "payment_link", args: {} } };
    }
    if (/refund/i.test(lastUser(req)) && req.tools?.some((t) => t.function.name === "refund_payment")) {
      return { toolCall: { name: "refund_payment", args: { customer: "Priya Sharma" } } };
    }
    return { text: "Hello! How can I help?" };
  }], { repeat: true });
});
afterAll(async () => {
  await w.close();
  await openai.close();
});

type Send = { body: unknown; providerMessageId?: string };
const buttonsOf = (s: Send) =>
  ((s.body as { interactive?: { action: { buttons: Array<{ reply: { id: string; title: string } }> } } }).interactive?.action.buttons ?? []).map((b) => b.reply);

it("refunds only after the owner taps Approve, once, and tells the lead", async () => {
  const shop = await openShop(w.h);
  const secretKey = w.stripe.addKey();
  const webhookSecret = "whsec_refund_flow_secret";
  const acct = await w.h.admin("PUT", `/tenants/${shop.tenantId}/integrations/stripe`, { secretKey, webhookSecret });
  const { bookingId } = await insertBooking(w.h, shop, { priceMinor: 4500, currency: "GBP" });
  const link = await w.h.c.payments.service.linkForBooking(shop.tenantId, shop.contactId, bookingId);
  if (!link.ok) throw new Error(link.message);
  const body = JSON.stringify(w.stripe.sessionEvent(link.payment.providerRef!, "checkout.session.completed"));
  expect((await postStripe(w.h, acct.body.id, body, stripeSignatureHeader(body, webhookSecret))).status).toBe(200);

  const sendsTo = (to: string) => w.h.graph.sends().filter((s) => s.phoneNumberId === shop.phoneNumberId && (s.body as { to?: string }).to === to);
  const refunds = () => w.stripe.requests.filter((q) => q.path === "/v1/refunds");

  // the paid webhook's notices to lead and owner go out through the outbox: let them arrive
  // first, so the next send counted for each is the answer to their own message
  const textOf = (s: { body: unknown }) => String((s.body as { text?: { body?: string } }).text?.body ?? "");
  await eventually(async () => sendsTo(shop.lead).some((m) => /Payment received/.test(textOf(m))));
  await eventually(async () => sendsTo(shop.owner).some((m) => /paid £45\.00/.test(textOf(m))));

  // a lead asking for a refund: their model turn is not even offered the tool
  const leadBefore = sendsTo(shop.lead).length;
  await w.h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.lead, text: "refund me now please", name: "Priya Sharma" }));
  await eventually(async () => sendsTo(shop.lead).length > leadBefore);
  const leadTurns = openai.requests.filter((r) => r.messages.some((m) => String(m.content ?? "").includes("refund me now please")));
  expect(leadTurns.length).toBeGreaterThan(0);
  for (const r of leadTurns) expect((r.tools ?? []).map((t) => t.function.name)).not.toContain("refund_payment");
  expect(refunds()).toHaveLength(0);

  // the owner asks: the run pauses with buttons, nothing refunded yet
  const ownerBefore = sendsTo(shop.owner).length;
  await w.h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.owner, text: "please refund Priya Sharma's payment", name: "Owner" }));
  await eventually(async () => sendsTo(shop.owner).length > ownerBefore);
  const ask = sendsTo(shop.owner).at(-1)!;
  const [approve] = buttonsOf(ask);
  expect(approve?.id).toMatch(/^approval:.+:approve$/);
  expect(JSON.stringify(ask.body)).toMatch(/Refund £45\.00/);
  expect(refunds()).toHaveLength(0);
  expect((await w.h.c.payments.service.get(shop.tenantId, link.payment.id))!.status).toBe("paid");

  // a lead replaying the owner's button resumes nothing
  await w.h.postWebhook(buttonReplyWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.lead, buttonId: approve!.id, title: "Approve" }));
  await eventually(async () => sendsTo(shop.lead).length > leadBefore + 1);
  expect(refunds()).toHaveLength(0);

  // the owner approves: refunded once, owner answered, lead told
  const beforeApprove = sendsTo(shop.owner).length;
  await w.h.postWebhook(buttonReplyWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.owner, buttonId: approve!.id, title: approve!.title, quote: ask.providerMessageId! }));
  await eventually(async () => sendsTo(shop.owner).length > beforeApprove);
  expect(JSON.stringify(sendsTo(shop.owner).at(-1)!.body)).toMatch(/refunded/i);
  expect(refunds()).toHaveLength(1);
  expect((await w.h.c.payments.service.get(shop.tenantId, link.payment.id))!.status).toBe("refunded");
  await eventually(async () => sendsTo(shop.lead).some((s) => /has been refunded/.test(JSON.stringify(s.body))));

  // a second tap changes nothing
  const beforeSecond = sendsTo(shop.owner).length;
  await w.h.postWebhook(buttonReplyWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.owner, buttonId: approve!.id, title: approve!.title }));
  await eventually(async () => sendsTo(shop.owner).length > beforeSecond);
  expect(refunds()).toHaveLength(1);
});

it("a lead asking for a payment link gets their booking's link; with no provider, a plain answer and the owner is told", async () => {
  const text = (b: unknown) => JSON.stringify(b);
  // not configured
  const bare = await openShop(w.h);
  await insertBooking(w.h, bare);
  const to = (shop: typeof bare, who: string) => w.h.graph.sends().filter((s) => s.phoneNumberId === shop.phoneNumberId && (s.body as { to?: string }).to === who);
  const before = to(bare, bare.lead).length;
  await w.h.postWebhook(textWebhook({ phoneNumberId: bare.phoneNumberId, from: bare.lead, text: "can you send me the payment link", name: "Priya Sharma" }));
  await eventually(async () => to(bare, bare.lead).length > before);
  expect(text(to(bare, bare.lead).at(-1)!.body)).toMatch(/aren't set up/);
  expect(text(to(bare, bare.lead).at(-1)!.body)).not.toMatch(/https:\/\//);
  await eventually(async () => to(bare, bare.owner).some((s) => /payments aren't set up for your business/.test(text(s.body))));
  expect(w.stripe.requests.filter((q) => JSON.stringify(q.params).includes(bare.tenantId))).toHaveLength(0);

  // configured: the link of their own held booking, priced from the booking
  const shop = await openShop(w.h);
  await w.h.admin("PUT", `/tenants/${shop.tenantId}/integrations/stripe`, { secretKey: w.stripe.addKey(), webhookSecret: "whsec_lead_link_secret" });
  const { bookingId } = await insertBooking(w.h, shop, { priceMinor: 3000, currency: "GBP" });
  const n = to(shop, shop.lead).length;
  await w.h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.lead, text: "send me the payment link please", name: "Priya Sharma" }));
  await eventually(async () => to(shop, shop.lead).length > n);
  const reply = text(to(shop, shop.lead).at(-1)!.body);
  const [payment] = await w.h.c.payments.service.list(shop.tenantId, { bookingId });
  expect(payment).toMatchObject({ amountMinor: 3000, currency: "GBP", status: "pending", contactId: shop.contactId });
  expect(reply).toContain(payment!.url!);
  expect(reply).toMatch(/£30\.00/);
});
