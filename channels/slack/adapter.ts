// The Slack ChannelSender: posts the reply with the workspace's bot token into the channel
// (and thread) it is addressed to. Pure I/O — the outbox retries on disposition "retry".
import type { ChannelCapabilities, ChannelSender, OutboundMessage, SendResult, SenderAccount } from "../types.js";
import { createSlackApiClient, type SlackApiOptions } from "./api.js";
import { buildPostMessage } from "./blocks.js";
import { SlackSendError } from "./errors.js";
import { SLACK_SECTION_LIMIT } from "./format.js";

export const SLACK_CAPABILITIES: ChannelCapabilities = Object.freeze({
  buttons: true,
  threads: true,
  readReceipts: false,
  typing: false,
  templates: false,
  maxTextLength: SLACK_SECTION_LIMIT,
});

function botTokenOf(account: SenderAccount): string {
  const token = account.credentials["botToken"];
  if (typeof token !== "string" || !token.startsWith("xoxb-")) {
    throw new SlackSendError("fail", "Slack bot token is not configured", { code: "not_configured", providerCode: "not_configured" });
  }
  return token;
}

/**
 * `account.externalId` is the workspace's team_id; `credentials.botToken` (xoxb-…) is
 * required. `message.to` is a conversation id (C…/D…/G…) or a user id (U…/W…, which Slack
 * delivers to the app's DM with that user). The result id is `<channel>:<ts>`, the same
 * form as inbound Slack message ids.
 */
export function createSlackSender(options: SlackApiOptions): ChannelSender {
  const api = createSlackApiClient(options);
  return {
    channel: "slack",
    capabilities: SLACK_CAPABILITIES,
    async send(account: SenderAccount, message: OutboundMessage, signal?: AbortSignal): Promise<SendResult> {
      const token = botTokenOf(account);
      if (!/^[A-Z0-9_]{2,64}$/.test(message.to)) {
        throw new SlackSendError("fail", "Slack: the recipient is not a channel or user id", { providerCode: "channel_not_found" });
      }
      const posted = await api.postMessage(token, buildPostMessage(message, message.callbackData), signal);
      return { providerMessageId: `${posted.channel}:${posted.ts}` };
    },
  };
}
