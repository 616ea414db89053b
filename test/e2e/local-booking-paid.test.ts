// The whole way on the local tier (no LLM keys): a WhatsApp lead goes from "do you have
// anything tomorrow after 5?" to a paid, confirmed appointment — service asked, concrete
// slots offered, a pick confirmed before booking, the prepaid booking held with a Stripe
// Checkout link, and the signed paid webhook confirming it and telling lead and owner.
import { afterAll, beforeAll, expect, it } from "vitest";
import { stripeSignatureHeader } from "../fakes/stripe.js";
import { eventually } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { openShop, postStripe, startPaymentWorld, type PaymentWorld } from "./payment-setup.js";

let w: PaymentWorld;
beforeAll(async () => {
  w = await startPaymentWorld();
});
afterAll(async () => {
  await w?.close();
});

async function ok(p: Promise<{ status: number; body: any }>, what: string) {
  const r = await p;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

it("question → service → slots → pick → confirm → held with a payment link → paid → confirmed, all on the local tier", async () => {
  const shop = await openShop(w.h);
  const t = shop.tenantId;
  await ok(w.h.admin("POST", `/tenants/${t}/resources`, { name: "Maya" }), "staff");
  await ok(w.h.admin("POST", `/tenants/${t}/services`, { name: "Facial", durationMin: 60, priceMinor: 5000, currency: "GBP", prepay: true }), "facial");
  await ok(w.h.admin("POST", `/tenants/${t}/services`, { name: "Haircut", durationMin: 45, priceMinor: 3000, currency: "GBP" }), "haircut");
  await ok(w.h.admin("PUT", `/tenants/${t}/hours`, { hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMin: 9 * 60, closesMin: 19 * 60 })) }), "hours");
  const secretKey = w.stripe.addKey();
  const webhookSecret = "whsec_localbookingpaidtest0123456789";
  const stripe = await ok(w.h.admin("PUT", `/tenants/${t}/integrations/stripe`, { secretKey, webhookSecret }), "stripe");

  let n = 0;
  const say = async (text: string): Promise<string> => {
    const before = shop.textsTo(shop.lead).length;
    await w.h.postWebhook(textWebhook({ phoneNumberId: shop.phoneNumberId, from: shop.lead, text, id: `wamid.local-paid-${t}-${n++}` }));
    return eventually(async () => shop.textsTo(shop.lead).length > before ? shop.textsTo(shop.lead).slice(before).join("\n") : null);
  };

  const first = await say("do you have anything tomorrow after 5?");
  expect(first).toMatch(/Facial/);
  const offer = await say("a facial please");
  expect(offer).toMatch(/17:00/);
  expect(offer).not.toMatch(/1[0-6]:\d\d/); // nothing before 5
  expect(await say("the first one")).toMatch(/Shall I book .*Facial.*17:00/i);
  expect(await w.h.c.db.booking.count({ where: { tenantId: t } })).toBe(0); // nothing booked before the yes

  const before = shop.textsTo(shop.lead).length;
  await say("yes please");
  // the turn's reply (with the link) and the calendar's confirmation (with the .ics) both arrive
  const booked = await eventually(async () => {
    const got = shop.textsTo(shop.lead).slice(before).join("\n");
    return /checkout\.stripe\.com/.test(got) && /\.ics/.test(got) ? got : null;
  });
  const booking = await w.h.c.db.booking.findFirstOrThrow({ where: { tenantId: t } });
  expect(booking).toMatchObject({ status: "held", priceMinor: 5000, currency: "GBP" });
  expect(booked).toMatch(/https:\/\/checkout\.stripe\.com\//);
  const payment = await w.h.c.db.payment.findFirstOrThrow({ where: { tenantId: t, bookingId: booking.id } });
  expect(payment).toMatchObject({ provider: "stripe", amountMinor: 5000, currency: "GBP", status: "pending" });

  // the customer pays: Stripe's signed webhook confirms the booking and both are told
  const event = w.stripe.sessionEvent(payment.providerRef!, "checkout.session.completed");
  const body = JSON.stringify(event);
  expect((await postStripe(w.h, stripe.id, body, stripeSignatureHeader(body, webhookSecret))).status).toBe(200);
  expect((await w.h.c.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("confirmed");
  await eventually(async () => shop.textsTo(shop.lead).some((x) => /Payment received/.test(x)));
  await eventually(async () => shop.textsTo(shop.owner).some((x) => /paid £50\.00/.test(x)));

  // every turn was answered by the local tier: no model was paid for
  const turns = await w.h.c.db.turn.findMany({ where: { tenantId: t }, select: { tier: true } });
  expect(turns.length).toBeGreaterThanOrEqual(5);
  expect(turns.every((x) => x.tier === "local")).toBe(true);
  const spent = await w.h.c.db.modelUsage.aggregate({ where: { tenantId: t }, _sum: { costMicros: true } });
  expect(Number(spent._sum.costMicros ?? 0)).toBe(0);
}, 60_000);
