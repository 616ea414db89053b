import { describe, expect, it } from "vitest";
import { countsAsOutage, retryAfterMs } from "./errors.js";

describe("provider errors and health", () => {
  it.each([
    [{ status: 429 }, true], [{ status: 500 }, true], [{ status: 503 }, true], [{ status: 401 }, true],
    [{ name: "TimeoutError" }, true], [new Error("connect ECONNREFUSED"), true],
    [{ status: 400 }, false], [{ status: 404 }, false], [{ status: 422 }, false],
  ])("%j counts as an outage: %s", (err, want) => {
    expect(countsAsOutage(err)).toBe(want);
  });

  it("reads Retry-After from OpenAI-style headers (seconds, ms, HTTP date) and Google's RetryInfo", () => {
    const now = Date.parse("2026-11-20T12:00:00Z");
    expect(retryAfterMs({ status: 429, headers: new Headers({ "retry-after": "20" }) }, now)).toBe(20_000);
    expect(retryAfterMs({ status: 429, headers: { "retry-after-ms": "1500" } }, now)).toBe(1500);
    expect(retryAfterMs({ status: 503, headers: new Headers({ "retry-after": "Fri, 20 Nov 2026 12:01:00 GMT" }) }, now)).toBe(60_000);
    expect(retryAfterMs({ status: 429, errorDetails: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" }] }, now)).toBe(37_000);
    expect(retryAfterMs({ status: 429 }, now)).toBeUndefined();
    expect(retryAfterMs({ status: 429, headers: new Headers({ "retry-after": "soon" }) }, now)).toBeUndefined();
  });
});
