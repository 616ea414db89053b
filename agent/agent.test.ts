// The agent on the local tier, end to end, with the real PostgreSQL checkpointer.
import { randomUUID } from "node:crypto";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../test/support/db.js";
import { createAgent, createCheckpointer } from "./index.js";
import { seededStore, tenant, turn } from "./testing/fixtures.js";
import { storedMessages } from "./testing/inspect.js";
import type { MemoryKnowledgeStore } from "../tools/testing/memory-knowledge.js";
import type { Agent } from "./types.js";

const glow = tenant("Glow Salon");
const other = tenant("Other Spa");
let checkpointer: PostgresSaver;
let store: MemoryKnowledgeStore;
let agent: Agent;

beforeAll(async () => {
  checkpointer = await createCheckpointer(testDatabaseUrl());
  store = await seededStore(glow, other);
  agent = createAgent({ knowledge: store, checkpointer, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5 });
});
afterAll(async () => {
  await checkpointer?.end();
});

describe("agent on the local tier (no LLM keys)", () => {
  it("greets without searching, on the local tier at zero cost", async () => {
    const before = store.searches.length;
    const r = await agent.runTurn(turn(glow, randomUUID(), "hello"));
    expect(r.reply).toBe("Hi! Welcome to Glow Salon. How can I help you today?");
    expect(r).toMatchObject({ tier: "local", handoff: false, route: "no LLM provider configured" });
    expect(r.usage).toEqual([{ tier: "local", provider: "local", model: r.model, inputTokens: 0, outputTokens: 0, costMicros: 0 }]);
    expect(store.searches.length).toBe(before);
  });

  it("answers a question from the tenant's own knowledge only", async () => {
    const a = await agent.runTurn(turn(glow, randomUUID(), "how much is a facial?"));
    expect(a.reply).toContain("₹1,200");
    expect(a.reply).not.toContain("₹5,500");
    expect(a.usage).toHaveLength(2); // tool call, then the answer
    const b = await agent.runTurn(turn(other, randomUUID(), "how much is a facial?"));
    expect(b.reply).toContain("₹5,500");
    expect(b.reply).not.toContain("₹1,200");
    expect(store.searches.slice(-2).map((s) => s.tenantId)).toEqual([glow.id, other.id]);
  });

  it("says it doesn't know when nothing relevant is found, and offers a person", async () => {
    const r = await agent.runTurn(turn(glow, randomUUID(), "do you repair motorbikes?"));
    expect(r.reply).toMatch(/don't have that information.*connect you with someone from Glow Salon/s);
    expect(r.handoff).toBe(false);
  });

  it("hands off when the person asks for a human", async () => {
    const r = await agent.runTurn(turn(glow, randomUUID(), "I want to talk to the owner"));
    expect(r.handoff).toBe(true);
    expect(r.reply).toMatch(/passed your request to/);
  });

  it("rejects a turn without text or tenant", async () => {
    await expect(agent.runTurn(turn(glow, randomUUID(), "   "))).rejects.toThrow(/without message text/);
    await expect(agent.runTurn(turn({ ...glow, id: "" }, randomUUID(), "hi"))).rejects.toThrow(/without a tenant/);
  });

  it("checkpoints per conversation: a second turn sees the first, another conversation does not", async () => {
    const conv = randomUUID();
    const otherConv = randomUUID();
    await agent.runTurn(turn(glow, conv, "how much is a facial?"));
    const second = await agent.runTurn(turn(glow, conv, "thanks!"));
    expect(second.usage).toHaveLength(1); // usage is per turn, not accumulated from the checkpoint
    expect(second.handoff).toBe(false);
    await agent.runTurn(turn(glow, otherConv, "hello"));

    const stored = await storedMessages(checkpointer, conv);
    const humans = stored.filter((m) => m.type === "human").map((m) => m.text);
    expect(humans).toEqual(["how much is a facial?", "thanks!"]);
    expect(stored.some((m) => m.type === "tool")).toBe(true);
    const otherStored = await storedMessages(checkpointer, otherConv);
    expect(otherStored.map((m) => m.text)).toEqual(["hello", "Hi! Welcome to Glow Salon. How can I help you today?"]);
  });

  it("a restarted agent (new instance, same database) continues the conversation", async () => {
    const conv = randomUUID();
    await agent.runTurn(turn(glow, conv, "what are your opening hours?"));
    const again = await createCheckpointer(testDatabaseUrl());
    try {
      const restarted = createAgent({ knowledge: store, checkpointer: again, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5 });
      await restarted.runTurn(turn(glow, conv, "bye"));
      const humans = (await storedMessages(again, conv)).filter((m) => m.type === "human").map((m) => m.text);
      expect(humans).toEqual(["what are your opening hours?", "bye"]);
    } finally {
      await again.end();
    }
  });
});
