// Failed Slack Web API calls → SlackSendError, whose `disposition` tells the outbox what to
// do. Slack answers HTTP 200 with `{ok: false, error: "<code>"}` for most failures, HTTP 429
// with Retry-After (seconds) when rate limited, and 5xx when it is having a bad day.
// Messages carry Slack's error code only: never the token or the request.
import { AppError, type ErrorCode } from "../../core/errors.js";
import type { SendDisposition, SendFailure } from "../types.js";

/** Error codes worth another try later (Slack's transient and rate-limit errors). */
const RETRY_CODES = new Set([
  "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org",
]);
/** The token is bad or the workspace is gone: no send on this account will work. */
const AUTH_CODES = new Set([
  "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission", "missing_scope",
  "ekm_access_denied", "org_login_required", "team_access_not_granted",
]);

export class SlackSendError extends AppError implements SendFailure {
  readonly disposition: SendDisposition;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;

  constructor(
    disposition: SendDisposition,
    message: string,
    options: { code?: ErrorCode; providerCode?: string; retryAfterMs?: number; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(options.code ?? (disposition === "retry" ? "unavailable" : "bad_request"), message, { cause: options.cause });
    this.disposition = disposition;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/** `{ok: false, error}` → retry for transient codes, fail (with the code) for everything else. */
export function errorFromPlatform(error: string, retryAfterSeconds?: number): SlackSendError {
  if (RETRY_CODES.has(error)) {
    const limited = error === "ratelimited" || error === "rate_limited";
    return new SlackSendError("retry", `Slack send failed: ${error}`, {
      code: limited ? "rate_limited" : "unavailable", providerCode: error,
      ...(retryAfterSeconds !== undefined ? { retryAfterMs: retryAfterSeconds * 1000 } : {}),
    });
  }
  return new SlackSendError("fail", `Slack send failed: ${error}`, {
    code: AUTH_CODES.has(error) ? "unauthorized" : "bad_request", providerCode: error,
  });
}

/** HTTP 429 with Retry-After seconds. */
export function errorFromRateLimit(retryAfterSeconds: number): SlackSendError {
  return new SlackSendError("retry", `Slack send rate limited: retry after ${retryAfterSeconds} s`, {
    code: "rate_limited", providerCode: "ratelimited", retryAfterMs: Math.max(0, retryAfterSeconds) * 1000, httpStatus: 429,
  });
}

/** A non-200, non-429 HTTP answer: 5xx and 408 are transient, other 4xx permanent. */
export function errorFromHttp(status: number, cause?: unknown): SlackSendError {
  const retry = status >= 500 || status === 408 || status === 429;
  return new SlackSendError(retry ? "retry" : "fail", `Slack send failed: HTTP ${status}`, {
    code: retry ? "unavailable" : status === 401 || status === 403 ? "unauthorized" : "bad_request",
    providerCode: `http_${status}`, httpStatus: status, cause,
  });
}

/** The request never got an answer: connection refused/reset, DNS, timeout or abort — try again. */
export function errorFromNetwork(cause: unknown, why: "timeout" | "aborted" | "network"): SlackSendError {
  const message = { timeout: "Slack send timed out", aborted: "Slack send aborted", network: "Slack send failed: network error" }[why];
  return new SlackSendError("retry", message, { code: "unavailable", cause });
}
