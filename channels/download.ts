// Fetching a file a person sent, for any channel: only from hosts the caller allows (no
// SSRF through a URL in a webhook), redirects followed by hand and only to allowed hosts
// (the bearer token never leaves them), a size cap enforced while reading, a timeout.
import { AppError } from "../core/errors.js";

export class DownloadError extends AppError {
  constructor(
    message: string,
    /** A later attempt may succeed (network, 5xx, 429). */
    readonly retryable: boolean,
    /** What to tell the person, when it is something they can act on. */
    readonly reason: "too_large" | "refused" | "not_found" | "unavailable" | "unsafe_url" = retryable ? "unavailable" : "refused",
    /** The file's size when the provider declared it (too_large). */
    readonly size?: number,
  ) {
    super(retryable ? "unavailable" : "bad_request", message);
  }
}

export interface DownloadOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes: number;
  /** Lower-case host names (with :port when not default) the URL and any redirect may point to. */
  allowedHosts: ReadonlySet<string>;
  /** Hosts over plain http are allowed only when listed here (local fakes, tests). */
  allowHttpHosts?: ReadonlySet<string>;
  signal?: AbortSignal;
}

export function checkUrl(raw: string, o: Pick<DownloadOptions, "allowedHosts" | "allowHttpHosts">): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError("the file URL is not a URL", false, "unsafe_url");
  }
  const host = url.host.toLowerCase();
  const httpOk = url.protocol === "http:" && o.allowHttpHosts?.has(host);
  if ((url.protocol !== "https:" && !httpOk) || !o.allowedHosts.has(host) || url.username || url.password) {
    throw new DownloadError(`refusing to download from ${url.protocol}//${host}`, false, "unsafe_url");
  }
  return url;
}

/** GET the URL with `headers`, following up to 3 redirects within the allowed hosts. */
export async function download(raw: string, headers: Record<string, string>, o: DownloadOptions): Promise<{ bytes: Uint8Array; contentType: string }> {
  const f = o.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(o.timeoutMs ?? 30_000);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let url = checkUrl(raw, o);
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await f(url, { headers, redirect: "manual", signal });
    } catch (cause) {
      throw new DownloadError(timeout.aborted ? "download timed out" : "download failed (network)", true, "unavailable");
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      await res.body?.cancel();
      if (hop >= 3) throw new DownloadError("too many redirects", false);
      url = checkUrl(new URL(res.headers.get("location")!, url).href, o);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      const retry = res.status === 429 || res.status >= 500 || res.status === 408;
      throw new DownloadError(`download answered HTTP ${res.status}`, retry, res.status === 404 ? "not_found" : retry ? "unavailable" : "refused");
    }
    const declared = Number(res.headers.get("content-length") ?? NaN);
    if (declared > o.maxBytes) {
      await res.body?.cancel();
      throw new DownloadError("the file is too large", false, "too_large", declared);
    }
    return { bytes: await readCapped(res, o.maxBytes), contentType: res.headers.get("content-type") ?? "" };
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new DownloadError("the file is too large", false, "too_large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
