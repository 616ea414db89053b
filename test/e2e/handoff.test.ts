// Human handoff over WhatsApp: a lead asks for a person; the owner is told on their own
// WhatsApp with a code; while a person owns the chat the assistant is silent and forwards
// what the lead writes; the owner's quoted reply reaches the lead; "done #CODE" hands back.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const textOf = (s: { body: unknown }) => {
  const b = s.body as { text?: { body: string }; interactive?: { body: { text: string } } };
  return b.text?.body ?? b.interactive?.body.text ?? "";
};

it("hands a lead to the owner and back", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const owner = "447700900900";
  const lead = "447700900901";
  expect((await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: `+${owner}`, displayName: "Anna" })).status).toBe(201);
  const to = (who: string) => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId && (s.body as { to: string }).to === who);
  // the owner talks to the business number too (so WhatsApp's 24-hour window is open for them)
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, name: "Anna", text: "hi" }));
  await eventually(async () => to(owner).length === 1);

  // 1. the lead asks for a person: acknowledged, and the owner is told with a code
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, name: "Priya", text: "Can I talk to a real person please?" }));
  const notice = (await eventually(async () => (to(owner).length === 2 ? to(owner) : null)))[1]!;
  const code = /#([A-Z2-9]{4})/.exec(textOf(notice))?.[1];
  expect(code).toBeTruthy();
  expect(textOf(notice)).toContain("Priya");
  expect(textOf(notice)).toContain("real person");
  await eventually(async () => to(lead).length === 1);
  expect(textOf(to(lead)[0]!)).toMatch(/passed your request/);
  const conv = await h.c.db.conversation.findFirstOrThrow({ where: { tenantId: t.tenantId, key: lead } });
  expect(conv.owner).toBe("human");

  // 2. the lead writes again: no assistant reply, the owner gets it quoted on the notification
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "How much is a men's cut?" }));
  await eventually(async () => to(owner).length === 3);
  const forwarded = to(owner)[2]!;
  expect(textOf(forwarded)).toContain("men's cut");
  expect((forwarded.body as { context?: { message_id: string } }).context?.message_id).toBe(notice.providerMessageId);
  await new Promise((r) => setTimeout(r, 400));
  expect(to(lead)).toHaveLength(1);

  // 3. the owner answers by quoting the notification: the lead gets exactly that text
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, text: "Hi Priya, it's Anna — a men's cut is £25.", quote: notice.providerMessageId! }));
  await eventually(async () => to(lead).length === 2);
  expect(textOf(to(lead)[1]!)).toBe("Hi Priya, it's Anna — a men's cut is £25.");

  // 4. "#CODE" works without quoting too
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, text: `#${code} We're open till 7 today.` }));
  await eventually(async () => to(lead).length === 3);
  expect(textOf(to(lead)[2]!)).toBe("We're open till 7 today.");

  // 5. done hands it back; the assistant answers the lead again
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: owner, text: `done #${code}` }));
  await eventually(async () => (await h.c.db.conversation.findFirstOrThrow({ where: { id: conv.id } })).owner === "bot");
  await eventually(async () => to(owner).some((s) => /answering/.test(textOf(s))));
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "Where are you located?" }));
  await eventually(async () => to(lead).length === 4);
  expect(textOf(to(lead)[3]!)).toMatch(/Harbour Street/);
  // nothing the owner wrote was treated as an assistant question
  const ownerTurns = await h.c.db.turn.count({ where: { tenantId: t.tenantId, conversation: { key: owner } } });
  expect(ownerTurns).toBe(1); // only the owner's hello
});

it("keeps the assistant answering when no owner can be told", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const lead = "447700900902";
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "I want to speak to a human" }));
  await eventually(async () => h.graph.sends().some((s) => s.phoneNumberId === t.phoneNumberId));
  const conv = await eventually(() => h.c.db.conversation.findFirst({ where: { tenantId: t.tenantId } }));
  expect(conv.owner).toBe("bot");
  expect(conv.handoffRequestedAt).toBeTruthy();
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "Where are you located?" }));
  await eventually(async () => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId).length === 2);
});
