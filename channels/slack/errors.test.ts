import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.js";
import { errorFromHttp, errorFromNetwork, errorFromPlatform, errorFromRateLimit, SlackSendError } from "./errors.js";

describe("Slack errors → disposition", () => {
  it("rate limits retry after Retry-After", () => {
    const e = errorFromRateLimit(7);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ disposition: "retry", retryAfterMs: 7000, providerCode: "ratelimited", code: "rate_limited" });
    expect(errorFromPlatform("ratelimited", 3)).toMatchObject({ disposition: "retry", retryAfterMs: 3000 });
  });

  it("transient platform errors, 5xx and network failures retry", () => {
    for (const code of ["internal_error", "fatal_error", "service_unavailable", "request_timeout"]) {
      expect(errorFromPlatform(code).disposition).toBe("retry");
    }
    expect(errorFromHttp(500)).toMatchObject({ disposition: "retry", providerCode: "http_500" });
    expect(errorFromHttp(503).disposition).toBe("retry");
    expect(errorFromNetwork(new Error("ECONNRESET"), "network").disposition).toBe("retry");
    expect(errorFromNetwork(undefined, "timeout").message).toBe("Slack send timed out");
  });

  it.each(["invalid_auth", "account_inactive", "token_revoked", "not_in_channel", "channel_not_found", "is_archived", "msg_too_long"])(
    "%s fails with the code as providerCode",
    (code) => {
      const e = errorFromPlatform(code);
      expect(e).toBeInstanceOf(SlackSendError);
      expect(e).toMatchObject({ disposition: "fail", providerCode: code });
      expect(e.retryAfterMs).toBeUndefined();
    },
  );

  it("auth failures are unauthorized, other 4xx bad requests", () => {
    expect(errorFromPlatform("token_revoked").code).toBe("unauthorized");
    expect(errorFromPlatform("channel_not_found").code).toBe("bad_request");
    expect(errorFromHttp(404)).toMatchObject({ disposition: "fail", code: "bad_request" });
  });
});
