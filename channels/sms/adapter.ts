// The SMS ChannelSender: checks the account's Twilio credentials, writes the reply for SMS
// (plain text, segment budget, buttons as a "Reply 1 for …" line) and sends it through the
// Twilio Messages API. Pure I/O — no retries here (the outbox retries on "retry").
import type { ChannelCapabilities, ChannelSender, OutboundMessage, SendResult, SenderAccount } from "../types.js";
import { createTwilioMessagesClient, type TwilioApiOptions, type TwilioCredentials } from "./api.js";
import { SmsSendError } from "./errors.js";
import { DEFAULT_MAX_SEGMENTS, formatSms, renderButtons, SMS_MAX_TEXT_LENGTH } from "./format.js";

export const SMS_CAPABILITIES: ChannelCapabilities = Object.freeze({
  buttons: false,
  readReceipts: false,
  typing: false,
  templates: false,
  maxTextLength: SMS_MAX_TEXT_LENGTH,
});

export interface SmsSenderOptions extends TwilioApiOptions {
  /**
   * Where Twilio posts delivery receipts, e.g. `${PUBLIC_BASE_URL}/webhooks/twilio/sms/status`.
   * Our message id (OutboundMessage.callbackData) is added as `?cb=` so a receipt finds the
   * reply even when the send's answer was lost. Without it no receipts are requested.
   */
  statusCallbackUrl?: string | undefined;
  /** Segment budget of one reply (default 4). */
  maxSegments?: number;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

function credentialsOf(account: SenderAccount): TwilioCredentials {
  const { accountSid, authToken } = account.credentials;
  if (typeof accountSid !== "string" || !ACCOUNT_SID.test(accountSid) || typeof authToken !== "string" || !authToken.trim()) {
    throw new SmsSendError("fail", "Twilio accountSid/authToken are not configured", { code: "not_configured" });
  }
  if (!E164.test(account.externalId)) {
    throw new SmsSendError("fail", "the sending number is not an E.164 number", { code: "not_configured" });
  }
  return { accountSid, authToken };
}

export function statusCallbackFor(url: string | undefined, callbackData: string | undefined): string | undefined {
  if (!url) return undefined;
  if (!callbackData || !/^[A-Za-z0-9_-]{1,64}$/.test(callbackData)) return url;
  const u = new URL(url);
  u.searchParams.set("cb", callbackData);
  return u.toString();
}

/** `account.externalId` is the sending number (E.164); credentials `{accountSid, authToken}`. */
export function createSmsSender(options: SmsSenderOptions = {}): ChannelSender {
  const api = createTwilioMessagesClient(options);
  const maxSegments = options.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  return {
    channel: "sms",
    capabilities: SMS_CAPABILITIES,
    async send(account: SenderAccount, message: OutboundMessage, signal?: AbortSignal): Promise<SendResult> {
      const credentials = credentialsOf(account);
      const body = formatSms(message.text, { maxSegments, footer: renderButtons(message.buttons) });
      if (!body) throw new SmsSendError("fail", "SMS send: nothing to send (empty text)");
      const statusCallback = statusCallbackFor(options.statusCallbackUrl, message.callbackData);
      return api.createMessage(
        credentials,
        { to: message.to, from: account.externalId, body, ...(statusCallback ? { statusCallback } : {}) },
        signal,
      );
    },
  };
}
