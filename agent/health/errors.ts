// What a provider error says about the provider's health: whether it counts against the
// breaker (rate limits, server errors, timeouts, refused keys — not a request it rejected
// as malformed), and the Retry-After it asked for.

/** True when the failure says the provider is unavailable to us, not that this request was bad. */
export function countsAsOutage(err: unknown): boolean {
  const e = err as { status?: unknown; name?: unknown; code?: unknown } | null;
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status === undefined) return true; // timeouts, refused connections, DNS
  return status === 408 || status === 429 || status >= 500 || status === 401 || status === 403;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
  if (typeof h.get === "function") return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return typeof v === "string" ? v : undefined;
}

/** "20s", "1.5s" (Google RetryInfo.retryDelay) → ms. */
function durationMs(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(s.trim());
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

/**
 * The wait a provider asked for, in ms: OpenAI's `retry-after-ms` / `retry-after` headers
 * (seconds or an HTTP date), or Google's RetryInfo `retryDelay` in the error details.
 */
export function retryAfterMs(err: unknown, now: number = Date.now()): number | undefined {
  const e = err as { headers?: unknown; response?: { headers?: unknown }; error?: { headers?: unknown }; errorDetails?: unknown } | null;
  for (const headers of [e?.headers, e?.response?.headers, e?.error?.headers]) {
    const ms = header(headers, "retry-after-ms");
    if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
    const ra = header(headers, "retry-after");
    if (!ra) continue;
    if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.round(Number(ra) * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  if (Array.isArray(e?.errorDetails)) {
    for (const d of e.errorDetails as Array<{ retryDelay?: unknown }>) {
      if (typeof d?.retryDelay === "string") {
        const ms = durationMs(d.retryDelay);
        if (ms !== undefined) return ms;
      }
    }
  }
  return undefined;
}
