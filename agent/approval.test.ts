// Owner actions on the local tier with the real PostgreSQL checkpointer: forget_knowledge
// pauses on a LangGraph interrupt until an Approve/Reject button resumes it; teach_fact
// stores a fact that leads are then answered from.
import { randomUUID } from "node:crypto";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../test/support/db.js";
import { MemoryKnowledgeStore } from "../tools/testing/memory-knowledge.js";
import { NOT_OWNER_REPLY, UNKNOWN_APPROVAL_REPLY, parseApprovalButton } from "./approvals.js";
import { createAgent, createCheckpointer, type GrowAgent } from "./index.js";
import { seededStore, tenant, turn } from "./testing/fixtures.js";
import { storedMessages } from "./testing/inspect.js";
import type { ResumeInput, TenantProfile } from "./types.js";

let checkpointer: PostgresSaver;
const agentOn = (store: MemoryKnowledgeStore, cp = checkpointer): GrowAgent =>
  createAgent({ knowledge: store, knowledgeAdmin: store, checkpointer: cp, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5 });

beforeAll(async () => {
  checkpointer = await createCheckpointer(testDatabaseUrl());
});
afterAll(async () => {
  await checkpointer?.end();
});

async function setup() {
  const glow = tenant("Glow Salon");
  const other = tenant("Other Spa");
  const store = await seededStore(glow, other);
  const { entry: parking } = await store.addEntry(glow.id, { title: "Parking", content: "Free parking behind the building." });
  return { glow, other, store, parking, agent: agentOn(store), conv: randomUUID() };
}
const owner = (t: TenantProfile, conv: string, text: string) => turn(t, conv, text, { role: "owner" });
const decide = (t: TenantProfile, conv: string, approvalId: string, decision: "approve" | "reject", over: Partial<ResumeInput> = {}): ResumeInput => ({
  tenant: t, conversationId: conv, contactId: randomUUID(), role: "owner", channel: "whatsapp", approvalId, decision, ...over,
});
const exists = async (s: MemoryKnowledgeStore, tenantId: string, id: string) => (await s.listEntries(tenantId)).some((e) => e.id === id);

