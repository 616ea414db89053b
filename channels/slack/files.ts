// Downloading a file shared with the app in Slack: GET its url_private_download with the
// bot token. Only from files.slack.com or the configured SLACK_API_BASE_URL host (the URL
// comes from an event body: never fetch anywhere else). Slack answers a token without
// files:read with its HTML sign-in page and a 200, which is reported, not ingested.
import { download, DownloadError } from "../download.js";

export interface SlackFilesOptions {
  /** SLACK_API_BASE_URL, e.g. https://slack.com/api */
  apiBaseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createSlackFiles(o: SlackFilesOptions) {
  const api = new URL(o.apiBaseUrl);
  const apiHost = api.host.toLowerCase();
  const allowedHosts = new Set(["files.slack.com", apiHost]);
  const allowHttpHosts = api.protocol === "http:" ? new Set([apiHost]) : new Set<string>();
  return {
    async download(url: string, botToken: string, opts: { maxBytes: number; expectedMime?: string; signal?: AbortSignal }): Promise<Uint8Array> {
      const { bytes, contentType } = await download(url, { authorization: `Bearer ${botToken}` }, {
        maxBytes: opts.maxBytes, allowedHosts, allowHttpHosts, timeoutMs: o.timeoutMs ?? 60_000,
        ...(o.fetch ? { fetch: o.fetch } : {}), ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if (contentType.startsWith("text/html") && !(opts.expectedMime ?? "").includes("html")) {
        throw new DownloadError("Slack sent a sign-in page instead of the file (the app needs the files:read scope)", false, "refused");
      }
      return bytes;
    },
  };
}

export type SlackFiles = ReturnType<typeof createSlackFiles>;
