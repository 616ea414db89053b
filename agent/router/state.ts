// The conversation-state feature of the router: where the conversation stands when the
// pending message arrives, read from the checkpointed messages (so it survives restarts):
//   mid_booking       — the last assistant turn was a step of a booking dialogue: it ran a
//                       calendar tool (offered slots, asked which service or time, asked to
//                       confirm) and ended with a question, or the local tier's booking
//                       dialogue marked its reply (`response_metadata.booking`);
//   awaiting_approval — an approval-gated tool call (tools/registry APPROVAL_TOOL_NAMES) is
//                       still open: the owner answers in words instead of the button;
//   idle              — anything else.
// `stateFeatures` adds what the local understanding step (agent/nlu) reads in the pending
// message: a slot answer (a date/time, a choice, yes/no) or a plain short answer.
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { understandEntities } from "../nlu/index.js";
import type { NluContext } from "../nlu/types.js";
import { CALENDAR_TOOL_NAMES } from "../../tools/calendar/contract.js";
import { APPROVAL_TOOL_NAMES } from "../../tools/registry.js";

export type ConversationState = "idle" | "mid_booking" | "awaiting_approval";

export interface StateFeatures {
  state: ConversationState;
  /** The pending message carries a confident date/time, choice ("the second one", "2") or yes/no. */
  slotAnswer: boolean;
  /** yes / no / unsure, when the message says one (confidently). */
  yesno?: "yes" | "no";
  /** The message asks something back (a question or request), rather than answering. */
  asksBack: boolean;
  /** The message qualifies its answer ("yes but…", "…instead") or points back at the options
   *  ("the one after work") in a way the entity step could not resolve: not a plain answer. */
  qualified?: boolean;
}

/** Where the conversation stands before the pending human message(s). */
export function conversationState(messages: readonly BaseMessage[]): ConversationState {
  let end = messages.length;
  while (end > 0 && HumanMessage.isInstance(messages[end - 1])) end--;
  const last = messages[end - 1];
  if (!last) return "idle";
  if (AIMessage.isInstance(last) && last.tool_calls?.some((c) => APPROVAL_TOOL_NAMES.has(c.name))) return "awaiting_approval";
  if (!AIMessage.isInstance(last)) return "idle";
  const booking = (last.response_metadata as { booking?: { stage?: unknown } } | undefined)?.booking;
  if (booking && typeof booking.stage === "string") return booking.stage === "none" ? "idle" : "mid_booking";
  if (!/\?\s*\S{0,3}\s*$/.test(last.text.trim())) return "idle";
  // the previous turn: from the human message before `last` to `last`
  for (let i = end - 2; i >= 0 && !HumanMessage.isInstance(messages[i]); i--) {
    const m = messages[i];
    if (ToolMessage.isInstance(m) && CALENDAR_TOOL_NAMES.has(m.name ?? "")) return "mid_booking";
  }
  return "idle";
}

/** A condition or correction attached to the answer. */
const QUALIFIER = /\b(?:but|instead|except|unless|only if|as long as|rather)\b/i;
/** Words pointing at something said before (an offered slot, a booking). */
const REFERS_BACK = /\b(?:the|that|this) (?:one|ones|option|slot|time)\b|\b(?:those|them)\b/i;
const QUESTION_OPENER = /^(?:(?:so|ok|okay|hmm+|um+|and|but|wait)\b[\s,]*)*(?:what|whats|what's|how|why|which|who|where|is|are|can|could|would|will|do|does|did)\b/i;

/** The state plus what the pending text answers (only computed when the state is not idle). */
export function stateFeatures(text: string, state: ConversationState, nlu: NluContext): StateFeatures {
  if (state === "idle") return { state, slotAnswer: false, asksBack: false };
  const u = understandEntities(text, nlu);
  const sure = (c: number) => c >= 0.7;
  const datetime = u.datetimes.some((d) => sure(d.confidence) && !d.ambiguous);
  const choice = !!u.choice && sure(u.choice.confidence);
  const yn = u.yesno && u.yesno.value !== "unsure" && sure(u.yesno.confidence) ? u.yesno.value : undefined;
  const asksBack = text.includes("?") || QUESTION_OPENER.test(text.trim());
  const qualified = QUALIFIER.test(text) || (!choice && !datetime && REFERS_BACK.test(text));
  return { state, slotAnswer: !u.unsure && !qualified && (datetime || choice || !!yn), ...(yn ? { yesno: yn } : {}), asksBack, ...(qualified ? { qualified } : {}) };
}
