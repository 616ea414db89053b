// Failed SMS sends → SmsSendError, whose `disposition` tells the outbox what to do.
// Twilio's 2010-04-01 errors are {code, message, more_info, status}; the SDK turns them into
// RestException (or TwilioServiceException for RFC 9457 bodies), both with `status` and
// `code`. The decision keys on Twilio's code first, then the HTTP status. Messages carry the
// provider's wording only — never the auth token, the Authorization header or the request.
import { AppError, type ErrorCode } from "../../core/errors.js";
import type { SendDisposition, SendFailure } from "../types.js";

/** Twilio's own "too many requests" (also served as HTTP 429). */
const RATE_LIMIT_CODES = new Set([20429]);
/** Recipient unsubscribed (replied STOP): never retried; the pipeline marks the contact opted out. */
export const TWILIO_UNSUBSCRIBED = 21610;
/** Not a valid / not a mobile 'To' number: the pipeline marks the number invalid. */
export const TWILIO_INVALID_TO = new Set([21211, 21614]);

export class SmsSendError extends AppError implements SendFailure {
  readonly disposition: SendDisposition;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  /** Twilio's documentation link for the code (`more_info`). */
  readonly moreInfo?: string;

  constructor(
    disposition: SendDisposition,
    message: string,
    options: { code?: ErrorCode; providerCode?: string; retryAfterMs?: number; httpStatus?: number; moreInfo?: string; cause?: unknown } = {},
  ) {
    super(options.code ?? (disposition === "retry" ? "unavailable" : "bad_request"), message, { cause: options.cause });
    this.disposition = disposition;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.moreInfo !== undefined) this.moreInfo = options.moreInfo;
  }
}

/** What the SDK throws for a non-2xx answer (RestException / TwilioServiceException). */
export interface TwilioApiError {
  status: number;
  code?: number | undefined;
  message?: string | undefined;
  moreInfo?: string | undefined;
}

export function isTwilioApiError(err: unknown): err is TwilioApiError {
  return err instanceof Error && typeof (err as { status?: unknown }).status === "number";
}

/** Retry-After as delta-seconds or an HTTP date → milliseconds from `now`. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== "string" || !value.trim()) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Removes every occurrence of the given secrets from provider text, defensively. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("[redacted]"), text);
}

function classify(code: number | undefined, status: number): { disposition: SendDisposition; app: ErrorCode } {
  if ((code !== undefined && RATE_LIMIT_CODES.has(code)) || status === 429) return { disposition: "retry", app: "rate_limited" };
  if (status >= 500 || status === 408) return { disposition: "retry", app: "unavailable" };
  if (code === TWILIO_UNSUBSCRIBED) return { disposition: "fail", app: "forbidden" };
  if (code === 20003 || status === 401) return { disposition: "fail", app: "unauthorized" };
  if (code === 20404 || status === 404) return { disposition: "fail", app: "not_found" };
  return { disposition: "fail", app: "bad_request" };
}

/** An SDK error for a non-2xx answer → SmsSendError. `headers` are the response's (for Retry-After). */
export function errorFromTwilio(err: TwilioApiError, headers: Record<string, unknown> = {}, secrets: readonly string[] = []): SmsSendError {
  const { disposition, app } = classify(err.code, err.status);
  const retryAfterMs = disposition === "retry" ? parseRetryAfter(headers["retry-after"]) : undefined;
  const reason = err.message && !err.message.startsWith("[HTTP") ? err.message : `HTTP ${err.status} from Twilio`;
  return new SmsSendError(disposition, `SMS send failed: ${redact(reason, secrets)}`, {
    code: app,
    httpStatus: err.status,
    ...(err.code !== undefined && { providerCode: String(err.code) }),
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(err.moreInfo && { moreInfo: err.moreInfo }),
  });
}

export type NetworkFailure = "timeout" | "aborted" | "network";

/**
 * No answer: connection refused/reset, DNS, timeout or caller abort — worth another try.
 * The transport's own error (which holds the request config, Authorization header included)
 * is never kept: `cause` is a plain Error with its code and message.
 */
export function errorFromNetwork(cause: unknown, why: NetworkFailure, secrets: readonly string[] = []): SmsSendError {
  const message = { timeout: "SMS send timed out", aborted: "SMS send aborted", network: "SMS send failed: network error" }[why];
  const c = cause as { code?: unknown; message?: unknown } | undefined;
  const summary = [typeof c?.code === "string" ? c.code : "", typeof c?.message === "string" ? c.message : ""].filter(Boolean).join(": ");
  return new SmsSendError("retry", message, { code: "unavailable", cause: new Error(redact(summary || why, secrets)) });
}
