// Outbound Graph API client for the WhatsApp Cloud API, on plain fetch (see README.md for
// why not @kapso/whatsapp-cloud-api). Stateless: the access token comes with each call, so
// one client serves every tenant. Each call has a timeout and honours the caller's signal.
import type { SendResult } from "../types.js";
import { errorFromNetwork, errorFromResponse, WhatsAppSendError } from "./errors.js";
import { buildReadPayload, type MessagePayload } from "./payload.js";

export interface GraphApiOptions {
  /** GRAPH_API_BASE_URL, e.g. https://graph.facebook.com (a path prefix is kept). */
  baseUrl: string;
  /** GRAPH_API_VERSION, e.g. v23.0 */
  apiVersion: string;
  fetch?: typeof fetch;
  /** Per-request budget, body included. Default 15 s. */
  timeoutMs?: number;
}

export interface GraphApiClient {
  /** POST /{version}/{phoneNumberId}/messages → the wamid of the accepted message. */
  sendMessage(phoneNumberId: string, accessToken: string, payload: MessagePayload, signal?: AbortSignal): Promise<SendResult>;
  /** Marks an inbound message as read. */
  markRead(phoneNumberId: string, accessToken: string, providerMessageId: string, signal?: AbortSignal): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Real ids are numeric; anything path-safe is accepted so fakes and demos may use their own. */
const PHONE_NUMBER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function messagesUrl(baseUrl: string, apiVersion: string, phoneNumberId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${apiVersion}/${phoneNumberId}/messages`;
}

export function createGraphApiClient(options: GraphApiOptions): GraphApiClient {
  const { baseUrl, apiVersion } = options;
  if (!/^https?:\/\//.test(baseUrl)) throw new Error("GRAPH_API_BASE_URL must be an http(s) URL");
  if (!/^v\d+\.\d+$/.test(apiVersion)) throw new Error("GRAPH_API_VERSION must look like v23.0");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function post(phoneNumberId: string, accessToken: string, body: object, signal?: AbortSignal): Promise<unknown> {
    if (!PHONE_NUMBER_ID.test(phoneNumberId)) {
      throw new WhatsAppSendError("fail", "WhatsApp phone_number_id is missing or not path-safe", { code: "not_configured" });
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const why = () => (timeout.aborted ? "timeout" : signal?.aborted ? "aborted" : "network");
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(messagesUrl(baseUrl, apiVersion, phoneNumberId), {
        method: "POST",
        headers: {
          authorization: `Bearer ${accessToken}`,
          "content-type": "application/json",
          accept: "application/json",
        },
        body: JSON.stringify(body),
        signal: combined,
      });
      text = await response.text();
    } catch (cause) {
      throw errorFromNetwork(cause, why());
    }
    if (!response.ok) throw errorFromResponse(response.status, response.headers, text, [accessToken]);
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      // Accepted but unreadable: the message may be out, so never retry (no double send).
      throw new WhatsAppSendError("fail", "WhatsApp send: unreadable success response", { cause, httpStatus: response.status });
    }
  }

  return {
    async sendMessage(phoneNumberId, accessToken, payload, signal) {
      const json = await post(phoneNumberId, accessToken, payload, signal);
      const id = (json as { messages?: Array<{ id?: unknown }> } | null)?.messages?.[0]?.id;
      if (typeof id !== "string" || id.length === 0) {
        throw new WhatsAppSendError("fail", "WhatsApp send: response has no message id");
      }
      return { providerMessageId: id };
    },
    async markRead(phoneNumberId, accessToken, providerMessageId, signal) {
      await post(phoneNumberId, accessToken, buildReadPayload(providerMessageId), signal);
    },
  };
}
