// A process that died between committing a turn (the reply is stored) and queueing its
// send: the next turn job of that conversation finds the stored reply and sends it, once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { turnJobId } from "../../api/pipeline/queues.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it("sends a reply that was stored but never queued", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const account = await h.c.db.channelAccount.findFirstOrThrow({ where: { tenantId: t.tenantId, channel: "whatsapp" } });
  const p = h.c.pipeline;
  // what the inbound worker and a turn did before the process died: message stored, turn committed
  const ref = await p.contacts.ensureConversation({ tenantId: t.tenantId, channelAccountId: account.id, channel: "whatsapp", address: "447700900870" });
  await p.contacts.touchInbound(t.tenantId, ref.contactId, "whatsapp", "447700900870", new Date());
  const inbound = await p.messages.recordInbound({
    tenantId: t.tenantId, conversationId: ref.conversationId, channel: "whatsapp", providerMessageId: "wamid.recovery-1", kind: "text",
    text: "hi", payload: { kind: "text", text: "hi" }, providerTimestamp: new Date(), receivedAt: new Date(), senderAddress: "447700900870",
  });
  const committed = await p.messages.commitTurn({
    tenantId: t.tenantId, conversationId: ref.conversationId, inboundIds: [inbound.id], reply: { text: "Hello from before the crash" },
    tier: "local", model: "local", latencyMs: 1, route: "test", handoff: false, usage: [],
  });
  expect(committed?.replyId).toBeTruthy();
  expect(h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId)).toHaveLength(0);
  // the turn job is retried (stalled-job recovery), or any later turn of the conversation runs
  await h.c.queues.turns.add("turn", { tenantId: t.tenantId, conversationId: ref.conversationId }, { jobId: `${turnJobId(inbound.id)}-retry` });
  await h.c.queues.turns.add("turn", { tenantId: t.tenantId, conversationId: ref.conversationId }, { jobId: `${turnJobId(inbound.id)}-retry2` });
  const [send] = await eventually(async () => {
    const s = h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId);
    return s.length ? s : null;
  });
  expect((send!.body as { text: { body: string } }).text.body).toBe("Hello from before the crash");
  await new Promise((r) => setTimeout(r, 500));
  expect(h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
});
