// Slack payloads → normalized InboundMessages. Pure functions over what Bolt hands its
// listeners (the Events API envelope, the slash-command form, the block_actions payload).
// `from` is always the Slack user id (it decides owner vs not), `replyAddress` the channel
// to answer in, `threadId` the thread to answer in (thread_ts, else the message's own ts).
import { ParseError } from "../../core/errors.js";
import type { InboundMessage, MessageContent } from "../types.js";
import {
  blockActionsSchema, eventCallbackSchema, messageEventSchema, slashCommandSchema, type MessageEvent,
} from "./schema.js";
import { slackTextToPlain, stripMention } from "./text.js";

export type SlackParse = { ok: true; message: InboundMessage } | { ok: false; reason: string };

const ignored = (reason: string): SlackParse => ({ ok: false, reason });

/** "1726133700.887259" → Date (Slack ts are seconds with a microsecond suffix). */
export function tsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}

function issues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }) {
  return error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));
}

/** The first shared file, with the message's text as its caption (so "add this" travels with the file). */
function fileContent(e: MessageEvent, caption: string): MessageContent | null {
  const file = e.files?.[0];
  if (!file) return null;
  const mime = file.mimetype ?? "";
  const mediaType = mime.startsWith("image/") ? "image" : mime.startsWith("audio/") ? "audio" : mime.startsWith("video/") ? "video" : "document";
  const url = file.url_private_download ?? file.url_private;
  return {
    kind: "media", mediaType, mediaId: file.id, ...(mime ? { mimeType: mime } : {}), ...(file.name ? { filename: file.name } : {}),
    ...(file.size !== undefined ? { size: file.size } : {}), ...(url ? { url } : {}), ...(caption ? { caption } : {}),
  };
}

/**
 * An Events API `event_callback` → the message to act on, or why it is ignored: DMs
 * (`message` with channel_type "im") and `app_mention`s from people; bot messages, edits,
 * deletions and other subtypes (except `file_share`) and other event types are ignored.
 * Throws ParseError if the body is not an event_callback or its message event is malformed.
 */
export function parseEventCallback(body: unknown, botUserId?: string): SlackParse {
  const envelope = eventCallbackSchema.safeParse(body);
  if (!envelope.success) throw new ParseError("not a Slack event_callback", issues(envelope.error));
  const { team_id: teamId, event: raw } = envelope.data;
  if (raw.type !== "message" && raw.type !== "app_mention") return ignored(`event type ${raw.type}`);
  const parsed = messageEventSchema.safeParse(raw);
  if (!parsed.success) throw new ParseError(`malformed Slack ${raw.type} event`, issues(parsed.error));
  const e = parsed.data;
  if (e.bot_id || e.subtype === "bot_message") return ignored("bot message");
  if (e.subtype && e.subtype !== "file_share") return ignored(`message subtype ${e.subtype}`);
  if (e.type === "message" && e.channel_type !== "im") return ignored(`message in a ${e.channel_type ?? "unknown"} channel`);
  if (!e.user) return ignored("no user");
  if (botUserId && e.user === botUserId) return ignored("our own message");

  const bot = botUserId ?? envelope.data.authorizations?.find((a) => a.is_bot)?.user_id;
  const rawText = e.type === "app_mention" ? stripMention(e.text ?? "", bot) : (e.text ?? "");
  const text = slackTextToPlain(rawText).trim();
  const content: MessageContent | null = fileContent(e, text) ?? (text ? { kind: "text", text } : null);
  if (!content) return ignored("empty message");
  return {
    ok: true,
    message: {
      channel: "slack", receiver: teamId, providerMessageId: `${e.channel}:${e.ts}`, from: e.user,
      timestamp: tsToDate(e.ts), content, threadId: e.thread_ts ?? e.ts, replyAddress: e.channel,
    },
  };
}

/** A slash command (`/growai what are our hours?`) → a text message from the user who typed it. */
export function parseSlashCommand(body: unknown, now: Date = new Date()): SlackParse {
  const parsed = slashCommandSchema.safeParse(body);
  if (!parsed.success) throw new ParseError("not a Slack slash command", issues(parsed.error));
  const c = parsed.data;
  const text = slackTextToPlain(c.text).trim();
  if (!text) return ignored("empty command");
  return {
    ok: true,
    message: {
      channel: "slack", receiver: c.team_id, providerMessageId: `cmd:${c.trigger_id}`, from: c.user_id,
      ...(c.user_name ? { fromName: c.user_name } : {}), timestamp: now, content: { kind: "text", text }, replyAddress: c.channel_id,
    },
  };
}

/**
 * A `block_actions` payload → one interactive message per clicked button:
 * `{kind: "interactive", replyType: "button", id: action_id, title: value}`. Approval
 * buttons carry action ids `approval:<id>:<decision>`. Non-button actions are skipped.
 */
export function parseBlockActions(body: unknown): InboundMessage[] {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) throw new ParseError("not a Slack block_actions payload", issues(parsed.error));
  const p = parsed.data;
  const teamId = p.team?.id ?? p.user.team_id;
  if (!teamId) throw new ParseError("block_actions payload names no team");
  const channelId = p.channel?.id ?? p.container?.channel_id;
  const threadId = p.container?.thread_ts ?? p.message?.thread_ts ?? p.container?.message_ts ?? p.message?.ts;
  return p.actions
    .filter((a) => a.type === "button")
    .map((a) => ({
      channel: "slack" as const, receiver: teamId, providerMessageId: `act:${a.action_ts}:${a.action_id}`, from: p.user.id,
      ...(p.user.name || p.user.username ? { fromName: (p.user.name ?? p.user.username)! } : {}),
      timestamp: tsToDate(a.action_ts),
      content: { kind: "interactive" as const, replyType: "button" as const, id: a.action_id, title: a.value ?? a.text?.text ?? a.action_id },
      ...(threadId ? { threadId } : {}), ...(channelId ? { replyAddress: channelId } : {}),
      ...(p.container?.message_ts ? { contextMessageId: `${channelId}:${p.container.message_ts}` } : {}),
    }));
}
