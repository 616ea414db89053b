// The booking state, read from the conversation only (so it survives restarts): the last
// assistant reply's `response_metadata.booking`, or — when that reply came from an LLM tier
// or lost its metadata — what the calendar tool results of that turn imply.
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { CHECK_AVAILABILITY, parseCalendarResult, type CalendarResult, type SlotView } from "../../../tools/calendar/contract.js";
import type { BookingMeta, BookingStage, CallMeta } from "./types.js";

const NONE: BookingMeta = { stage: "none", mode: "book" };

/** Index of the last assistant reply (no tool calls) before the pending human messages; -1 if none. */
function lastReplyIndex(messages: BaseMessage[]): number {
  let i = messages.length - 1;
  while (i >= 0 && HumanMessage.isInstance(messages[i])) i--;
  for (; i >= 0; i--) {
    const m = messages[i]!;
    if (HumanMessage.isInstance(m)) return -1;
    if (AIMessage.isInstance(m) && !(m.tool_calls?.length)) return i;
    if (AIMessage.isInstance(m) || ToolMessage.isInstance(m)) return -1; // mid tool loop: no reply yet
  }
  return -1;
}

function isMeta(v: unknown): v is BookingMeta {
  return !!v && typeof v === "object" && typeof (v as { stage?: unknown }).stage === "string" && typeof (v as { mode?: unknown }).mode === "string";
}

/** Calendar results between the human message before `replyAt` and the reply, oldest first. */
function turnResults(messages: BaseMessage[], replyAt: number): CalendarResult[] {
  const out: CalendarResult[] = [];
  for (let i = replyAt - 1; i >= 0 && !HumanMessage.isInstance(messages[i]); i--) {
    const m = messages[i]!;
    if (ToolMessage.isInstance(m) && m.status !== "error") {
      const r = parseCalendarResult(m.text);
      if (r) out.unshift(r);
    }
  }
  return out;
}

const hhmm = (iso: string): string => iso.slice(11, 16);

/** What the results of a turn imply when its reply carries no metadata (an LLM wrote it). */
function derive(results: CalendarResult[], replyText: string): BookingMeta {
  const r = results[results.length - 1];
  if (!r) return NONE;
  let slots: SlotView[] = [];
  if (r.ok && r.tool === CHECK_AVAILABILITY) slots = r.slots;
  else if (!r.ok && r.alternatives?.length) slots = r.alternatives;
  if (slots.length) {
    const service = slots[0]!.service;
    // an LLM that named exactly one of the slots and asked to book it is confirming that slot
    const named = slots.filter((s) => replyText.includes(hhmm(s.start)) || replyText.includes(s.label));
    if (named.length === 1 && /\b(?:shall|should) i\b|\bconfirm\b|\bbook it\b|\bis that (?:ok|okay|right)\b/i.test(replyText)) {
      return { stage: "confirm", mode: "book", service, slots, start: named[0]!.start, label: named[0]!.label };
    }
    return { stage: "offer", mode: "book", service, slots };
  }
  if (!r.ok && (r.reason === "need_service" || r.reason === "unknown_service")) return { stage: "need_service", mode: "book", ...(r.options ? { options: r.options } : {}) };
  if (!r.ok && r.reason === "need_time") return { stage: "need_time", mode: "book" };
  return NONE;
}

function stateAt(messages: BaseMessage[], at: number): { meta: BookingMeta; calendar: boolean } {
  const reply = messages[at] as AIMessage;
  const meta = (reply.response_metadata as Record<string, unknown> | undefined)?.booking;
  if (isMeta(meta)) return { meta, calendar: true };
  const results = turnResults(messages, at);
  return { meta: derive(results, reply.text), calendar: results.length > 0 };
}

/** Stages that survive one unrelated reply in between (an FAQ answered mid-booking); never a confirmation. */
const CARRIED: ReadonlySet<BookingStage> = new Set(["offer", "need_service", "need_time"]);

/** The booking state the pending human message answers (reads the conversation only). */
export function bookingState(messages: BaseMessage[]): BookingMeta {
  const at = lastReplyIndex(messages);
  if (at < 0) return NONE;
  const here = stateAt(messages, at);
  if (here.calendar || here.meta.stage !== "none") return here.meta;
  // the last reply was not about booking: the one before it may still be waiting for an answer
  let h = at - 1;
  while (h >= 0 && !HumanMessage.isInstance(messages[h])) h--;
  const before = lastReplyIndex(messages.slice(0, h + 1));
  if (before < 0) return here.meta;
  const prev = stateAt(messages, before).meta;
  return CARRIED.has(prev.stage) ? { ...prev, carried: true } : here.meta;
}

/**
 * Where the booking dialogue stands for the pending message: "none" when nothing is pending,
 * else what the last reply waits for ("need_service", "need_time", "offer", "confirm",
 * "pick_booking"). Pure; for the router ("mid-booking" → keep the tier that can finish it).
 */
export function bookingStage(messages: BaseMessage[]): BookingStage {
  return bookingState(messages).stage;
}

/** The calendar results that follow the last assistant message, with the call that asked for them. */
export function pendingResults(messages: BaseMessage[]): { results: Array<{ result: CalendarResult | null; tool: ToolMessage }>; call?: AIMessage; meta?: CallMeta } {
  const results: Array<{ result: CalendarResult | null; tool: ToolMessage }> = [];
  let i = messages.length - 1;
  for (; i >= 0 && ToolMessage.isInstance(messages[i]); i--) {
    const t = messages[i] as ToolMessage;
    results.unshift({ result: t.status === "error" ? null : parseCalendarResult(t.text), tool: t });
  }
  const call = i >= 0 && AIMessage.isInstance(messages[i]) ? (messages[i] as AIMessage) : undefined;
  const meta = (call?.response_metadata as Record<string, unknown> | undefined)?.bookingCall as CallMeta | undefined;
  return { results, ...(call ? { call } : {}), ...(meta && typeof meta.mode === "string" ? { meta } : {}) };
}

/** Service names the conversation has seen in calendar results (offers, options, bookings). */
export function servicesSeen(messages: BaseMessage[]): string[] {
  const names = new Set<string>();
  for (const m of messages) {
    if (!ToolMessage.isInstance(m)) continue;
    const r = parseCalendarResult(m.text);
    if (!r) continue;
    if (r.ok && r.tool === CHECK_AVAILABILITY) names.add(r.service);
    if (!r.ok && (r.reason === "need_service" || r.reason === "unknown_service")) r.options?.forEach((o) => names.add(o));
  }
  return [...names];
}
