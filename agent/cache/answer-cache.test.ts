// The answer cache on the real Redis: tenant and prefix isolation, invalidation by the
// knowledge generation (through the decorated store), TTL, the per-tenant and per-bucket caps,
// and "never for a different thing". Clocks are injected; nothing is timed.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { KnowledgeGeneration, withGeneration } from "../../knowledge/store/generation.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import { GLOW_CTX } from "../nlu/fixtures.js";
import { AnswerCache, type AnswerCacheOptions } from "./answer-cache.js";

const redis = testRedis();
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

function clock(start = Date.UTC(2025, 5, 11, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function setup(opts: AnswerCacheOptions = {}, p = uniquePrefix("acache")) {
  prefixes.push(p);
  const c = clock();
  const generations = new KnowledgeGeneration(redis, p, c.now);
  const cache = new AnswerCache(redis, p, generations, { settleMs: 0, now: c.now, ...opts });
  return { cache, generations, clock: c, prefix: p };
}

const ctx = GLOW_CTX;
const HAIRCUT = "A women's haircut is £45 and takes an hour.";

async function remember(cache: AnswerCache, tenantId: string, question: string, answer: string, entryIds = ["e1"]) {
  const { generation } = await cache.lookup({ tenantId, question, context: ctx });
  return cache.store({ tenantId, question, context: ctx, answer, entryIds, generation });
}

describe("AnswerCache", () => {
  it("serves a paraphrase and an exact match; never another tenant's answer", async () => {
    const { cache } = setup();
    const a = randomUUID();
    const b = randomUUID();
    expect(await remember(cache, a, "How much is a haircut?", HAIRCUT, ["entry-1"])).toBe("stored");
    const exact = await cache.lookup({ tenantId: a, question: "how much is a HAIRCUT 💇‍♀️", context: ctx });
    expect(exact.hit).toMatchObject({ answer: HAIRCUT, entryIds: ["entry-1"], similarity: 1 });
    expect(exact.hit!.key).toContain(`{${a}}`);
    const para = await cache.lookup({ tenantId: a, question: "what's the price of a haircut", context: ctx });
    expect(para.hit?.answer).toBe(HAIRCUT);
    expect(para.hit!.similarity).toBeGreaterThanOrEqual(0.5);
    expect((await cache.lookup({ tenantId: b, question: "How much is a haircut?", context: ctx })).hit).toBeNull();
    expect(await cache.size(a)).toBe(1);
    expect(await cache.size(b)).toBe(0);
  });

  it("every key it writes carries the tenant; a cache on another prefix is separate", async () => {
    const one = setup();
    const two = setup();
    const t = randomUUID();
    await remember(one.cache, t, "Is there parking?", "Free parking behind the salon.");
    expect((await two.cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx })).hit).toBeNull();
    const keys = await redis.keys(`${one.prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toContain(`{${t}}`);
  });

  it("never serves an answer for a different thing", async () => {
    const { cache } = setup();
    const t = randomUUID();
    await remember(cache, t, "How much is a haircut?", HAIRCUT);
    await remember(cache, t, "Are you open on Sunday?", "We're closed on Sundays.");
    await remember(cache, t, "Do you do gel nails?", "Yes, gel manicures are £30.");
    await remember(cache, t, "Can I book for 2 people?", "Yes, we can book two chairs.");
    for (const q of ["How much is a facial?", "Are you open on Monday?", "Do you do acrylic nails?", "Do you not do gel nails?", "Can I book for 3 people?", "How long does a haircut take?"]) {
      expect((await cache.lookup({ tenantId: t, question: q, context: ctx })).hit, q).toBeNull();
    }
  });

  it("serves an answer only on the tenant-local day it was made (unless perLocalDay is off)", async () => {
    for (const perLocalDay of [true, false]) {
      const { cache } = setup({ perLocalDay });
      const t = randomUUID();
      await remember(cache, t, "What are your opening hours?", "Tuesday to Sunday, 10 to 8.");
      const lateSameDay = { ...ctx, now: new Date("2025-06-11T22:59:00Z") }; // 23:59 in Bristol
      const nextDay = { ...ctx, now: new Date("2025-06-11T23:00:00Z") }; // 00:00 on the 12th
      expect((await cache.lookup({ tenantId: t, question: "What are your opening hours?", context: lateSameDay })).hit).not.toBeNull();
      expect((await cache.lookup({ tenantId: t, question: "What are your opening hours?", context: nextDay })).hit === null).toBe(perLocalDay);
    }
  });

  it("a variant (e.g. voice) has its own answers", async () => {
    const { cache } = setup();
    const t = randomUUID();
    const { generation } = await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx, variant: "voice" });
    await cache.store({ tenantId: t, question: "Is there parking?", context: ctx, variant: "voice", answer: "Yes, free parking.", entryIds: [], generation });
    expect((await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx })).hit).toBeNull();
    expect((await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx, variant: "voice" })).hit).not.toBeNull();
  });

  it("adding knowledge through the decorated store voids earlier answers; older ones are deleted on the next store", async () => {
    const { cache, generations, clock: c } = setup();
    const t = randomUUID();
    const store = withGeneration(new MemoryKnowledgeStore(), generations);
    await remember(cache, t, "Is there parking?", "Free parking behind the salon.");
    expect((await cache.lookup({ tenantId: t, question: "is there parking", context: ctx })).hit).not.toBeNull();
    c.advance(1);
    await store.addEntry(t, { title: "Parking", content: "From July parking costs £2 an hour." });
    const after = await cache.lookup({ tenantId: t, question: "is there parking", context: ctx });
    expect(after.hit).toBeNull();
    await remember(cache, t, "Do you take card?", "Yes, all cards.");
    expect(await cache.size(t)).toBe(1); // the parking answer of the old generation is gone
    expect(await redis.keys(`${cache.tenantPrefix(t)}g${after.generation - 1}*`)).toEqual([]);
  });

  it("refuses an answer made under an older generation, and waits for the change to settle", async () => {
    const { cache, generations, clock: c } = setup({ settleMs: 2000 });
    const t = randomUUID();
    c.advance(5000);
    const { generation } = await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx });
    expect(await cache.store({ tenantId: t, question: "Is there parking?", context: ctx, answer: "new", entryIds: [], generation })).toBe("settling");
    c.advance(2000);
    const turn = await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx });
    await generations.bump(t); // the owner taught something while the turn was answering
    c.advance(3000);
    expect(await cache.store({ tenantId: t, question: "Is there parking?", context: ctx, answer: "old", entryIds: [], generation: turn.generation })).toBe("stale");
    const next = await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx });
    expect(next.hit).toBeNull();
    expect(await cache.store({ tenantId: t, question: "Is there parking?", context: ctx, answer: "new", entryIds: [], generation: next.generation })).toBe("stored");
    expect(await cache.store({ tenantId: t, question: "Is there parking?", context: ctx, answer: "  ", entryIds: [], generation: next.generation })).toBe("skipped");
  });

  it("expires answers after the TTL", async () => {
    const { cache, clock: c } = setup({ ttlMs: 60_000 });
    const t = randomUUID();
    await remember(cache, t, "Is there parking?", "Free parking.");
    c.advance(59_999);
    expect((await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx })).hit).not.toBeNull();
    c.advance(1);
    expect((await cache.lookup({ tenantId: t, question: "Is there parking?", context: ctx })).hit).toBeNull();
    // and Redis forgets every key of the tenant's cache on its own (memory stays bounded)
    const keys = await redis.keys(`${cache.tenantPrefix(t)}*`);
    expect(keys.length).toBe(3); // bucket, index, filled-under generation
    for (const k of keys) {
      const ttl = await redis.pttl(k);
      expect(ttl, k).toBeGreaterThan(0);
      expect(ttl, k).toBeLessThanOrEqual(60_000);
    }
  });

  it("keeps at most maxEntriesPerTenant answers per tenant (oldest out) and maxPerBucket per question", async () => {
    const { cache, clock: c } = setup({ maxEntriesPerTenant: 3, maxPerBucket: 2 });
    const t = randomUUID();
    const qs = ["Is there parking?", "Do you take card?", "Do you take cash?", "Do you do balayage?", "What is your cancellation policy?"];
    for (const q of qs) {
      await remember(cache, t, q, `answer to ${q}`);
      c.advance(1000);
    }
    expect(await cache.size(t)).toBe(3);
    expect((await cache.lookup({ tenantId: t, question: qs[0]!, context: ctx })).hit).toBeNull();
    expect((await cache.lookup({ tenantId: t, question: qs[1]!, context: ctx })).hit).toBeNull();
    expect((await cache.lookup({ tenantId: t, question: qs[4]!, context: ctx })).hit?.answer).toBe(`answer to ${qs[4]}`);
    // one bucket: three wordings of the same question, two kept
    const u = randomUUID();
    for (const q of ["Is there parking?", "is there any parking", "Is there parking???!"]) {
      await remember(cache, u, q, q);
      c.advance(1000);
    }
    const bucket = (await cache.lookup({ tenantId: u, question: "is there parking", context: ctx })).hit!.key;
    expect(await redis.hlen(bucket)).toBe(2);
  });

  it("requires a tenant", async () => {
    const { cache } = setup();
    await expect(cache.lookup({ tenantId: "", question: "hi", context: ctx })).rejects.toThrow(/tenantId/);
  });
});
