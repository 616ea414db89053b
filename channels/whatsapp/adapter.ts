// The WhatsApp ChannelSender: validates the account's credentials, builds the payload and
// sends it. Pure I/O — no retries here (the outbox retries on disposition "retry").
import type { ChannelCapabilities, ChannelSender, OutboundMessage, SendResult, SenderAccount } from "../types.js";
import { createGraphApiClient, type GraphApiOptions } from "./api.js";
import { WhatsAppSendError } from "./errors.js";
import { buildMessagePayload } from "./payload.js";

export const WHATSAPP_CAPABILITIES: ChannelCapabilities = Object.freeze({
  buttons: true,
  readReceipts: true,
  typing: false,
  templates: true,
  freeFormWindowHours: 24,
});

export interface WhatsAppSender extends ChannelSender {
  /** Blue ticks for an inbound message (best effort; failures are WhatsAppSendError too). */
  markRead(account: SenderAccount, providerMessageId: string, signal?: AbortSignal): Promise<void>;
}

function accessTokenOf(account: SenderAccount): string {
  const token = account.credentials["accessToken"];
  if (typeof token !== "string" || token.trim().length === 0) {
    throw new WhatsAppSendError("fail", "WhatsApp access token is not configured", { code: "not_configured" });
  }
  return token;
}

/** `account.externalId` is the business phone_number_id; `credentials.accessToken` is required. */
export function createWhatsAppSender(options: GraphApiOptions): WhatsAppSender {
  const api = createGraphApiClient(options);
  return {
    channel: "whatsapp",
    capabilities: WHATSAPP_CAPABILITIES,
    async send(account: SenderAccount, message: OutboundMessage, signal?: AbortSignal): Promise<SendResult> {
      const token = accessTokenOf(account);
      return api.sendMessage(account.externalId, token, buildMessagePayload(message), signal);
    },
    async markRead(account, providerMessageId, signal) {
      await api.markRead(account.externalId, accessTokenOf(account), providerMessageId, signal);
    },
  };
}
