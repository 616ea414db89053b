// The channel contract. Channels know nothing of the agent, the queue or the database:
// they verify and parse what a provider sends, and send what they are given.
import type { AppError } from "../core/errors.js";

export type ChannelName = "whatsapp" | "sms" | "voice" | "slack" | "web";

export type MessageContent =
  | { kind: "text"; text: string }
  | { kind: "interactive"; replyType: "button" | "list"; id: string; title: string; description?: string }
  | {
      kind: "media";
      mediaType: "image" | "audio" | "video" | "document" | "sticker";
      mediaId: string;
      mimeType?: string;
      sha256?: string;
      caption?: string;
      filename?: string;
      /** Size in bytes, when the provider says (Slack `size`). */
      size?: number;
      /** Where the file is fetched with the account's token (Slack `url_private_download`); WhatsApp uses mediaId. */
      url?: string;
    }
  | { kind: "location"; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | { kind: "reaction"; emoji: string; messageId: string }
  | { kind: "unsupported"; providerType: string };

/** A message from a person, normalized across channels. */
export interface InboundMessage {
  channel: ChannelName;
  /** The business identity that received it: WhatsApp phone_number_id, Twilio `To`, Slack team_id, web tenant slug. */
  receiver: string;
  /** The provider's id for this message (wamid, MessageSid, ...). Stable across redeliveries. */
  providerMessageId: string;
  /** The sender's address on the channel (wa_id, E.164 number, Slack user id, web session id). */
  from: string;
  fromName?: string;
  timestamp: Date;
  content: MessageContent;
  /** The provider id of the message this one replies to, if any. */
  contextMessageId?: string;
  /** Threaded channels (Slack): the thread this message belongs to (its root's id). */
  threadId?: string;
  /**
   * Where replies go when that is not the sender's address: a Slack channel id, while
   * `from` is the Slack user who wrote. Defaults to `from`.
   */
  replyAddress?: string;
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";

/** A delivery receipt for a message we sent. */
export interface StatusUpdate {
  channel: ChannelName;
  receiver: string;
  providerMessageId: string;
  recipient: string;
  status: DeliveryStatus;
  timestamp: Date;
  errors?: Array<{ code: string; title: string; detail?: string }>;
  /** Echo of what we attached when sending (WhatsApp biz_opaque_callback_data). */
  callbackData?: string;
}

export type InboundEvent = { type: "message"; message: InboundMessage } | { type: "status"; status: StatusUpdate };

/** What the outbox hands a channel to send. */
export interface OutboundMessage {
  to: string;
  text: string;
  /** Up to 3 quick-reply buttons (rendered natively where the channel supports them). */
  buttons?: Array<{ id: string; title: string }>;
  /** The provider id of the inbound message this replies to (threading / context). */
  replyTo?: string;
  /** Threaded channels (Slack): post into this thread. */
  threadId?: string;
  /** Our own message id, echoed back in status updates where the channel supports it. */
  callbackData?: string;
  /**
   * Send as the business's pre-approved template instead of free-form text (WhatsApp,
   * outside the 24-hour window). The text travels as the template's body parameters.
   */
  template?: { name: string; language: string; bodyParameters: string[]; headerImageUrl?: string };
  /**
   * A picture sent with the text (a campaign's creative): WhatsApp sends an image message
   * with the text as its caption; channels without images send the text alone.
   */
  imageUrl?: string;
}

export interface SendResult {
  providerMessageId: string;
}

/** Decrypted credentials and identity of the business account a send goes out from. */
export interface SenderAccount {
  externalId: string;
  credentials: Record<string, string>;
}

export interface ChannelCapabilities {
  buttons: boolean;
  readReceipts: boolean;
  typing: boolean;
  templates: boolean;
  /** Replies go into the thread of the message they answer (Slack). */
  threads?: boolean;
  /** Longest text one send may carry (the sender trims to it). */
  maxTextLength?: number;
  /** Free-form messages only within this many hours of the contact's last inbound message. */
  freeFormWindowHours?: number;
}

export interface ChannelSender {
  readonly channel: ChannelName;
  readonly capabilities: ChannelCapabilities;
  send(account: SenderAccount, message: OutboundMessage, signal?: AbortSignal): Promise<SendResult>;
}

/**
 * How the outbox should treat a failed send:
 * - retry: transient (rate limit, 5xx, network); try again later, honouring retryAfterMs;
 * - hold: not sendable now (outside the 24-hour window); record and report, do not retry;
 * - fail: permanent (bad recipient, bad request, auth); record the reason.
 */
export type SendDisposition = "retry" | "hold" | "fail";

export interface SendFailure extends AppError {
  readonly disposition: SendDisposition;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  /**
   * The request may have reached the provider (a timeout or a reset after it was sent):
   * the message may have been delivered. The outbox then waits for a delivery receipt
   * before it sends again, so a slow provider never means a duplicate.
   */
  readonly outcomeUnknown?: boolean;
}
