// The web chat channel: a sender that delivers replies to the chat session's mailbox.
// The receiver identity is the channel account's externalId (the tenant's slug).
import type { ChannelSender } from "../types.js";
import type { WebMailbox } from "./mailbox.js";

export function createWebSender(mailbox: WebMailbox): ChannelSender {
  return {
    channel: "web",
    capabilities: { buttons: true, readReceipts: false, typing: false, templates: false },
    async send(account, message) {
      const id = await mailbox.publish(account.externalId, message.to, {
        text: message.text,
        ...(message.buttons ? { buttons: message.buttons } : {}),
      });
      return { providerMessageId: `web-${id}` };
    },
  };
}
