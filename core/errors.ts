// One error hierarchy. api/http/errors.ts maps these to HTTP responses; queue processors
// map them to retry decisions. Messages are safe to show; `cause` is logged, never sent.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable"
  | "not_configured"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  not_configured: 501,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }
  readonly details: unknown;
  get status(): number {
    return STATUS[this.code];
  }
}

/** A webhook whose signature is missing, malformed or wrong. */
export class VerificationError extends AppError {
  constructor(message = "invalid signature") {
    super("unauthorized", message);
  }
}

/** A body that could not be parsed into something we understand. */
export class ParseError extends AppError {
  constructor(message: string, details?: unknown) {
    super("bad_request", message, { details });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

/** A provider is not configured for this tenant/deployment: reported, never faked. */
export class NotConfiguredError extends AppError {
  constructor(what: string) {
    super("not_configured", `${what} is not configured`);
  }
}

/** Provider call failed; `retryable` tells the queue whether another attempt may succeed. */
export class ProviderError extends AppError {
  constructor(
    readonly provider: string,
    message: string,
    readonly retryable: boolean,
    readonly providerCode?: string | number,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(retryable ? "unavailable" : "bad_request", message, { cause: options?.cause });
    this.retryAfterMs = options?.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}
