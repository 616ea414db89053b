import { describe, expect, it } from "vitest";
import type { SendFailure } from "../types.js";
import { errorFromNetwork, errorFromResponse, parseRetryAfter, redact, WhatsAppSendError } from "./errors.js";

const graphBody = (code: number, message = `(#${code}) error`) => JSON.stringify({ error: { message, type: "OAuthException", code } });

describe("errorFromResponse", () => {
  it.each([
    [80007, 400, "retry"],
    [4, 400, "retry"],
    [613, 400, "retry"],
    [131000, 500, "retry"],
    [131047, 400, "hold"],
    [131047, 500, "hold"],
    [190, 401, "fail"],
    [131021, 400, "fail"],
    [100, 400, "fail"],
    [131026, 400, "fail"],
    [368, 400, "fail"],
  ] as const)("code %i with HTTP %i → %s", (code, status, disposition) => {
    const e = errorFromResponse(status, new Headers(), graphBody(code));
    expect(e.disposition).toBe(disposition);
    expect(e.providerCode).toBe(String(code));
  });

  it.each([
    [502, "<html>Bad gateway</html>", "retry"],
    [503, "", "retry"],
    [429, "{}", "retry"],
    [408, "", "retry"],
    [404, "not found", "fail"],
    [400, "{\"error\":\"text\"}", "fail"],
  ] as const)("HTTP %i without a Graph error body → %s", (status, body, disposition) => {
    const e = errorFromResponse(status, new Headers(), body);
    expect(e.disposition).toBe(disposition);
    expect(e.providerCode).toBeUndefined();
    expect(e.message).toBe(`WhatsApp send failed: HTTP ${status} from Graph API`);
  });

  it("includes error_data.details and keeps subcode and fbtrace_id in details", () => {
    const body = { error: { message: "(#130429) Rate limit hit", type: "OAuthException", code: 130429, error_subcode: 2494055, error_data: { details: "Too many messages" }, fbtrace_id: "T1" } };
    const e = errorFromResponse(400, new Headers(), JSON.stringify(body));
    expect(e.message).toBe("WhatsApp send failed: (#130429) Rate limit hit: Too many messages");
    expect(e.details).toEqual({ type: "OAuthException", subcode: 2494055, fbtraceId: "T1" });
  });

  it("ignores Retry-After on failures that are not retried", () => {
    const e = errorFromResponse(400, new Headers({ "retry-after": "30" }), graphBody(131047));
    expect(e.retryAfterMs).toBeUndefined();
  });

  it("is a SendFailure", () => {
    const failure: SendFailure = errorFromResponse(500, new Headers(), "");
    expect(failure).toBeInstanceOf(WhatsAppSendError);
    expect(failure.name).toBe("WhatsAppSendError");
    expect(failure.status).toBe(503);
  });
});

describe("helpers", () => {
  it("parseRetryAfter reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("12", now)).toBe(12_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("redact removes every occurrence of a secret", () => {
    expect(redact("a SECRET b SECRET", ["SECRET"])).toBe("a [redacted] b [redacted]");
    expect(redact("abc", [""])).toBe("abc");
  });

  it("errorFromNetwork is always retry", () => {
    for (const why of ["timeout", "aborted", "network"] as const) {
      expect(errorFromNetwork(new Error("x"), why).disposition).toBe("retry");
    }
  });
});
