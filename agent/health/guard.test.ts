// Call guards around callWithFallback: an open provider is skipped and noted; when a later
// guard (the budget) refuses, an earlier admission (the breaker's half-open probe) is
// released; an aborted turn neither counts against the provider nor keeps its probe.
import { AIMessage } from "@langchain/core/messages";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { callWithFallback, type CallGuard } from "../fallback.js";
import type { Candidate } from "../models/tiers.js";
import { CircuitBreakers } from "./breaker.js";
import { allGuards, breakerGuard } from "./guard.js";

const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

const cand = (provider: string, tier: "fast" | "local" = "fast"): Candidate =>
  ({ tier, provider, model: provider === "local" ? "local" : `${provider}-model`, chat: null as never, key: provider === "local" ? "local" : `${provider}:${tier}` });
const chain = [cand("openai"), cand("gemini"), cand("local", "local")];
const refuseAll: CallGuard = { admit: async () => ({ refused: "budget: hard limit" }) };

function setup() {
  let t = 1_000_000;
  const b = new CircuitBreakers(redis, uniquePrefix("guard"), { failures: 1, cooldownMs: 1000 }, () => t);
  return { b, advance: (ms: number) => void (t += ms) };
}

describe("call guards", () => {
  it("skips an open provider, notes why, and reports the next one's success", async () => {
    const { b } = setup();
    await b.failure("openai");
    const called: string[] = [];
    const r = await callWithFallback(chain, [], async (c) => (called.push(c.key), new AIMessage("ok")), { guard: breakerGuard(b) });
    expect(called).toEqual(["gemini:fast"]);
    expect(r.notes).toEqual(["openai:fast skipped (openai circuit open)"]);
    expect(r.candidate.key).toBe("gemini:fast");
  });

  it("a later guard's refusal releases the breaker's probe; every LLM refused → local answers", async () => {
    const { b, advance } = setup();
    await b.failure("openai");
    advance(1000);
    const called: string[] = [];
    const r = await callWithFallback(chain, [], async (c) => (called.push(c.key), new AIMessage("local")), { guard: allGuards([breakerGuard(b), refuseAll]) });
    expect(called).toEqual(["local"]);
    expect(r.notes).toEqual(["openai:fast skipped (budget: hard limit)", "gemini:fast skipped (budget: hard limit)"]);
    expect(await b.admit("openai")).toBe("probe"); // the slot was given back
  });

  it("an aborted call counts nothing against the provider", async () => {
    const { b } = setup();
    const ctl = new AbortController();
    const err = Object.assign(new Error("aborted"), { name: "AbortError" });
    await expect(
      callWithFallback(chain, [], async () => {
        ctl.abort();
        throw err;
      }, { guard: breakerGuard(b), signal: ctl.signal }),
    ).rejects.toBe(err);
    expect(await b.admit("openai")).toBe("closed");
  });

  it("a malformed-request error (400) is not an outage", async () => {
    const { b } = setup();
    const r = await callWithFallback(chain, [], async (c) => {
      if (c.provider === "openai") throw Object.assign(new Error("bad"), { status: 400 });
      return new AIMessage("gemini");
    }, { guard: breakerGuard(b) });
    expect(r.failed).toEqual(["openai:fast"]);
    expect(await b.admit("openai")).toBe("closed");
  });
});
