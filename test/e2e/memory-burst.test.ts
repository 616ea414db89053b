// "I'm Ana" + "forget my name" sent as one burst (one turn, real HTTP, queues, local agent,
// PostgreSQL, Redis): the turn's forget runs during the turn and learning after its commit,
// so learning is skipped for the whole turn — the name just forgotten is not taught back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { newWamid, textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { BURST_WINDOW_MS: "700" } });
});
afterAll(async () => {
  await h?.close();
});

const textOf = (b: { text?: { body: string }; interactive?: { body: { text: string } } }) => b.text?.body ?? b.interactive?.body.text ?? "";
const repliesTo = (phoneNumberId: string, to: string) =>
  h.graph.sends().filter((x) => x.phoneNumberId === phoneNumberId && (x.body as { to?: string }).to === to).map((x) => textOf(x.body as never));

describe("forget and remember in one burst", () => {
  it("learns nothing from a turn that asks to forget, even what another message of it said", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = `4477005${String(Math.floor(Math.random() * 1e5)).padStart(5, "0")}`;
    const send = async (text: string) => {
      expect((await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text, id: newWamid() }))).status).toBe(200);
    };
    const facts = async () => {
      const identity = await h.c.db.contactIdentity.findFirst({ where: { tenantId: t.tenantId, address: `+${from}` }, select: { contactId: true } });
      return identity ? h.c.db.contactFact.findMany({ where: { tenantId: t.tenantId, contactId: identity.contactId }, select: { key: true, value: true } }) : [];
    };

    await send("Hi, I'm Priya");
    await eventually(async () => (await facts()).some((f) => f.key === "name" && f.value === "Priya"));
    await eventually(async () => repliesTo(t.phoneNumberId, from).length === 1);

    // one burst: a new name, then "forget my name"
    await send("Hi, I'm Ana");
    await new Promise((r) => setTimeout(r, 100));
    await send("please forget my name");
    await eventually(async () => repliesTo(t.phoneNumberId, from).length === 2);
    const turns = await h.c.db.turn.findMany({ where: { tenantId: t.tenantId }, orderBy: { createdAt: "asc" } });
    expect(turns).toHaveLength(2); // the two messages were answered in one turn
    const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" }, orderBy: { createdAt: "asc" } });
    expect(inbound.slice(1).map((m) => m.turnId)).toEqual([turns[1]!.id, turns[1]!.id]);
    expect(repliesTo(t.phoneNumberId, from).at(-1)).toMatch(/forgotten your name/);

    // a later turn of the conversation runs after the burst turn's learning (same lock): by then
    // the name is gone, and "Ana" was never learnt
    expect(await (async () => {
      await send("what do you remember about me?");
      await eventually(async () => repliesTo(t.phoneNumberId, from).length === 3);
      return repliesTo(t.phoneNumberId, from).at(-1);
    })()).not.toMatch(/Ana|Priya/);
    expect((await facts()).filter((f) => f.key === "name")).toEqual([]);
  });
});
