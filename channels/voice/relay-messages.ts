// ConversationRelay's WebSocket protocol (twilio.com/docs/voice/conversationrelay/
// websocket-messages). Twilio → us: setup, prompt, interrupt, dtmf, error. Us → Twilio:
// text tokens (streamed; `last` closes the talk cycle), end (with optional handoffData,
// which Twilio posts to the <Connect action> URL). Unknown types are kept, not fatal:
// Twilio adds message types over time.
import { z } from "zod";

export const setupMessage = z.object({
  type: z.literal("setup"),
  sessionId: z.string(),
  callSid: z.string().min(1),
  accountSid: z.string().optional(),
  parentCallSid: z.string().optional(),
  from: z.string().min(1),
  to: z.string().min(1),
  forwardedFrom: z.string().optional(),
  callerName: z.string().optional(),
  direction: z.string().optional(),
  callType: z.string().optional(),
  callStatus: z.string().optional(),
  customParameters: z.record(z.string(), z.string()).optional().default({}),
});

export const promptMessage = z.object({
  type: z.literal("prompt"),
  voicePrompt: z.string(),
  lang: z.string().optional(),
  /** false on partial prompts (partialPrompts="true"): more of the same utterance follows. */
  last: z.boolean().optional().default(true),
});

export const interruptMessage = z.object({
  type: z.literal("interrupt"),
  utteranceUntilInterrupt: z.string().optional().default(""),
  durationUntilInterruptMs: z.coerce.number().optional(),
});

export const dtmfMessage = z.object({ type: z.literal("dtmf"), digit: z.string().min(1).max(1) });
export const errorMessage = z.object({ type: z.literal("error"), description: z.string().optional().default("") });

export const relayInbound = z.discriminatedUnion("type", [setupMessage, promptMessage, interruptMessage, dtmfMessage, errorMessage]);
export type RelayInbound = z.infer<typeof relayInbound> | { type: "unknown"; raw: string };
export type RelaySetup = z.infer<typeof setupMessage>;

/** Parse one frame; malformed JSON or a known type with bad fields → null (logged by the caller). */
export function parseRelayMessage(data: string): RelayInbound | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const type = (json as { type?: unknown })?.type;
  if (typeof type !== "string") return null;
  if (!["setup", "prompt", "interrupt", "dtmf", "error"].includes(type)) return { type: "unknown", raw: type };
  const r = relayInbound.safeParse(json);
  return r.success ? r.data : null;
}

export interface TextToken {
  type: "text";
  token: string;
  last: boolean;
  interruptible?: boolean;
  preemptible?: boolean;
}
export interface EndSession {
  type: "end";
  handoffData?: string;
}
export type RelayOutbound = TextToken | EndSession;

export const textToken = (token: string, last: boolean): TextToken => ({ type: "text", token, last });
export const endSession = (handoffData?: Record<string, unknown>): EndSession =>
  handoffData ? { type: "end", handoffData: JSON.stringify(handoffData) } : { type: "end" };

/** A reply as tokens, one sentence each (first sentence first), the final one `last: true`. */
export function sentenceTokens(sentences: string[]): TextToken[] {
  const parts = sentences.filter((s) => s.trim());
  if (parts.length === 0) return [textToken("", true)];
  return parts.map((s, i) => textToken(i < parts.length - 1 ? `${s} ` : s, i === parts.length - 1));
}
