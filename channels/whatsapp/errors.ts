// Failed sends → WhatsAppSendError, whose `disposition` tells the outbox what to do.
// The decision keys on Graph's error `code` first (Meta's advice), then on the HTTP status.
// Messages carry the provider's wording only: never the access token or request headers.
import { z } from "zod";
import { AppError, type ErrorCode } from "../../core/errors.js";
import type { SendDisposition, SendFailure } from "../types.js";

/** Throughput and transient codes: 130429 throughput, 131056 pair rate, 80007/4/613 rate
 * limits, 1/2 temporary API errors, 131000 "something went wrong" (served with 5xx). */
const RETRY_CODES = new Set([130429, 131056, 80007, 4, 613, 1, 2, 131000]);
const RATE_LIMIT_CODES = new Set([130429, 131056, 80007, 4, 613]);
/** Outside the 24-hour customer-service window: only a template can reach the person now. */
const HOLD_CODES = new Set([131047]);

export class WhatsAppSendError extends AppError implements SendFailure {
  readonly disposition: SendDisposition;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  readonly outcomeUnknown?: boolean;

  constructor(
    disposition: SendDisposition,
    message: string,
    options: {
      code?: ErrorCode;
      providerCode?: string;
      retryAfterMs?: number;
      httpStatus?: number;
      outcomeUnknown?: boolean;
      cause?: unknown;
      details?: unknown;
    } = {},
  ) {
    const code = options.code ?? (disposition === "retry" ? "unavailable" : "bad_request");
    super(code, message, { cause: options.cause, details: options.details });
    this.disposition = disposition;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.outcomeUnknown) this.outcomeUnknown = true;
  }
}

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** Retry-After as delta-seconds or an HTTP date → milliseconds from `now`; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function dispositionFor(code: number | undefined, httpStatus: number): SendDisposition {
  if (code !== undefined && HOLD_CODES.has(code)) return "hold";
  if (code !== undefined && RETRY_CODES.has(code)) return "retry";
  if (httpStatus === 429 || httpStatus === 408 || httpStatus >= 500) return "retry";
  return "fail";
}

function appCode(disposition: SendDisposition, code: number | undefined, httpStatus: number): ErrorCode {
  if (disposition === "retry") return (code !== undefined && RATE_LIMIT_CODES.has(code)) || httpStatus === 429 ? "rate_limited" : "unavailable";
  if (disposition === "hold") return "conflict";
  return code === 190 || httpStatus === 401 ? "unauthorized" : "bad_request";
}

/** Removes every occurrence of the given secrets from provider text, defensively. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join("[redacted]"), text);
}

/** A non-2xx Graph response → WhatsAppSendError. `bodyText` is the raw response body. */
export function errorFromResponse(
  httpStatus: number,
  headers: Headers,
  bodyText: string,
  secrets: readonly string[] = [],
): WhatsAppSendError {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  const graph = graphErrorSchema.safeParse(json);
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  const e = graph.success ? graph.data.error : undefined;
  const disposition = dispositionFor(e?.code, httpStatus);
  const reason = e
    ? [e.message ?? `Graph error ${e.code}`, e.error_data?.details].filter(Boolean).join(": ")
    : `HTTP ${httpStatus} from Graph API`;
  return new WhatsAppSendError(disposition, `WhatsApp send failed: ${redact(reason, secrets)}`, {
    code: appCode(disposition, e?.code, httpStatus),
    httpStatus,
    ...(e && { providerCode: String(e.code) }),
    ...(disposition === "retry" && retryAfterMs !== undefined && { retryAfterMs }),
    details: e ? { type: e.type, subcode: e.error_subcode, fbtraceId: e.fbtrace_id } : undefined,
  });
}

/** fetch threw: connection refused/reset, DNS, timeout or caller abort — all worth another try. */
export function errorFromNetwork(cause: unknown, why: "timeout" | "aborted" | "network"): WhatsAppSendError {
  const message = {
    timeout: "WhatsApp send timed out",
    aborted: "WhatsApp send aborted",
    network: "WhatsApp send failed: network error",
  }[why];
  // Refused connections and failed lookups never reached Graph; anything else might have.
  const errno = (cause as { code?: string; cause?: { code?: string } } | undefined)?.cause?.code ?? (cause as { code?: string } | undefined)?.code;
  const neverSent = why === "network" && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"].includes(errno ?? "");
  return new WhatsAppSendError("retry", message, { code: "unavailable", cause, outcomeUnknown: !neverSent });
}
