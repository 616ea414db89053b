// A burst of short messages from one person becomes one turn; conversations are answered
// one turn at a time, in order.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { BURST_WINDOW_MS: "1000" } });
});
afterAll(async () => {
  await h.close();
});

it("answers a burst of three messages in one turn", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const from = "447700900400";
  for (const text of ["hi", "quick question", "how much is a men's cut?"]) {
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }));
    await new Promise((r) => setTimeout(r, 60));
  }
  await eventually(async () => {
    const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" } });
    return inbound.length === 3 && inbound.every((m) => m.status === "handled");
  });
  await new Promise((r) => setTimeout(r, 1200));
  const turns = await h.c.db.turn.findMany({ where: { tenantId: t.tenantId } });
  const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" }, orderBy: { createdAt: "asc" } });
  expect(inbound.map((m) => m.text)).toEqual(["hi", "quick question", "how much is a men's cut?"]);
  // the first message may be answered at once (it is not yet a burst); the rest wait for the burst to end
  expect(turns.length).toBeLessThanOrEqual(2);
  expect(new Set(inbound.slice(1).map((m) => m.turnId)).size).toBe(1);
  const sends = h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId);
  expect(sends).toHaveLength(turns.length);
  const last = sends.at(-1)!.body as { text?: { body: string }; interactive?: { body: { text: string } } };
  expect(last.text?.body ?? last.interactive?.body.text).toContain("£25");
});

it("keeps one conversation's replies in the order its messages were answered", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const from = "447700900401";
  const questions = ["where are you located?", "what are your opening hours?", "how much for a child's haircut?"];
  for (const text of questions) {
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }));
    await eventually(async () => {
      const pending = await h.c.db.message.count({ where: { tenantId: t.tenantId, direction: "inbound", status: "received" } });
      return pending === 0;
    });
    await new Promise((r) => setTimeout(r, 1050));
  }
  const rows = await eventually(async () => {
    const out = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "outbound", status: "sent" }, orderBy: { createdAt: "asc" } });
    return out.length === 3 ? out : null;
  });
  const sends = h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId);
  expect(sends.map((s) => s.providerMessageId)).toEqual(rows.map((r) => r.providerMessageId));
});
