// The cache against its labelled tables, through the real AnswerCache on Redis: store the
// answer to `a`, look up `b`, each pair under its own tenant. Must-not pairs: 0 false hits,
// asserted. Paraphrases: the hit rate is printed and held above a floor a little under what
// was measured (README), so a regression fails. Nothing is timed.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { KnowledgeGeneration } from "../../knowledge/store/generation.js";
import { AnswerCache } from "./answer-cache.js";
import { HELD_OUT_DIFFERENT, HELD_OUT_SAME } from "./eval-heldout.js";
import { DIFFERENT, EVAL_CONTEXTS, SAME, type EvalPair } from "./eval-table.js";
import { questionSignature } from "./signature.js";

const redis = testRedis();
const prefix = uniquePrefix("acache-eval");
const cache = new AnswerCache(redis, prefix, new KnowledgeGeneration(redis, prefix), { settleMs: 0 });
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

/** Which pairs hit: b is served the answer stored for a. */
async function run(pairs: EvalPair[]): Promise<{ hits: EvalPair[]; misses: EvalPair[] }> {
  const hits: EvalPair[] = [];
  const misses: EvalPair[] = [];
  for (const p of pairs) {
    const tenantId = randomUUID();
    const context = EVAL_CONTEXTS[p.business];
    const { generation } = await cache.lookup({ tenantId, question: p.a, context });
    await cache.store({ tenantId, question: p.a, context, answer: `answer to: ${p.a}`, entryIds: ["e"], generation });
    const { hit } = await cache.lookup({ tenantId, question: p.b, context });
    (hit?.answer === `answer to: ${p.a}` ? hits : misses).push(p);
  }
  return { hits, misses };
}

/** Unlabelled cross pairs that share a bucket, each read and judged the same question (or the
 *  tenant's own alias: "membership" is its "Monthly membership"). A new one fails the test until
 *  someone reads it and adds it here — or fixes the signature. */
const REVIEWED = new Set([
  "How much is a haircut? | how much is a women's haircut",
  "how much for a haircut | What's the price of a haircut?",
  "how much for a haircut | how much is a women's haircut",
  "What's the price of a haircut? | how much is a women's haircut",
  "How much does a facial cost? | How much is a facial?",
  "Balayage price? | How much is a balayage?",
  "What do you charge for a brazilian wax? | How much is a brazilian wax?",
  "Price for a lash lift? | How much is a lash lift?",
  "how much is a children's haircut | how much is a kids haircut",
  "What are your opening hours? | When are you open?",
  "What are your opening hours? | what are your hours",
  "What are your opening times? | When are you open?",
  "What are your opening times? | what are your hours",
  "Are you open on Saturday? | What time do you open on Saturday?",
  "Are you open on Saturday? | When do you open on Saturday?",
  "r u open on saturday? | What time do you open on Saturday?",
  "r u open on saturday? | When do you open on Saturday?",
  "Where are you located? | What's your address?",
  "Where are you located? | whats your address",
  "where are you based? | What's your address?",
  "where are you based? | whats your address",
  "Is there parking? | Do you have parking?",
  "is there any parking | Do you have parking?",
  "Do you take card? | Can I pay by card?",
  "Do you take card? | can i pay with card",
  "do you accept card | Can I pay by card?",
  "do you accept card | can i pay with card",
  "Do you accept cash? | Do you take cash?",
  "Can I pay cash? | Do you take cash?",
  "Do I need to pay a deposit? | Do I have to pay a deposit?",
  "How much is a membership? | How much is a monthly membership?",
  "how much does membership cost | How much is a monthly membership?",
  "Do you do a silk press? | Do you do silk press?",
  "Do you do a silk press? | do you offer silk press?",
  "Can I book for 2 people? | Can I book for two people?",
  "Where is the parking? | Where can I park?",
  "Where is the parking? | where do I park",
]);

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;

describe("answer cache evaluation", () => {
  it("the tables are the size the README promises", () => {
    expect(SAME.length).toBeGreaterThanOrEqual(60);
    expect(DIFFERENT.length).toBeGreaterThanOrEqual(60);
  });

  it("never serves an answer for a different thing (tuning table)", async () => {
    const { hits } = await run(DIFFERENT);
    expect(hits.map((p) => `${p.a} → ${p.b}`)).toEqual([]);
  });

  it("serves paraphrases (tuning table)", async () => {
    const { hits, misses } = await run(SAME);
    console.log(`answer cache, tuning table: paraphrase hit rate ${pct(hits.length, SAME.length)}; misses:\n  ${misses.map((p) => `${p.a} | ${p.b}`).join("\n  ")}`);
    expect(hits.length / SAME.length).toBeGreaterThanOrEqual(0.87); // measured 59/65 = 90.8%
  });

  it("held-out table: no false hit, paraphrases above the floor", async () => {
    const wrong = await run(HELD_OUT_DIFFERENT);
    expect(wrong.hits.map((p) => `${p.a} → ${p.b}`)).toEqual([]);
    const { hits, misses } = await run(HELD_OUT_SAME);
    console.log(`answer cache, held-out table: paraphrase hit rate ${pct(hits.length, HELD_OUT_SAME.length)}; misses:\n  ${misses.map((p) => `${p.a} | ${p.b}`).join("\n  ")}`);
    expect(hits.length / HELD_OUT_SAME.length).toBeGreaterThanOrEqual(0.85); // measured 28/30 = 93.3%
  });

  it("no two distinct questions of the tables share a bucket unless they mean the same (cross pairs)", () => {
    // Every question against every other of the same business, ~26.8k pairs: the ones that share
    // a signature are listed here, each checked by hand to be the same question.
    const all = new Map<string, { q: string; business: EvalPair["business"] }>();
    for (const p of [...SAME, ...DIFFERENT, ...HELD_OUT_SAME, ...HELD_OUT_DIFFERENT]) for (const q of [p.a, p.b]) all.set(`${p.business}|${q}`, { q, business: p.business });
    const sigs = [...all.values()].map((x) => ({ ...x, sig: questionSignature(x.q, EVAL_CONTEXTS[x.business]) }));
    const labelled = new Set([...SAME, ...HELD_OUT_SAME].flatMap((p) => [`${p.a}|${p.b}`, `${p.b}|${p.a}`]));
    const shared: string[] = [];
    for (let i = 0; i < sigs.length; i++) {
      for (let j = i + 1; j < sigs.length; j++) {
        const x = sigs[i]!;
        const y = sigs[j]!;
        if (x.business !== y.business || x.sig.key !== y.sig.key || !x.sig.selfContained || !y.sig.selfContained) continue;
        if (x.sig.normalised === y.sig.normalised || labelled.has(`${x.q}|${y.q}`)) continue;
        shared.push(`${x.q} | ${y.q}`);
      }
    }
    console.log(`answer cache, cross pairs sharing a bucket (unlabelled): ${shared.length}`);
    expect(shared.filter((pair) => !REVIEWED.has(pair))).toEqual([]);
  });
});
