// OutboundMessage → chat.postMessage arguments. Text goes as mrkdwn; buttons become a Block
// Kit `actions` block under a `section` with the same text, and `text` stays as the
// notification / accessibility fallback. Approval buttons (`approval:<id>:approve|reject`)
// are styled primary / danger.
import type { OutboundMessage } from "../types.js";
import { SlackSendError } from "./errors.js";
import { formatSlackText, SLACK_SECTION_LIMIT } from "./format.js";

/** Block Kit limits: button text 75, action_id 255, value 2000, elements per actions block 25. */
export const BUTTON_TEXT_LIMIT = 75;
export const ACTION_ID_LIMIT = 255;
export const MAX_BUTTONS = 25;

export interface ButtonElement {
  type: "button";
  action_id: string;
  text: { type: "plain_text"; text: string; emoji: true };
  value: string;
  style?: "primary" | "danger";
}

export type Block =
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "actions"; block_id: string; elements: ButtonElement[] };

export interface PostMessageArgs {
  channel: string;
  text: string;
  mrkdwn: true;
  thread_ts?: string;
  blocks?: Block[];
  /** Links to our own pages are unfurled; others are not previewed in the owner's DM. */
  unfurl_links: false;
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function styleOf(id: string): ButtonElement["style"] | undefined {
  if (!id.startsWith("approval:")) return undefined;
  if (/:(approve|yes|confirm)$/.test(id)) return "primary";
  if (/:(reject|no|deny|cancel)$/.test(id)) return "danger";
  return undefined;
}

export function buttonElements(buttons: NonNullable<OutboundMessage["buttons"]>): ButtonElement[] {
  if (buttons.length > MAX_BUTTONS) throw new SlackSendError("fail", `Slack: at most ${MAX_BUTTONS} buttons`, { providerCode: "too_many_buttons" });
  const seen = new Set<string>();
  return buttons.map((b) => {
    if (!b.id || b.id.length > ACTION_ID_LIMIT || seen.has(b.id)) {
      throw new SlackSendError("fail", "Slack: button ids must be unique, non-empty and at most 255 characters", { providerCode: "invalid_button" });
    }
    seen.add(b.id);
    const style = styleOf(b.id);
    const title = b.title.trim() || b.id;
    return {
      type: "button", action_id: b.id, text: { type: "plain_text", text: cut(title, BUTTON_TEXT_LIMIT), emoji: true },
      value: cut(title, 2000), ...(style ? { style } : {}),
    };
  });
}

export function buildPostMessage(message: OutboundMessage, callbackData?: string): PostMessageArgs {
  const text = formatSlackText(message.text, SLACK_SECTION_LIMIT);
  if (!text && !message.buttons?.length) throw new SlackSendError("fail", "Slack: nothing to send", { providerCode: "no_text" });
  const args: PostMessageArgs = {
    channel: message.to, text: text || "…", mrkdwn: true, unfurl_links: false,
    ...(message.threadId ? { thread_ts: message.threadId } : {}),
  };
  if (message.buttons?.length) {
    const blockId = `buttons:${(callbackData ?? "").slice(0, 200)}`;
    args.blocks = [
      ...(text ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }] : []),
      { type: "actions", block_id: blockId, elements: buttonElements(message.buttons) },
    ];
  }
  return args;
}
