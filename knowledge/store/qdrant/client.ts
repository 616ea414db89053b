// The Qdrant REST client (@qdrant/js-client-rest) and how its failures become AppErrors:
// "unavailable" (503) for an unreachable, timing-out or failing server, "internal" for a
// request Qdrant refused (a bug on our side). Messages say which operation failed and
// Qdrant's own `status.error`; the API key is a header and never appears in them.
import { QdrantClient } from "@qdrant/js-client-rest";
import { AppError } from "../../../core/errors.js";

export interface QdrantConnection {
  url: string;
  /** Sent as the `api-key` header; never logged. */
  apiKey?: string;
  collection: string;
  /** Time limit of one request (default 10 s). */
  timeoutMs?: number;
}

export function createQdrantClient(conn: QdrantConnection): QdrantClient {
  return new QdrantClient({
    url: conn.url,
    ...(conn.apiKey ? { apiKey: conn.apiKey } : {}),
    timeout: conn.timeoutMs ?? 10_000,
    // the client's version probe logs with console.warn; the collection check at init is ours
    checkCompatibility: false,
  });
}

/** The HTTP status of a failed Qdrant call, if it got an answer. */
export function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

function describe(err: unknown): { message: string; unavailable: boolean } {
  const status = httpStatusOf(err);
  if (status !== undefined) {
    const detail = (err as { data?: { status?: { error?: unknown } } }).data?.status?.error;
    const text = typeof detail === "string" ? `: ${detail.slice(0, 300)}` : "";
    return { message: `HTTP ${status}${text}`, unavailable: status >= 500 || status === 429 };
  }
  const name = err instanceof Error ? err.name : "";
  if (name === "QdrantClientTimeoutError") return { message: "timed out", unavailable: true };
  if (name === "QdrantClientResourceExhaustedError") return { message: "rate limited (429)", unavailable: true };
  // undici's fetch: TypeError("fetch failed") with the socket error (ECONNREFUSED, UND_ERR_SOCKET…) as cause
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (err instanceof TypeError && (err.message === "fetch failed" || typeof code === "string")) {
    return { message: `cannot reach the server${typeof code === "string" ? ` (${code})` : ""}`, unavailable: true };
  }
  return { message: err instanceof Error ? err.message.slice(0, 300) : String(err), unavailable: false };
}

export function qdrantError(what: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const { message, unavailable } = describe(err);
  return new AppError(unavailable ? "unavailable" : "internal", `Qdrant ${what} failed: ${message}`, { cause: err });
}

/** Run one Qdrant call; any failure becomes a clear AppError. */
export async function qdrantCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw qdrantError(what, err);
  }
}
