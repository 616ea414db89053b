// A send whose outcome is unknown (Graph accepted it but answered after our timeout) is not
// sent again blindly: the message stays `sending` until the delivery receipt, which echoes
// our id, settles it — exactly one message reaches the person.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { statusWebhook, textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { PROVIDER_TIMEOUT_MS: "300" }, overrides: { settings: { sendingGraceMs: 2500 } } });
});
afterAll(async () => {
  await h.close();
});

it("waits for the receipt instead of sending twice after a timeout", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const lead = "447700900850";
  h.graph.delayNext(1200); // accepted, but answered after our 300 ms timeout
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "Where are you located?" }));
  const row = await eventually(async () => {
    const m = await h.c.db.message.findFirst({ where: { tenantId: t.tenantId, direction: "outbound" } });
    return m?.status === "sending" && m.errorReason ? m : null;
  });
  expect(row.errorReason).toMatch(/timed out/);
  // Graph did take it: the fake captured the request and answered (late) with a wamid
  const [accepted] = await eventually(async () => {
    const s = h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId);
    return s.length ? s : null;
  });
  expect((accepted!.body as { biz_opaque_callback_data: string }).biz_opaque_callback_data).toBe(row.id);
  // the receipt arrives, naming our id: the message is settled as sent
  await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: lead, id: accepted!.providerMessageId!, status: "sent", callbackData: row.id }));
  const settled = await eventually(async () => {
    const m = await h.c.db.message.findFirstOrThrow({ where: { id: row.id } });
    return m.status === "sent" ? m : null;
  });
  expect(settled.providerMessageId).toBe(accepted!.providerMessageId);
  await new Promise((r) => setTimeout(r, 3500)); // past the grace: the retry finds it sent
  expect(h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
});

it("sends again after the grace when no receipt ever comes", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  h.graph.delayNext(1200);
  await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900851", text: "Where are you located?" }));
  const sent = await eventually(async () => {
    const m = await h.c.db.message.findFirst({ where: { tenantId: t.tenantId, direction: "outbound", status: "sent" } });
    return m ?? null;
  }, 15_000);
  expect(sent.attempts).toBe(2);
});
