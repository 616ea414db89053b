// One inbound WhatsApp message object → the normalized InboundMessage, or a short reason
// why it cannot be read. Unknown message types are not errors: they become `unsupported`.
import type { z } from "zod";
import type { InboundMessage, MessageContent } from "../types.js";
import {
  buttonSchema,
  interactiveSchema,
  locationSchema,
  mediaSchema,
  messageBaseSchema,
  reactionSchema,
  textSchema,
} from "./schema.js";

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The first zod issue as `path: message`, short enough for a log line. */
export function issueReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

function check<S extends z.ZodType>(schema: S, raw: unknown): Checked<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: issueReason(parsed.error) };
}

function map<A, B>(checked: Checked<A>, f: (a: A) => B): Checked<B> {
  return checked.ok ? { ok: true, value: f(checked.value) } : checked;
}

const MEDIA_TYPES = ["image", "audio", "video", "document", "sticker"] as const;
type MediaType = (typeof MEDIA_TYPES)[number];
const isMediaType = (t: string): t is MediaType => (MEDIA_TYPES as readonly string[]).includes(t);

function contentOf(type: string, raw: Record<string, unknown>): Checked<MessageContent> {
  if (type === "text") return map(check(textSchema, raw), (m) => ({ kind: "text", text: m.text.body }));
  if (type === "interactive") {
    return map(check(interactiveSchema, raw), ({ interactive: i }): MessageContent => {
      const reply = i.type === "button_reply" ? i.button_reply : i.type === "list_reply" ? i.list_reply : undefined;
      if (!reply) return { kind: "unsupported", providerType: `interactive.${i.type}` };
      const replyType = i.type === "button_reply" ? "button" : "list";
      const content: MessageContent = { kind: "interactive", replyType, id: reply.id, title: reply.title };
      return reply.description === undefined ? content : { ...content, description: reply.description };
    });
  }
  if (type === "button") {
    return map(check(buttonSchema, raw), ({ button }) => ({
      kind: "interactive",
      replyType: "button",
      id: button.payload || button.text,
      title: button.text,
    }));
  }
  if (isMediaType(type)) {
    return map(check(mediaSchema, raw[type]), (m) => ({
      kind: "media",
      mediaType: type,
      mediaId: m.id,
      ...(m.mime_type !== undefined && { mimeType: m.mime_type }),
      ...(m.sha256 !== undefined && { sha256: m.sha256 }),
      ...(m.caption !== undefined && { caption: m.caption }),
      ...(m.filename !== undefined && { filename: m.filename }),
    }));
  }
  if (type === "location") {
    return map(check(locationSchema, raw), ({ location: l }) => ({
      kind: "location",
      latitude: l.latitude,
      longitude: l.longitude,
      ...(l.name !== undefined && { name: l.name }),
      ...(l.address !== undefined && { address: l.address }),
      ...(l.url !== undefined && { url: l.url }),
    }));
  }
  if (type === "reaction") {
    return map(check(reactionSchema, raw), ({ reaction }) => ({
      kind: "reaction",
      emoji: reaction.emoji ?? "",
      messageId: reaction.message_id,
    }));
  }
  return { ok: true, value: { kind: "unsupported", providerType: type } };
}

export function toDate(unixSeconds: string): Date {
  return new Date(Number(unixSeconds) * 1000);
}

/** `names` maps wa_id → profile name from the same change's `contacts`. */
export function parseMessage(raw: unknown, receiver: string, names: Map<string, string>): Checked<InboundMessage> {
  const base = check(messageBaseSchema, raw);
  if (!base.ok) return base;
  const m = base.value;
  const content = contentOf(m.type, raw as Record<string, unknown>);
  if (!content.ok) return content;
  const fromName = names.get(m.from);
  const message: InboundMessage = {
    channel: "whatsapp",
    receiver,
    providerMessageId: m.id,
    from: m.from,
    timestamp: toDate(m.timestamp),
    content: content.value,
    ...(fromName !== undefined && { fromName }),
    ...(m.context?.id !== undefined && { contextMessageId: m.context.id }),
  };
  return { ok: true, value: message };
}
