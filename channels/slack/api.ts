// Outbound Slack Web API calls through @slack/web-api's WebClient (the client Bolt uses),
// configured for the outbox: no internal retries, rate limits rejected at once (the outbox
// retries after Retry-After), a timeout, and the caller's AbortSignal honoured. A client is
// built per call with that call's bot token and signal, so nothing is shared or cached.
import {
  ErrorCode, WebClient, type ChatPostMessageArguments, type Logger, type WebAPICallError, type WebAPIHTTPError, type WebAPIPlatformError,
  type WebAPIRateLimitedError, type WebAPIRequestError,
} from "@slack/web-api";
import type { PostMessageArgs } from "./blocks.js";
import { errorFromHttp, errorFromNetwork, errorFromPlatform, errorFromRateLimit, SlackSendError } from "./errors.js";

export interface SlackApiOptions {
  /** SLACK_API_BASE_URL, e.g. https://slack.com/api (a trailing slash is added). */
  baseUrl: string;
  /** Per-request budget. Default 15 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface PostedMessage {
  /** The conversation the message landed in (a D… id when posted to a user id). */
  channel: string;
  ts: string;
}

export interface SlackApiClient {
  postMessage(botToken: string, args: PostMessageArgs, signal?: AbortSignal): Promise<PostedMessage>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** WebClient logs to the console by default; its failures reach us as errors instead. */
const silent: Logger = {
  debug() {}, info() {}, warn() {}, error() {},
  setLevel() {}, getLevel: () => "error" as ReturnType<Logger["getLevel"]>, setName() {},
};

/** Bolt and WebClient want the API root with a trailing slash ("…/api/"). */
export function slackApiUrl(baseUrl: string): string {
  if (!/^https?:\/\//.test(baseUrl)) throw new Error("SLACK_API_BASE_URL must be an http(s) URL");
  return baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
}

function mapError(err: unknown, signal: AbortSignal | undefined): SlackSendError {
  const e = err as Partial<WebAPICallError> | undefined;
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return errorFromRateLimit((e as WebAPIRateLimitedError).retryAfter);
    case ErrorCode.PlatformError: {
      const data = (e as WebAPIPlatformError).data;
      return errorFromPlatform(data.error, data.response_metadata?.retryAfter);
    }
    case ErrorCode.HTTPError:
      return errorFromHttp((e as WebAPIHTTPError).statusCode);
    case ErrorCode.RequestError: {
      const original = (e as WebAPIRequestError).original;
      const why = signal?.aborted ? "aborted" : original?.name === "TimeoutError" ? "timeout" : "network";
      return errorFromNetwork(original, why);
    }
    default:
      // e.g. a 429 without a usable Retry-After: transient, default backoff
      return errorFromNetwork(err, signal?.aborted ? "aborted" : "network");
  }
}

export function createSlackApiClient(options: SlackApiOptions): SlackApiClient {
  const apiUrl = slackApiUrl(options.baseUrl);
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const baseFetch = options.fetch ?? globalThis.fetch;

  function client(botToken: string, signal?: AbortSignal): WebClient {
    const fetchWithSignal: typeof fetch = (input, init) =>
      baseFetch(input, { ...init, ...(signal ? { signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal } : {}) });
    return new WebClient(botToken, {
      slackApiUrl: apiUrl, timeout, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silent, fetch: fetchWithSignal,
    });
  }

  return {
    async postMessage(botToken, args, signal) {
      if (signal?.aborted) throw errorFromNetwork(signal.reason, "aborted");
      let result: { ok?: boolean; channel?: string; ts?: string };
      try {
        result = await client(botToken, signal).chat.postMessage(args as ChatPostMessageArguments);
      } catch (err) {
        throw mapError(err, signal);
      }
      if (typeof result.ts !== "string" || !result.ts) {
        // Accepted but unreadable: the message may be out, so never retry (no double send).
        throw new SlackSendError("fail", "Slack send: response has no message ts", { providerCode: "no_ts" });
      }
      return { channel: result.channel ?? args.channel, ts: result.ts };
    },
  };
}
