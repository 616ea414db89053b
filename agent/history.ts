// Which messages a model sees and which the checkpoint keeps. Windows always start at a
// human message, so an assistant tool call is never separated from its tool results.
import { HumanMessage, RemoveMessage, type BaseMessage } from "@langchain/core/messages";

function startAtHuman(messages: BaseMessage[], from: number): number {
  for (let i = Math.max(0, from); i < messages.length; i++) {
    if (HumanMessage.isInstance(messages[i])) return i;
  }
  return messages.length;
}

/** The last `limit` messages (or fewer), starting at a human message. */
export function modelWindow(messages: BaseMessage[], limit: number): BaseMessage[] {
  if (messages.length <= limit) return messages;
  const start = startAtHuman(messages, messages.length - limit);
  return start < messages.length ? messages.slice(start) : messages.slice(-1);
}

/** RemoveMessage updates that cut stored history down to about `keep` messages. */
export function trimStored(messages: BaseMessage[], keep: number): RemoveMessage[] {
  if (messages.length <= keep) return [];
  const start = startAtHuman(messages, messages.length - keep);
  return messages
    .slice(0, start)
    .filter((m): m is BaseMessage & { id: string } => typeof m.id === "string")
    .map((m) => new RemoveMessage({ id: m.id }));
}

/** This turn's messages so far: everything after the last human message (its calls, results, replies). */
export function thisTurn(messages: readonly BaseMessage[]): BaseMessage[] {
  let i = messages.length - 1;
  while (i >= 0 && !HumanMessage.isInstance(messages[i])) i--;
  return messages.slice(i + 1);
}

/** The texts of the human messages since the last non-human message (a coalesced burst), oldest first. */
export function pendingHumanTexts(messages: readonly BaseMessage[]): string[] {
  const parts: string[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!HumanMessage.isInstance(m)) break;
    parts.unshift(m.text);
  }
  return parts;
}

/** The burst as one text. */
export function pendingHumanText(messages: readonly BaseMessage[]): string {
  return pendingHumanTexts(messages).join("\n").trim();
}
