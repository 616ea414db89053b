// Outbound Twilio Messages API on the twilio SDK: the SDK builds the request (path
// /2010-04-01/Accounts/{sid}/Messages.json, form fields To/From/Body/StatusCallback, Basic
// auth, headers) and parses the answer (MessageInstance, or RestException for an error).
// The only thing replaced is where the request goes: an `httpClient` (the SDK's documented
// extension point) that rewrites https://api.twilio.com to TWILIO_API_BASE_URL and hands the
// request to one shared SDK RequestClient (keep-alive pool). See README.md for why.
import twilio from "twilio";
import type { SendResult } from "../types.js";
import { errorFromNetwork, errorFromTwilio, isTwilioApiError, redact, SmsSendError, type NetworkFailure } from "./errors.js";

export const TWILIO_DEFAULT_BASE_URL = "https://api.twilio.com";
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface TwilioApiOptions {
  /** TWILIO_API_BASE_URL (default https://api.twilio.com); a path prefix is kept. */
  baseUrl?: string;
  /** Budget of one send, body included (default 15 s). */
  timeoutMs?: number;
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
}

export interface CreateMessageParams {
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
}

export interface TwilioMessagesClient {
  /** POST …/Accounts/{accountSid}/Messages.json → the SM… sid of the accepted message. */
  createMessage(credentials: TwilioCredentials, params: CreateMessageParams, signal?: AbortSignal): Promise<SendResult>;
}

type SdkRequestOptions = Parameters<twilio.RequestClient["request"]>[0];
interface SdkResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
}

/** `https://api.twilio.com/2010-04-01/…` → `${baseUrl}/2010-04-01/…` (other hosts untouched). */
export function rewriteOrigin(uri: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (base === TWILIO_DEFAULT_BASE_URL) return uri;
  const target = new URL(uri);
  if (target.origin !== TWILIO_DEFAULT_BASE_URL) return uri;
  return `${base}${target.pathname}${target.search}`;
}

/** Rejects when `signal` aborts; the abandoned request ends at the transport's own timeout. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

export function createTwilioMessagesClient(options: TwilioApiOptions = {}): TwilioMessagesClient {
  const baseUrl = options.baseUrl ?? TWILIO_DEFAULT_BASE_URL;
  if (!/^https?:\/\//.test(baseUrl)) throw new Error("TWILIO_API_BASE_URL must be an http(s) URL");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // autoRetry stays off: retries (and their backoff) belong to the outbox.
  const transport = new twilio.RequestClient({ timeout: timeoutMs, keepAlive: true, autoRetry: false });

  return {
    async createMessage(credentials, params, signal) {
      const secrets = [credentials.authToken, Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString("base64")];
      let last: SdkResponse | undefined;
      // One per send: it remembers this send's response headers (Retry-After), which the
      // SDK's RestException does not carry. The transport behind it is shared.
      const httpClient = {
        async request(opts: SdkRequestOptions): Promise<SdkResponse> {
          last = (await transport.request({ ...opts, uri: rewriteOrigin(opts.uri, baseUrl) })) as SdkResponse;
          return last;
        },
      };
      const client = twilio(credentials.accountSid, credentials.authToken, {
        httpClient: httpClient as unknown as twilio.RequestClient,
        timeout: timeoutMs,
      });
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const why = (): NetworkFailure => (timeout.aborted ? "timeout" : signal?.aborted ? "aborted" : "network");
      try {
        const message = await abortable(client.messages.create(params), combined);
        if (!message?.sid) throw new SmsSendError("fail", "SMS send: accepted without a message sid", { httpStatus: last?.statusCode });
        return { providerMessageId: message.sid };
      } catch (err) {
        if (err instanceof SmsSendError) throw err;
        if (isTwilioApiError(err)) throw errorFromTwilio(err, last?.headers ?? {}, secrets);
        if (last && last.statusCode >= 200 && last.statusCode < 300) {
          // Accepted but unreadable: the message may be out, so never retry (no double send).
          throw new SmsSendError("fail", "SMS send: unreadable success response", { httpStatus: last.statusCode });
        }
        if (combined.aborted) throw errorFromNetwork(err, why(), secrets);
        if ((err as { isAxiosError?: unknown })?.isAxiosError === true) throw errorFromNetwork(err, errorKind(err), secrets);
        // Thrown before any request (the SDK refusing its input): retrying cannot help.
        const reason = err instanceof Error ? err.message : String(err);
        throw new SmsSendError("fail", `SMS send refused by the client: ${redact(reason, secrets)}`);
      }
    },
  };
}

/** axios reports its own socket timeout as ECONNABORTED / ETIMEDOUT. */
function errorKind(err: unknown): NetworkFailure {
  const code = (err as { code?: unknown })?.code;
  return code === "ECONNABORTED" || code === "ETIMEDOUT" ? "timeout" : "network";
}
