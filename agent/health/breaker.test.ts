// The provider circuit breaker on the real Redis, with a hand-driven clock: opens after N
// failures in a row within the window, honours Retry-After, lets one probe through when the
// cooldown ends, and is shared by every instance (worker) on the same prefix.
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { CircuitBreakers } from "./breaker.js";

const redis = testRedis();
afterAll(async () => {
  await redis.quit();
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const settings = { failures: 3, windowMs: 10_000, cooldownMs: 30_000, maxCooldownMs: 120_000, probeTtlMs: 5_000 };

describe("CircuitBreakers", () => {
  it("opens after N failures in a row, for every worker; skips until the cooldown ends; one probe; success closes", async () => {
    const c = clock();
    const prefix = uniquePrefix("breaker");
    const w1 = new CircuitBreakers(redis, prefix, settings, c.now);
    const w2 = new CircuitBreakers(redis, prefix, settings, c.now);
    expect(await w1.failure("openai")).toBe("counted");
    expect(await w2.failure("openai")).toBe("counted");
    expect(await w1.admit("openai")).toBe("closed");
    expect(await w2.failure("openai")).toBe("opened");
    expect(await w1.admit("openai")).toBe("open");
    expect(await w2.states(["openai", "gemini"])).toEqual({ openai: "open", gemini: "closed" });
    c.advance(29_999);
    expect(await w1.admit("openai")).toBe("open");
    c.advance(1);
    expect(await w1.states(["openai"])).toEqual({ openai: "half-open" });
    expect(await w1.admit("openai")).toBe("probe");
    expect(await w2.admit("openai")).toBe("open"); // one probe at a time
    await w1.success("openai");
    expect(await w2.admit("openai")).toBe("closed");
    expect(await w2.states(["openai"])).toEqual({ openai: "closed" });
  });

  it("a success resets the count; failures spread wider than the window don't open it", async () => {
    const c = clock();
    const b = new CircuitBreakers(redis, uniquePrefix("breaker"), settings, c.now);
    await b.failure("gemini");
    await b.failure("gemini");
    await b.success("gemini");
    expect(await b.failure("gemini")).toBe("counted");
    expect(await b.failure("gemini")).toBe("counted");
    c.advance(10_001);
    expect(await b.failure("gemini")).toBe("counted"); // a new window
    expect(await b.admit("gemini")).toBe("closed");
  });

  it("a failed probe opens it again for another cooldown; a stuck probe frees its slot", async () => {
    const c = clock();
    const b = new CircuitBreakers(redis, uniquePrefix("breaker"), { ...settings, failures: 1 }, c.now);
    await b.failure("openai");
    c.advance(30_000);
    expect(await b.admit("openai")).toBe("probe");
    expect(await b.failure("openai")).toBe("opened");
    c.advance(29_000);
    expect(await b.admit("openai")).toBe("open");
    c.advance(1_000);
    expect(await b.admit("openai")).toBe("probe");
    c.advance(5_001); // the probe never reported back
    expect(await b.admit("openai")).toBe("probe");
    await b.releaseProbe("openai");
    expect(await b.admit("openai")).toBe("probe");
  });

  it("stays open as long as the provider's Retry-After asks, up to the maximum", async () => {
    const c = clock();
    const b = new CircuitBreakers(redis, uniquePrefix("breaker"), { ...settings, failures: 1 }, c.now);
    await b.failure("openai", 90_000);
    c.advance(60_000);
    expect(await b.admit("openai")).toBe("open");
    c.advance(30_000);
    expect(await b.admit("openai")).toBe("probe");
    const capped = new CircuitBreakers(redis, uniquePrefix("breaker"), { ...settings, failures: 1 }, c.now);
    await capped.failure("openai", 3_600_000);
    c.advance(120_000);
    expect(await capped.admit("openai")).toBe("probe");
  });
});
