// Twilio REST errors (as the SDK throws them, built from the real error bodies) → dispositions.
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { twilioError } from "../../test/fakes/twilio.js";
import { errorFromNetwork, errorFromTwilio, parseRetryAfter, SmsSendError } from "./errors.js";

/** What twilio-node throws for a non-2xx answer with Twilio's body. */
function sdkError(code: number, status?: number) {
  const { status: httpStatus, body } = twilioError(code, status);
  return new twilio.RestException({ statusCode: httpStatus, body: JSON.stringify(body) });
}

describe("errorFromTwilio", () => {
  it.each([
    [20429, 429, "retry", "rate_limited"],
    [20429, 400, "retry", "rate_limited"],
    [20500, 500, "retry", "unavailable"],
    [20500, 503, "retry", "unavailable"],
    [21610, 400, "fail", "forbidden"],
    [21211, 400, "fail", "bad_request"],
    [21614, 400, "fail", "bad_request"],
    [20003, 401, "fail", "unauthorized"],
    [20404, 404, "fail", "not_found"],
    [21602, 400, "fail", "bad_request"],
    [21617, 400, "fail", "bad_request"],
  ] as const)("%i (HTTP %i) → %s", (code, status, disposition, appCode) => {
    const sdk = sdkError(code, status);
    const e = errorFromTwilio(sdk);
    expect(e).toBeInstanceOf(SmsSendError);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ disposition, code: appCode, providerCode: String(code), httpStatus: status });
    expect(e.message).toBe(`SMS send failed: ${sdk.message}`);
    expect(e.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  });

  it("HTTP 429 without a Twilio code → retry; Retry-After in seconds or as a date", () => {
    const bare = new twilio.RestException({ statusCode: 429, body: "" });
    expect(errorFromTwilio(bare, { "retry-after": "3" })).toMatchObject({ disposition: "retry", retryAfterMs: 3000, message: "SMS send failed: HTTP 429 from Twilio" });
    expect(errorFromTwilio(sdkError(20429), { "retry-after": new Date(Date.now() + 10_000).toUTCString() }).retryAfterMs).toBeGreaterThan(8000);
    expect(errorFromTwilio(sdkError(20429)).retryAfterMs).toBeUndefined();
  });

  it("Retry-After is ignored on permanent failures", () => {
    expect(errorFromTwilio(sdkError(21610), { "retry-after": "3" }).retryAfterMs).toBeUndefined();
  });

  it("other 4xx → fail with the provider's message", () => {
    const e = errorFromTwilio(sdkError(21408, 400));
    expect(e).toMatchObject({ disposition: "fail", providerCode: "21408", message: "SMS send failed: Twilio error 21408" });
  });

  it("redacts secrets if the provider ever echoes them", () => {
    const token = "0123456789abcdef0123456789abcdef";
    const sdk = new twilio.RestException({ statusCode: 400, body: { code: 21999, message: `token ${token} rejected`, more_info: "x", status: 400 } });
    expect(errorFromTwilio(sdk, {}, [token]).message).toBe("SMS send failed: token [redacted] rejected");
  });
});

describe("errorFromNetwork", () => {
  it("→ retry, keeping only the code and message of the transport error (never its config)", () => {
    const axiosLike = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
      config: { headers: { Authorization: "Basic QUM6c2VjcmV0" } },
    });
    const e = errorFromNetwork(axiosLike, "network");
    expect(e).toMatchObject({ disposition: "retry", code: "unavailable", message: "SMS send failed: network error" });
    expect((e.cause as Error).message).toBe("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9");
    expect(JSON.stringify(e.cause)).not.toContain("QUM6c2VjcmV0");
    expect(errorFromNetwork(undefined, "timeout").message).toBe("SMS send timed out");
    expect(errorFromNetwork(undefined, "aborted").message).toBe("SMS send aborted");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates; ignores junk", () => {
    expect(parseRetryAfter("7")).toBe(7000);
    expect(parseRetryAfter("Thu, 01 Jan 2099 00:00:10 GMT", Date.parse("Thu, 01 Jan 2099 00:00:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter(["1"])).toBeUndefined();
  });
});
