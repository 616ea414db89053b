// The knowledge generation on the real Redis: per tenant, only ever grows (even when the key
// is lost), and the store decorator bumps it after writes and passes everything else through.
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import type { KnowledgeStore } from "../types.js";
import { KnowledgeGeneration, withGeneration } from "./generation.js";

const redis = testRedis();
const prefixes: string[] = [];
function prefix(): string {
  const p = uniquePrefix("kgen");
  prefixes.push(p);
  return p;
}
afterAll(async () => {
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("KnowledgeGeneration", () => {
  it("starts at the current time, grows on bump, per tenant", async () => {
    const c = clock();
    const g = new KnowledgeGeneration(redis, prefix(), c.now);
    expect(await g.current("t1")).toBe(1_000_000);
    expect(await g.current("t1")).toBe(1_000_000);
    expect(await g.bump("t1")).toBe(1_000_001); // same millisecond: +1
    c.advance(5000);
    expect(await g.bump("t1")).toBe(1_005_000);
    expect(await g.state("t1")).toEqual({ n: 1_005_000, at: 1_005_000 });
    expect(await g.current("t2")).toBe(1_005_000);
    await g.bump("t2");
    expect(await g.current("t1")).toBe(1_005_000);
  });

  it("never goes back when the key is lost", async () => {
    const c = clock();
    const g = new KnowledgeGeneration(redis, prefix(), c.now);
    const first = await g.bump("t");
    await redis.del(g.key("t"));
    c.advance(1);
    expect(await g.current("t")).toBeGreaterThan(first);
  });

  it("refuses an empty tenant and puts the tenant in the key as a hash tag", () => {
    const g = new KnowledgeGeneration(redis, "p");
    expect(() => g.key("")).toThrow(/tenantId/);
    expect(g.key("abc")).toBe("p:kgen:{abc}");
  });
});

describe("withGeneration", () => {
  it("bumps the tenant's generation after addEntry, deleteEntry and supersede; reads do not", async () => {
    const c = clock();
    const g = new KnowledgeGeneration(redis, prefix(), c.now);
    const store = withGeneration(new MemoryKnowledgeStore(), g);
    const start = await g.current("a");
    const other = await g.current("b");
    const one = await store.addEntry("a", { title: "Parking", content: "Free parking behind the salon." });
    expect(one.created).toBe(true);
    const g1 = await g.current("a");
    expect(g1).toBeGreaterThan(start);
    await store.search("a", "parking");
    await store.listEntries("a");
    await store.getEntry("a", one.entry.id);
    expect(await g.current("a")).toBe(g1);
    const two = await store.addEntry("a", { title: "Parking", content: "Parking is now £2 an hour." });
    const g2 = await g.current("a");
    expect(g2).toBeGreaterThan(g1);
    expect(await store.supersede("a", one.entry.id, two.entry.id)).toBe(true);
    const g3 = await g.current("a");
    expect(g3).toBeGreaterThan(g2);
    expect(await store.deleteEntry("a", two.entry.id)).toBe(true);
    const g4 = await g.current("a");
    expect(g4).toBeGreaterThan(g3);
    // a write that changed nothing still bumps (a retry after a failed bump repairs it)
    expect((await store.addEntry("a", { title: "Parking", content: "Free parking behind the salon." })).created).toBe(false);
    expect(await g.current("a")).toBeGreaterThan(g4);
    expect(await g.current("b")).toBe(other); // another tenant's writes leave b alone
  });

  it("does not bump when the write fails", async () => {
    const g = new KnowledgeGeneration(redis, prefix());
    const failing = { ...new MemoryKnowledgeStore(), addEntry: async () => { throw new Error("db down"); } } as unknown as KnowledgeStore;
    const store = withGeneration(failing, g);
    const before = await g.current("a");
    await expect(store.addEntry("a", { title: "x", content: "y" })).rejects.toThrow("db down");
    expect(await g.current("a")).toBe(before);
  });

  it("passes init, kind and anything else through", async () => {
    const g = new KnowledgeGeneration(redis, prefix());
    let inits = 0;
    const inner = new MemoryKnowledgeStore();
    const base = Object.assign(inner, { kind: "memory:test", init: async () => void inits++, close: () => "closed" });
    const store = withGeneration(base, g);
    expect(store.kind).toBe("memory:test");
    await store.init?.();
    expect(inits).toBe(1);
    expect(store.close()).toBe("closed");
    const plain = withGeneration(new MemoryKnowledgeStore() as KnowledgeStore, g);
    expect(plain.init).toBeUndefined();
  });
});
