// The worst case a model call can cost, reserved before the call: the prompt's UTF-8 bytes
// as its input tokens (byte-level BPE never makes more tokens than bytes; Gemini's tokens
// are no shorter than a byte either) plus framing per message, and the output cap
// (max tokens) at the output price. Over-reserving only delays calls near the hard limit;
// the reservation is settled to the provider's own usage right after.
import type { BaseMessage } from "@langchain/core/messages";
import { priceOf } from "../pricing.js";

/** Tokens a provider adds around each message (role, separators); generous. */
const PER_MESSAGE_TOKENS = 8;
const PER_REQUEST_TOKENS = 16;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** An upper bound of the input tokens of these messages (plus `extraBytes`, e.g. tool schemas). */
export function promptTokenBound(messages: readonly BaseMessage[], extraBytes = 0): number {
  let n = PER_REQUEST_TOKENS + extraBytes;
  for (const m of messages) {
    n += PER_MESSAGE_TOKENS + bytes(typeof m.content === "string" ? m.content : JSON.stringify(m.content));
    const calls = (m as { tool_calls?: unknown[] }).tool_calls;
    if (calls?.length) n += bytes(JSON.stringify(calls));
  }
  return n;
}

/** Worst-case cost in micro-units; null for a model with no price (nothing to reserve). */
export function worstCaseMicros(model: string, inputTokens: number, maxOutputTokens: number): number | null {
  const price = priceOf(model);
  if (!price) return null;
  return Math.ceil((inputTokens * price.input + maxOutputTokens * price.output) / 1_000_000);
}
