// The answer cache in the turn (agent/cache/turn.ts wired in agent/graph.ts), on the local
// tier with the real PostgreSQL checkpointer and the real Redis.
import { randomUUID } from "node:crypto";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnowledgeGeneration, withGeneration } from "../knowledge/store/generation.js";
import { testDatabaseUrl, testRedis, uniquePrefix } from "../test/support/db.js";
import type { MemoryKnowledgeStore } from "../tools/testing/memory-knowledge.js";
import { AnswerCache } from "./cache/index.js";
import { createAgent, createCheckpointer, type GrowAgent } from "./index.js";
import { seededStore, tenant, turn } from "./testing/fixtures.js";

const redis = testRedis();
const prefix = uniquePrefix("cache-turn");
let checkpointer: PostgresSaver;
let store: MemoryKnowledgeStore;
let cache: AnswerCache;
let agent: GrowAgent;
const glow = tenant("Glow Salon");
const other = tenant("Other Spa");

beforeAll(async () => {
  checkpointer = await createCheckpointer(testDatabaseUrl());
  const generations = new KnowledgeGeneration(redis, prefix);
  store = withGeneration(await seededStore(glow, other), generations);
  cache = new AnswerCache(redis, prefix, generations, { settleMs: 0 });
  agent = createAgent({ knowledge: store, knowledgeAdmin: store, checkpointer, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5, answerCache: cache });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all([checkpointer?.end(), redis.quit()]);
});

const ask = (t = glow, text: string, over = {}) => agent.runTurn(turn(t, randomUUID(), text, over));

describe("answer cache in a turn", () => {
  it("serves a grounded answer again for a paraphrase, to the same tenant only, until its knowledge changes", async () => {
    const first = await ask(glow, "how much is a facial?");
    expect(first.reply).toContain("₹1,200");
    expect(first.route).not.toMatch(/cache/);
    expect(await cache.size(glow.id)).toBe(1);

    const again = await ask(glow, "What's the price of a facial");
    expect(again.route).toMatch(/^semantic cache hit \(similarity [01]\.\d\d\)/);
    expect(again).toMatchObject({ reply: first.reply, tier: "local", model: "semantic-cache", usage: [] });

    // another tenant, same words: its own answer, never the cached one
    const theirs = await ask(other, "how much is a facial?");
    expect(theirs.route).not.toMatch(/cache/);
    expect(theirs.reply).toContain("₹5,500");
    expect(theirs.reply).not.toContain("₹1,200");

    // a different thing is never served the facial answer
    const haircut = await ask(glow, "how much is a haircut?");
    expect(haircut.route).not.toMatch(/cache/);
    expect(haircut.reply).toContain("₹800");

    // knowledge changes → the cached answer is void
    await store.addEntry(glow.id, { title: "Facial price", content: "From December a classic facial costs ₹1,400." });
    const after = await ask(glow, "What's the price of a facial");
    expect(after.route).not.toMatch(/cache/);
  });

  it("owners, follow-ups and turns with the contact's memory are not served from the cache", async () => {
    await ask(glow, "what are your opening hours?");
    expect((await ask(glow, "what are your opening hours?")).route).toMatch(/^semantic cache hit/);
    expect((await ask(glow, "what are your opening hours?", { role: "owner" })).route).not.toMatch(/cache/);
    const remembered = { memory: [{ key: "name" as const, value: "Priya", channel: "whatsapp", updatedAt: new Date() }], memoryAccess: "full" as const };
    expect((await ask(glow, "what are your opening hours?", remembered)).route).not.toMatch(/cache/);
  });
});
