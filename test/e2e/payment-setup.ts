// Shared set-up of the payment end-to-end tests: a harness talking to fake Stripe and
// Razorpay servers, a tenant with a WhatsApp owner and a lead who has written once, and a
// booking row inserted the way the calendar inserts it (prepay service → `held`).
import { randomUUID } from "node:crypto";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { startFakeRazorpay, type FakeRazorpay } from "../fakes/razorpay.js";
import { startFakeStripe, type FakeStripe } from "../fakes/stripe.js";

export interface PaymentWorld {
  h: Harness;
  stripe: FakeStripe;
  razorpay: FakeRazorpay;
  close(): Promise<void>;
}

export async function startPaymentWorld(env: Record<string, string> = {}): Promise<PaymentWorld> {
  const stripe = await startFakeStripe();
  const razorpay = await startFakeRazorpay();
  const h = await startHarness({
    env: { STRIPE_API_BASE_URL: stripe.baseUrl, RAZORPAY_API_BASE_URL: razorpay.baseUrl, PUBLIC_BASE_URL: "https://growai.example.com", ...env },
  });
  return {
    h, stripe, razorpay,
    async close() {
      await h.close();
      await stripe.close();
      await razorpay.close();
    },
  };
}

export interface Shop {
  tenantId: string;
  phoneNumberId: string;
  owner: string;
  lead: string;
  contactId: string;
  /** WhatsApp texts the fake Graph API received for `to`. */
  textsTo(to: string): string[];
}

const textOf = (b: unknown) => {
  const x = b as { text?: { body: string }; interactive?: { body: { text: string } } };
  return x.text?.body ?? x.interactive?.body.text ?? "";
};

/** A tenant with a WhatsApp owner and a lead ("Priya Sharma") who has messaged once. */
export async function openShop(h: Harness, o: { currency?: string } = {}): Promise<Shop> {
  const t = await h.createTenant();
  if (o.currency) await h.c.db.tenant.update({ where: { id: t.tenantId }, data: { currency: o.currency } });
  const owner = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
  const lead = `4477008${Math.floor(Math.random() * 90000 + 10000)}`;
  await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: owner });
  const textsTo = (to: string) =>
    h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId && (s.body as { to?: string }).to === to).map((s) => textOf(s.body));
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "hello", name: "Priya Sharma" }));
  await eventually(async () => textsTo(lead).length > 0);
  // the owner writes too, so WhatsApp's 24-hour window is open for their notifications
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, text: "hi", name: "Owner" }));
  await eventually(async () => textsTo(owner).length > 0);
  const conversation = await h.c.db.conversation.findFirst({ where: { tenantId: t.tenantId, channel: "whatsapp" } });
  if (!conversation) throw new Error("lead contact not created");
  return { tenantId: t.tenantId, phoneNumberId: t.phoneNumberId, owner, lead, contactId: conversation.contactId, textsTo };
}

/** A booking row as the calendar makes it: a prepay service's booking is `held` until paid. */
export async function insertBooking(
  h: Harness,
  shop: Pick<Shop, "tenantId" | "contactId">,
  o: { priceMinor?: number | null; currency?: string; status?: "held" | "confirmed" | "expired"; startsAt?: Date; resourceId?: string; serviceName?: string } = {},
): Promise<{ bookingId: string; resourceId: string; serviceId: string; startsAt: Date }> {
  const db = h.c.db;
  const serviceId = randomUUID();
  await db.service.create({
    data: {
      id: serviceId, tenantId: shop.tenantId, name: o.serviceName ?? `Colour ${serviceId.slice(0, 6)}`, durationMin: 60,
      priceMinor: o.priceMinor === undefined ? 4500 : o.priceMinor, currency: o.currency ?? "GBP", prepay: true,
    },
  });
  const resourceId = o.resourceId ?? randomUUID();
  if (!o.resourceId) await db.resource.create({ data: { id: resourceId, tenantId: shop.tenantId, name: `Chair ${resourceId.slice(0, 6)}` } });
  const startsAt = o.startsAt ?? new Date(Date.now() + 2 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  const bookingId = randomUUID();
  await db.booking.create({
    data: {
      id: bookingId, tenantId: shop.tenantId, contactId: shop.contactId, serviceId, resourceId, startsAt, endsAt, blockedUntil: endsAt,
      status: o.status ?? "held", holdExpiresAt: new Date(Date.now() + 15 * 60_000), channel: "whatsapp",
    },
  });
  return { bookingId, resourceId, serviceId, startsAt };
}

/** POST a signed Stripe event to /webhooks/stripe/:id. */
export async function postStripe(h: Harness, accountId: string, body: string, signature: string | null) {
  const res = await fetch(`${h.baseUrl}/webhooks/stripe/${accountId}`, {
    method: "POST", headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) }, body,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

/** POST a signed Razorpay event to /webhooks/razorpay/:id. */
export async function postRazorpay(h: Harness, accountId: string, body: string, signature: string | null, eventId: string | null) {
  const res = await fetch(`${h.baseUrl}/webhooks/razorpay/${accountId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-razorpay-signature": signature } : {}), ...(eventId ? { "x-razorpay-event-id": eventId } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}
