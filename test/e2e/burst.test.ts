// A burst of messages from one person becomes one turn; a conversation's replies leave in
// the order they were written even with eight workers racing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

const textOf = (s: { body: unknown }) => {
  const b = s.body as { text?: { body: string }; interactive?: { body: { text: string } } };
  return b.text?.body ?? b.interactive?.body.text ?? "";
};

describe("with a burst window", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { BURST_WINDOW_MS: "700" } });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers three messages sent within the window in exactly one turn", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900400";
    for (const text of ["hi", "quick question", "how much is a men's cut?"]) {
      await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }));
      await new Promise((r) => setTimeout(r, 100));
    }
    await eventually(async () => h.graph.sends().some((s) => s.phoneNumberId === t.phoneNumberId));
    await new Promise((r) => setTimeout(r, 1000));
    const turns = await h.c.db.turn.findMany({ where: { tenantId: t.tenantId } });
    expect(turns).toHaveLength(1);
    const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" } });
    expect(inbound.map((m) => m.turnId)).toEqual([turns[0]!.id, turns[0]!.id, turns[0]!.id]);
    const sends = h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId);
    expect(sends).toHaveLength(1);
    expect(textOf(sends[0]!)).toContain("£25");
  });

  it("answers a message after a pause on its own", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900402";
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text: "where are you located?" }));
    await eventually(async () => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId).length === 1);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text: "how much is a men's cut?" }));
    await eventually(async () => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId).length === 2);
    expect(await h.c.db.turn.count({ where: { tenantId: t.tenantId } })).toBe(2);
  });
});

describe("without a burst window, eight workers", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { BURST_WINDOW_MS: "0", WORKER_CONCURRENCY: "8", SEND_CONCURRENCY: "8" } });
  });
  afterAll(async () => {
    await h.close();
  });

  it("sends one conversation's replies in the order their turns committed", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900401";
    const questions = ["where are you located?", "what are your opening hours?", "how much for a child's haircut?", "do you take cards?", "thanks!"];
    await Promise.all(questions.map((text) => h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }))));
    // all five stored and answered (not just "none waiting": a message may still be on its way in)
    await eventually(async () => {
      const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" } });
      return inbound.length === questions.length && inbound.every((m) => m.status === "handled" && m.turnId);
    });
    const rows = await eventually(async () => {
      const out = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "outbound" }, orderBy: { createdAt: "asc" } });
      const turns = await h.c.db.turn.count({ where: { tenantId: t.tenantId } });
      return out.length === turns && out.every((m) => m.status === "sent") ? out : null;
    });
    const sends = h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId);
    expect(sends.map((s) => s.providerMessageId)).toEqual(rows.map((r) => r.providerMessageId));
    // every message was answered by exactly one turn
    const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" } });
    expect(inbound.every((m) => m.status === "handled" && m.turnId)).toBe(true);
    expect(new Set(inbound.map((m) => m.turnId)).size).toBe(rows.length);
  });
});