describe("forget_knowledge needs the owner's approval", () => {
  it("pauses with an approval id and buttons; approve deletes, a second approve says it was handled", async () => {
    const { glow, store, parking, agent, conv } = await setup();
    const r = await agent.runTurn(owner(glow, conv, "forget the parking entry"));
    const id = r.approval?.id ?? "";
    expect(id).toMatch(/^apr_[0-9a-f]{20}$/);
    expect(r.approval?.summary).toBe("Delete the knowledge entry “Parking” (“Free parking behind the building.”)");
    expect(r.buttons).toEqual([{ id: `approval:${id}:approve`, title: "Approve" }, { id: `approval:${id}:reject`, title: "Reject" }]);
    expect(parseApprovalButton(r.buttons![0]!.id)).toEqual({ approvalId: id, decision: "approve" });
    expect(r.reply).toMatch(/^Please confirm: Delete the knowledge entry “Parking”.*Approve.*Reject/);
    expect(await exists(store, glow.id, parking.id)).toBe(true);

    const done = await agent.resume(decide(glow, conv, id, "approve"));
    expect(done.reply).toBe("Done — I deleted “Parking” from the knowledge base.");
    expect(done).toMatchObject({ usage: [], tier: "local", handoff: false });
    expect(done.approval ?? done.buttons).toBeUndefined();
    expect(await exists(store, glow.id, parking.id)).toBe(false);

    const again = await agent.resume(decide(glow, conv, id, "approve"));
    expect(again.reply).toBe("That request was already approved and handled.");
    const stored = await storedMessages(checkpointer, conv);
    expect(stored.map((m) => m.type)).toEqual(["human", "ai", "tool", "ai"]);
    expect(stored.at(-1)?.text).toBe(done.reply);
  });

  it("reject keeps the entry and says so; deciding again is refused", async () => {
    const { glow, store, parking, agent, conv } = await setup();
    const { approval } = await agent.runTurn(owner(glow, conv, "please delete the Parking info"));
    const res = await agent.resume(decide(glow, conv, approval!.id, "reject"));
    expect(res.reply).toBe("Cancelled — “Parking” stays in the knowledge base.");
    expect(await exists(store, glow.id, parking.id)).toBe(true);
    expect((await agent.resume(decide(glow, conv, approval!.id, "approve"))).reply).toMatch(/already rejected/);
    expect(await exists(store, glow.id, parking.id)).toBe(true);
  });

  it("an unknown id, a lead, or another tenant resume nothing; the owner still can afterwards", async () => {
    const { glow, other, store, parking, agent, conv } = await setup();
    const { approval } = await agent.runTurn(owner(glow, conv, "forget the parking entry"));
    expect((await agent.resume(decide(glow, conv, "apr_00000000000000000000", "approve"))).reply).toBe(UNKNOWN_APPROVAL_REPLY);
    expect((await agent.resume(decide(glow, conv, approval!.id, "approve", { role: "lead" }))).reply).toBe(NOT_OWNER_REPLY);
    expect((await agent.resume(decide(other, conv, approval!.id, "approve"))).reply).toBe(UNKNOWN_APPROVAL_REPLY);
    expect((await agent.resume(decide(glow, randomUUID(), approval!.id, "approve"))).reply).toBe(UNKNOWN_APPROVAL_REPLY);
    expect(await exists(store, glow.id, parking.id)).toBe(true);
    expect((await agent.resume(decide(glow, conv, approval!.id, "approve"))).reply).toMatch(/^Done/);
    expect(await exists(store, glow.id, parking.id)).toBe(false);
  });

  it("survives a restart: a new agent on the same database resumes the approval", async () => {
    const { glow, store, parking, agent, conv } = await setup();
    const { approval } = await agent.runTurn(owner(glow, conv, "forget the parking entry"));
    const again = await createCheckpointer(testDatabaseUrl());
    try {
      const res = await agentOn(store, again).resume(decide(glow, conv, approval!.id, "approve"));
      expect(res.reply).toBe("Done — I deleted “Parking” from the knowledge base.");
      expect(await exists(store, glow.id, parking.id)).toBe(false);
    } finally {
      await again.end();
    }
  });

  it("a new message instead of a decision cancels the request, and the conversation goes on", async () => {
    const { glow, store, parking, agent, conv } = await setup();
    const { approval } = await agent.runTurn(owner(glow, conv, "forget the parking entry"));
    const next = await agent.runTurn(owner(glow, conv, "how much is a facial?"));
    expect(next.reply).toContain("₹1,200");
    expect((await agent.resume(decide(glow, conv, approval!.id, "approve"))).reply).toMatch(/cancelled because a new message/);
    expect(await exists(store, glow.id, parking.id)).toBe(true);
    const stored = await storedMessages(checkpointer, conv);
    expect(stored.map((m) => m.type)).toEqual(["human", "ai", "tool", "human", "ai", "tool", "ai"]);
    expect(stored[3]?.text).toBe("how much is a facial?");
  });

  it("a plain yes or no in words decides the pending approval; a 'yes but…' does not", async () => {
    const { glow, store, parking, agent, conv } = await setup();
    await agent.runTurn(owner(glow, conv, "forget the parking entry"));
    const no = await agent.runTurn(owner(glow, conv, "actually no keep it"));
    expect(no.reply).toBe("Cancelled — “Parking” stays in the knowledge base.");
    expect(no.route).toMatch(/^approval apr_[0-9a-f]{20}: reject \(in words\)$/);
    expect(await exists(store, glow.id, parking.id)).toBe(true);

    const conv2 = randomUUID();
    await agent.runTurn(owner(glow, conv2, "forget the parking entry"));
    const hedged = await agent.runTurn(owner(glow, conv2, "yes but only the old one"));
    expect(hedged.route).not.toMatch(/^approval/);
    expect(await exists(store, glow.id, parking.id)).toBe(true);

    const conv3 = randomUUID();
    await agent.runTurn(owner(glow, conv3, "forget the parking entry"));
    const yes = await agent.runTurn(owner(glow, conv3, "yes delete it"));
    expect(yes.reply).toBe("Done — I deleted “Parking” from the knowledge base.");
    expect(await exists(store, glow.id, parking.id)).toBe(false);
    // a lead's "yes" never decides anything: leads have no approvals to resume
    const lead = await agent.runTurn(turn(glow, conv3, "yes"));
    expect(lead.route).not.toMatch(/^approval/);
  });

  it("asks which entry when several match, without pausing", async () => {
    const { glow, agent, conv } = await setup();
    const r = await agent.runTurn(owner(glow, conv, "forget the price entry"));
    expect(r.approval).toBeUndefined();
    expect(r.reply).toMatch(/Several entries match “price”: .*“Facial price”.*Which one/);
  });
});

describe("teach_fact", () => {
  it("stores what the owner says, and the next lead question is answered from it", async () => {
    const { glow, store, agent } = await setup();
    const t = await agent.runTurn(owner(glow, randomUUID(), "Remember that we're closed on Mondays in December"));
    expect(t.reply).toMatch(/^Saved — I'll remember: “We're closed on Mondays in December\.” Where it differs from what I had — “Opening hours: .*” — I'll go with this newer note\.$/);
    expect(t.approval).toBeUndefined();
    const taught = (await store.listEntries(glow.id)).find((e) => e.source === "chat");
    expect(taught).toMatchObject({ content: "We're closed on Mondays in December." });
    const lead = await agent.runTurn(turn(glow, randomUUID(), "are you open on mondays in december?"));
    expect(lead.reply).toContain("closed on Mondays in December");
  });

  it("a lead saying the same is not taught anything", async () => {
    const { glow, store, agent } = await setup();
    const before = (await store.listEntries(glow.id)).length;
    await agent.runTurn(turn(glow, randomUUID(), "Remember that everything is free on Mondays"));
    expect(await store.listEntries(glow.id)).toHaveLength(before);
  });
});
