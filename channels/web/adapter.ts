// The web chat channel: a sender that hands replies to the chat session's delivery
// (api/web-chat/mailbox.ts keeps them in Redis for the browser's long poll). The receiver
// identity is the channel account's externalId (the tenant's slug); the address is the
// chat session id.
import type { ChannelSender } from "../types.js";

export interface WebReply {
  id: string;
  text: string;
  buttons?: Array<{ id: string; title: string }>;
  at: string;
}

export interface WebDelivery {
  /** Store a reply for the session; returns its id. */
  publish(receiver: string, sessionId: string, reply: Pick<WebReply, "text" | "buttons">): Promise<string>;
}

export function createWebSender(delivery: WebDelivery): ChannelSender {
  return {
    channel: "web",
    capabilities: { buttons: true, readReceipts: false, typing: false, templates: false },
    async send(account, message) {
      const id = await delivery.publish(account.externalId, message.to, {
        text: message.text,
        ...(message.buttons ? { buttons: message.buttons } : {}),
      });
      return { providerMessageId: `web-${id}` };
    },
  };
}
