// OutboundMessage → the JSON body of POST /{version}/{phone_number_id}/messages.
// Text goes out as `type: "text"`; with buttons as an interactive reply-button message.
import type { OutboundMessage } from "../types.js";
import { WhatsAppSendError } from "./errors.js";
import { formatWhatsAppText, truncateText } from "./format.js";

export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  callbackData: 512,
  templateParameter: 1024,
  /** Media captions (Cloud API: 1024 characters). */
  caption: 1024,
} as const;

export interface TextPayload {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  to: string;
  type: "text";
  text: { body: string; preview_url: boolean };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export interface ButtonsPayload {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  to: string;
  type: "interactive";
  interactive: {
    type: "button";
    header?: { type: "image"; image: { link: string } };
    body: { text: string };
    action: { buttons: Array<{ type: "reply"; reply: { id: string; title: string } }> };
  };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export interface TemplatePayload {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  to: string;
  type: "template";
  template: {
    name: string;
    language: { code: string };
    components?: Array<
      | { type: "body"; parameters: Array<{ type: "text"; text: string }> }
      | { type: "header"; parameters: Array<{ type: "image"; image: { link: string } }> }
    >;
  };
  biz_opaque_callback_data?: string;
}

export interface ImagePayload {
  messaging_product: "whatsapp";
  recipient_type: "individual";
  to: string;
  type: "image";
  image: { link: string; caption?: string };
  context?: { message_id: string };
  biz_opaque_callback_data?: string;
}

export type MessagePayload = TextPayload | ButtonsPayload | TemplatePayload | ImagePayload;

/** Template body parameters may not contain newlines, tabs or more than four spaces in a row. */
export function templateParameter(text: string): string {
  return truncateText(text.replace(/[\t\r\n]+/g, " ").replace(/ {5,}/g, "    ").trim(), LIMITS.templateParameter);
}

const invalid = (reason: string) => new WhatsAppSendError("fail", `WhatsApp message not sendable: ${reason}`);

/** Cut to `max` characters without splitting a surrogate pair, ending with an ellipsis. */
function shortTitle(title: string, max: number): string {
  const chars = Array.from(title.trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

function buttonsOf(message: OutboundMessage): ButtonsPayload["interactive"]["action"]["buttons"] {
  const buttons = message.buttons ?? [];
  if (buttons.length > LIMITS.buttons) throw invalid(`at most ${LIMITS.buttons} buttons, got ${buttons.length}`);
  const ids = new Set<string>();
  return buttons.map((b) => {
    if (b.id.length === 0 || b.id.length > LIMITS.buttonId) throw invalid(`button id must be 1-${LIMITS.buttonId} characters`);
    if (ids.has(b.id)) throw invalid(`duplicate button id "${b.id}"`);
    ids.add(b.id);
    const title = shortTitle(b.title, LIMITS.buttonTitle);
    if (title.length === 0) throw invalid("button title is empty");
    return { type: "reply", reply: { id: b.id, title } };
  });
}

/** Builds the request body. Text is converted from markdown and capped at the type's limit. */
export function buildMessagePayload(message: OutboundMessage): MessagePayload {
  if (!message.to) throw invalid("recipient is empty");
  if (message.callbackData !== undefined && message.callbackData.length > LIMITS.callbackData) {
    throw invalid(`callbackData longer than ${LIMITS.callbackData} characters`);
  }
  const common = {
    messaging_product: "whatsapp" as const,
    recipient_type: "individual" as const,
    to: message.to,
  };
  const extras = {
    ...(message.replyTo && { context: { message_id: message.replyTo } }),
    ...(message.callbackData !== undefined && { biz_opaque_callback_data: message.callbackData }),
  };
  if (message.template) {
    const t = message.template;
    if (!/^[a-z0-9_]{1,512}$/.test(t.name)) throw invalid(`template name "${t.name}" is not a WhatsApp template name`);
    const parameters = t.bodyParameters.map((p) => ({ type: "text" as const, text: templateParameter(p) }));
    if (t.headerImageUrl !== undefined && !/^https:\/\/\S+$/.test(t.headerImageUrl)) throw invalid("a template header image must be an https URL");
    const components: NonNullable<TemplatePayload["template"]["components"]> = [
      ...(t.headerImageUrl ? [{ type: "header" as const, parameters: [{ type: "image" as const, image: { link: t.headerImageUrl } }] }] : []),
      ...(parameters.length ? [{ type: "body" as const, parameters }] : []),
    ];
    return {
      ...common,
      type: "template",
      template: { name: t.name, language: { code: t.language }, ...(components.length ? { components } : {}) },
      ...(message.callbackData !== undefined && { biz_opaque_callback_data: message.callbackData }),
    };
  }
  const text = formatWhatsAppText(message.text);
  if (text.trim().length === 0) throw invalid("text is empty");
  if (message.imageUrl && !(message.buttons && message.buttons.length > 0)) {
    if (!/^https:\/\/\S+$/.test(message.imageUrl)) throw invalid("an image must be an https URL");
    return { ...common, type: "image", image: { link: message.imageUrl, caption: truncateText(text, LIMITS.caption) }, ...extras };
  }
  if (message.buttons && message.buttons.length > 0) {
    const body = truncateText(text, LIMITS.interactiveBody);
    return {
      ...common,
      type: "interactive",
      interactive: {
        type: "button",
        ...(message.imageUrl && /^https:\/\/\S+$/.test(message.imageUrl) ? { header: { type: "image" as const, image: { link: message.imageUrl } } } : {}),
        body: { text: body }, action: { buttons: buttonsOf(message) },
      },
      ...extras,
    };
  }
  return {
    ...common,
    type: "text",
    text: { body: text, preview_url: /https?:\/\/\S/.test(text) },
    ...extras,
  };
}

/** Body that marks an inbound message as read (blue ticks). */
export function buildReadPayload(providerMessageId: string) {
  return { messaging_product: "whatsapp", status: "read", message_id: providerMessageId } as const;
}
