// Twilio Messaging webhooks (form parameters, already signature-verified) → InboundEvents.
// - An incoming SMS/MMS (MessageSid, From, To, Body, NumMedia, MediaUrlN, MediaContentTypeN)
//   becomes one message; an MMS with N media becomes N messages (the first carries Body as
//   its caption and the MessageSid as its id; the others `${MessageSid}-${i}`).
// - A status callback (MessageStatus) of a message we sent becomes a StatusUpdate, or
//   nothing for the in-flight states (queued, accepted, scheduled, sending, …).
// Anything that is not one of the two is a ParseError (400). Twilio adds parameters
// without notice: unknown ones are ignored.
import { z } from "zod";
import { ParseError } from "../../core/errors.js";
import type { DeliveryStatus, InboundEvent, InboundMessage, MessageContent, StatusUpdate } from "../types.js";

export type TwilioParams = Record<string, string | string[]>;

/** An x-www-form-urlencoded body → params (repeated names become arrays, as Twilio signs them). */
export function formParams(body: string | URLSearchParams): TwilioParams {
  const out: TwilioParams = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** A status callback carries MessageStatus; an incoming message does not (it has SmsStatus=received). */
export function isStatusCallback(params: TwilioParams): boolean {
  return typeof params["MessageStatus"] === "string" && !["received", "receiving"].includes(params["MessageStatus"]);
}

/** The business number a webhook is about: `To` of an incoming message, `From` of a status callback. */
export function businessNumber(params: TwilioParams): string | undefined {
  const v = params[isStatusCallback(params) ? "From" : "To"];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

const sid = z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, "not a Twilio sid");
const address = z.string().min(1, "required").max(64);

const messageSchema = z.object({
  MessageSid: sid.optional(),
  SmsMessageSid: sid.optional(),
  From: address,
  To: address,
  Body: z.string().max(10_000).default(""),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  ProfileName: z.string().max(256).optional(),
});

const statusSchema = z.object({
  MessageSid: sid.optional(),
  SmsSid: sid.optional(),
  MessageStatus: z.string().min(1),
  From: address,
  To: address,
  ErrorCode: z.string().regex(/^\d{1,6}$/, "not a Twilio error code").optional(),
  ErrorMessage: z.string().max(1000).optional(),
});

const STATUS: Record<string, DeliveryStatus | null> = {
  queued: null, accepted: null, scheduled: null, sending: null, receiving: null, received: null,
  sent: "sent", delivered: "delivered", read: "read", undelivered: "failed", failed: "failed", canceled: "failed",
};

/** Titles of the delivery error codes Twilio reports on status callbacks. */
const ERROR_TITLES: Record<string, string> = {
  "21610": "Attempt to send to unsubscribed recipient",
  "30001": "Queue overflow", "30002": "Account suspended", "30003": "Unreachable destination handset",
  "30004": "Message blocked", "30005": "Unknown destination handset", "30006": "Landline or unreachable carrier",
  "30007": "Message filtered", "30008": "Unknown error", "30034": "Message from an unregistered number",
};

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`;
}

function mediaType(mime: string | undefined): "image" | "audio" | "video" | "document" {
  const top = mime?.split("/")[0];
  return top === "image" || top === "audio" || top === "video" ? top : "document";
}

function mediaContents(params: TwilioParams, count: number, caption: string): MessageContent[] {
  const out: MessageContent[] = [];
  for (let i = 0; i < count; i++) {
    const url = z.url({ protocol: /^https?$/ }).safeParse(params[`MediaUrl${i}`]);
    if (!url.success) throw new ParseError(`MediaUrl${i}: missing or not a URL`);
    const mime = params[`MediaContentType${i}`];
    out.push({
      kind: "media", mediaType: mediaType(typeof mime === "string" ? mime : undefined), mediaId: url.data,
      ...(typeof mime === "string" && mime ? { mimeType: mime } : {}),
      ...(i === 0 && caption ? { caption } : {}),
    });
  }
  return out;
}

function parseMessage(params: TwilioParams, now: Date): InboundEvent[] {
  const parsed = messageSchema.safeParse(params);
  if (!parsed.success) throw new ParseError(`not a Twilio message webhook: ${reason(parsed.error)}`);
  const m = parsed.data;
  const id = m.MessageSid ?? m.SmsMessageSid;
  if (!id) throw new ParseError("not a Twilio message webhook: MessageSid is missing");
  const contents: MessageContent[] = m.NumMedia > 0 ? mediaContents(params, m.NumMedia, m.Body) : [{ kind: "text", text: m.Body }];
  return contents.map((content, i): InboundEvent => {
    const message: InboundMessage = {
      channel: "sms", receiver: m.To, providerMessageId: i === 0 ? id : `${id}-${i}`, from: m.From,
      timestamp: now, content, ...(m.ProfileName ? { fromName: m.ProfileName } : {}),
    };
    return { type: "message", message };
  });
}

function parseStatus(params: TwilioParams, now: Date, callbackData: string | undefined): InboundEvent[] {
  const parsed = statusSchema.safeParse(params);
  if (!parsed.success) throw new ParseError(`not a Twilio status callback: ${reason(parsed.error)}`);
  const s = parsed.data;
  const id = s.MessageSid ?? s.SmsSid;
  if (!id) throw new ParseError("not a Twilio status callback: MessageSid is missing");
  const status = Object.hasOwn(STATUS, s.MessageStatus) ? STATUS[s.MessageStatus] : null;
  if (!status) return []; // in flight, or a state Twilio added later: nothing to record
  const errors = s.ErrorCode
    ? [{ code: s.ErrorCode, title: s.ErrorMessage ?? ERROR_TITLES[s.ErrorCode] ?? `Twilio error ${s.ErrorCode}` }]
    : s.MessageStatus === "canceled"
      ? [{ code: "canceled", title: "Message canceled before it was sent" }]
      : undefined;
  const update: StatusUpdate = {
    channel: "sms", receiver: s.From, providerMessageId: id, recipient: s.To, status, timestamp: now,
    ...(errors ? { errors } : {}), ...(callbackData ? { callbackData } : {}),
  };
  return [{ type: "status", status: update }];
}

export interface ParseSmsOptions {
  /** Our message id, echoed back in the status callback URL (`?cb=`). */
  callbackData?: string | undefined;
  /** Receipt time (Twilio's messaging webhooks carry no timestamp). */
  now?: Date;
}

/** Either kind of Twilio Messaging webhook → events (possibly none). Throws ParseError. */
export function parseSmsWebhook(params: TwilioParams, options: ParseSmsOptions = {}): InboundEvent[] {
  const now = options.now ?? new Date();
  return isStatusCallback(params) ? parseStatus(params, now, options.callbackData) : parseMessage(params, now);
}
