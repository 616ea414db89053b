// The form fields Twilio posts to a voice webhook, parsed with zod. Twilio sends many more
// (CallerCity, ToZip, ...): they are signed, so they are passed to the verifier, but only
// these are read.
import { z } from "zod";
import { ParseError } from "../../core/errors.js";

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, "not a CallSid");
const e164ish = z.string().trim().min(3).max(64);

export const callRequestSchema = z.object({
  CallSid: callSid,
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  From: e164ish,
  To: e164ish,
  CallStatus: z.string().optional(),
  Direction: z.string().optional(),
  CallerName: z.string().optional(),
});
export type CallRequest = z.infer<typeof callRequestSchema>;

export const speechResultSchema = callRequestSchema.extend({
  SpeechResult: z.string().max(4000).optional().default(""),
  /** 0..1; absent when Twilio heard nothing. */
  Confidence: z.coerce.number().min(0).max(1).optional(),
});
export type SpeechResult = z.infer<typeof speechResultSchema>;

export const CALL_STATUSES = ["queued", "initiated", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"] as const;
export const statusCallbackSchema = callRequestSchema.extend({
  CallStatus: z.enum(CALL_STATUSES),
  CallDuration: z.coerce.number().int().min(0).optional(),
  Timestamp: z.string().optional(),
});
export type StatusCallback = z.infer<typeof statusCallbackSchema>;

export const dialResultSchema = callRequestSchema.extend({
  DialCallStatus: z.enum(["completed", "answered", "busy", "no-answer", "failed", "canceled"]).optional(),
});

/** <Connect action>: posted when a ConversationRelay session ends; HandoffData is what we sent in `end`. */
export const relayEndedSchema = callRequestSchema.extend({
  HandoffData: z.string().max(8000).optional(),
  SessionStatus: z.string().optional(),
});

/** Form fields as express.urlencoded gives them, flattened to strings. */
export type FormParams = Record<string, string | string[]>;

export function parseForm<S extends z.ZodType>(schema: S, params: FormParams): z.infer<S> {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) flat[k] = Array.isArray(v) ? (v[0] ?? "") : v;
  const r = schema.safeParse(flat);
  if (!r.success) {
    throw new ParseError("malformed voice webhook", r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  }
  return r.data;
}
