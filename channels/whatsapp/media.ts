// Downloading media a person sent on WhatsApp (Cloud API): GET /{version}/{media-id} with
// the business's token gives a short-lived `url` (+ mime_type, sha256, file_size); GET that
// url with the same token gives the bytes. The url must be on Meta's media host or the
// configured Graph host; the size is checked before and while downloading; the sha256 Meta
// reports is verified.
import { createHash } from "node:crypto";
import { z } from "zod";
import { download, DownloadError } from "../download.js";
import { graphErrorSchema } from "./errors.js";

export interface MediaClientOptions {
  /** GRAPH_API_BASE_URL */
  baseUrl: string;
  apiVersion: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DownloadedMedia {
  bytes: Uint8Array;
  mimeType: string;
  fileSize: number;
}

const mediaSchema = z.object({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string()]).optional(),
  id: z.string().optional(),
});

/** Where WhatsApp Cloud API media URLs point (lookaside.fbsbx.com), plus the Graph host itself. */
const META_MEDIA_HOSTS = ["lookaside.fbsbx.com"];

export function createMediaClient(o: MediaClientOptions) {
  const base = new URL(o.baseUrl);
  const graphHost = base.host.toLowerCase();
  const allowedHosts = new Set([...META_MEDIA_HOSTS, graphHost]);
  const allowHttpHosts = base.protocol === "http:" ? new Set([graphHost]) : new Set<string>();
  const f = o.fetch ?? globalThis.fetch;

  async function metadata(mediaId: string, accessToken: string, signal?: AbortSignal) {
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(mediaId)) throw new DownloadError("not a WhatsApp media id", false, "not_found");
    const url = `${o.baseUrl.replace(/\/+$/, "")}/${o.apiVersion}/${mediaId}`;
    const timeout = AbortSignal.timeout(o.timeoutMs ?? 15_000);
    let res: Response;
    let text: string;
    try {
      res = await f(url, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      text = await res.text();
    } catch {
      throw new DownloadError("WhatsApp media lookup failed (network)", true);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = graphErrorSchema.safeParse(json);
      const code = err.success ? err.data.error.code : undefined;
      const retry = res.status >= 500 || res.status === 429 || code === 4 || code === 80007 || code === 1 || code === 2;
      // 100/33: unknown media id, or one this token may not read (expired after 30 days)
      const reason = code === 100 ? "not_found" : retry ? "unavailable" : "refused";
      throw new DownloadError(`WhatsApp media lookup: HTTP ${res.status}${code !== undefined ? ` (code ${code})` : ""}`, retry, reason);
    }
    const meta = mediaSchema.safeParse(json);
    if (!meta.success) throw new DownloadError("WhatsApp media lookup: unreadable answer", false);
    return meta.data;
  }

  return {
    /** Metadata first (size check), then the bytes; `maxBytes` caps both. */
    async download(mediaId: string, accessToken: string, opts: { maxBytes: number; signal?: AbortSignal }): Promise<DownloadedMedia> {
      const meta = await metadata(mediaId, accessToken, opts.signal);
      const declared = Number(meta.file_size ?? NaN);
      if (declared > opts.maxBytes) throw new DownloadError("the file is too large", false, "too_large", declared);
      const { bytes, contentType } = await download(meta.url, { authorization: `Bearer ${accessToken}` }, {
        fetch: f, maxBytes: opts.maxBytes, allowedHosts, allowHttpHosts, timeoutMs: 60_000, ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (meta.sha256 && createHash("sha256").update(bytes).digest("hex") !== meta.sha256.toLowerCase()) {
        throw new DownloadError("WhatsApp media: the download does not match its sha256", true);
      }
      return { bytes, mimeType: meta.mime_type ?? contentType.split(";")[0]!.trim(), fileSize: bytes.byteLength };
    },
  };
}

export type WhatsAppMediaClient = ReturnType<typeof createMediaClient>;
