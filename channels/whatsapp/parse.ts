// WhatsApp webhook body (already signature-verified, JSON-decoded) → normalized events.
// Every entry and every change is read. A body that is not a WhatsApp Business Account
// webhook throws ParseError (the route answers 400); a bad item inside a valid batch is
// skipped and reported in `rejected`, never sinking its neighbours.
import { ParseError } from "../../core/errors.js";
import type { InboundEvent, StatusUpdate } from "../types.js";
import { issueReason, parseMessage, toDate, type Checked } from "./message.js";
import { contactsSchema, envelopeSchema, errorItemSchema, messagesValueSchema, statusSchema } from "./schema.js";

/** An item of a valid batch that could not be read. Log it; do not fail the webhook. */
export interface RejectedItem {
  kind: "change" | "message" | "status" | "error";
  /** Position in the batch: entry[entry].changes[change].{messages|statuses|errors}[index]. */
  entry: number;
  change: number;
  index?: number;
  /** The provider id of the item when it had a readable one (wamid). */
  providerId?: string;
  reason: string;
}

/** A change-level error Meta reports asynchronously (`value.errors[]`), e.g. 131051 or 131000. */
export interface WebhookError {
  receiver: string;
  code: string;
  title: string;
  detail?: string;
}

export interface ParsedWebhook {
  events: InboundEvent[];
  rejected: RejectedItem[];
  errors: WebhookError[];
  /** `field` names of changes that are not message traffic (e.g. template status updates), skipped. */
  ignoredFields: string[];
}

function errorFields(e: { code: number | string; title?: string | undefined; message?: string | undefined; error_data?: { details?: string | undefined } | undefined }) {
  const detail = e.error_data?.details ?? (e.message !== e.title ? e.message : undefined);
  return { code: String(e.code), title: e.title ?? e.message ?? "", ...(detail !== undefined && { detail }) };
}

function parseStatus(raw: unknown, receiver: string): Checked<StatusUpdate> {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: issueReason(parsed.error) };
  const s = parsed.data;
  const status: StatusUpdate = {
    channel: "whatsapp",
    receiver,
    providerMessageId: s.id,
    recipient: s.recipient_id,
    status: s.status,
    timestamp: toDate(s.timestamp),
    ...(s.errors && s.errors.length > 0 && { errors: s.errors.map(errorFields) }),
    ...(s.biz_opaque_callback_data !== undefined && { callbackData: s.biz_opaque_callback_data }),
  };
  return { ok: true, value: status };
}

function providerId(raw: unknown): string | undefined {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 ? id : undefined;
}

function readChange(value: unknown, at: { entry: number; change: number }, out: ParsedWebhook): void {
  const parsed = messagesValueSchema.safeParse(value);
  if (!parsed.success) {
    out.rejected.push({ kind: "change", ...at, reason: issueReason(parsed.error) });
    return;
  }
  const v = parsed.data;
  const receiver = v.metadata.phone_number_id;
  const names = new Map<string, string>();
  for (const c of contactsSchema.parse(v.contacts ?? [])) {
    if (c.wa_id && c.profile?.name) names.set(c.wa_id, c.profile.name);
  }
  const reject = (kind: RejectedItem["kind"], index: number, raw: unknown, reason: string) => {
    const id = providerId(raw);
    out.rejected.push({ kind, ...at, index, reason, ...(id !== undefined && { providerId: id }) });
  };
  (v.messages ?? []).forEach((raw, index) => {
    const m = parseMessage(raw, receiver, names);
    if (m.ok) out.events.push({ type: "message", message: m.value });
    else reject("message", index, raw, m.reason);
  });
  (v.statuses ?? []).forEach((raw, index) => {
    const s = parseStatus(raw, receiver);
    if (s.ok) out.events.push({ type: "status", status: s.value });
    else reject("status", index, raw, s.reason);
  });
  (v.errors ?? []).forEach((raw, index) => {
    const e = errorItemSchema.safeParse(raw);
    if (e.success) out.errors.push({ receiver, ...errorFields(e.data) });
    else reject("error", index, raw, issueReason(e.error));
  });
}

/** The whole batch: events in entry → change → messages-then-statuses order, plus what was skipped. */
export function parseWebhookBatch(json: unknown): ParsedWebhook {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new ParseError(`not a WhatsApp webhook (${issueReason(envelope.error)})`);
  }
  const out: ParsedWebhook = { events: [], rejected: [], errors: [], ignoredFields: [] };
  envelope.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      if (change.field !== "messages") out.ignoredFields.push(change.field);
      else readChange(change.value, { entry: e, change: c }, out);
    });
  });
  return out;
}

/** Events of the batch; skipped items are handed to `onRejected` when given. */
export function parseWebhook(json: unknown, onRejected?: (item: RejectedItem) => void): InboundEvent[] {
  const batch = parseWebhookBatch(json);
  if (onRejected) batch.rejected.forEach(onRejected);
  return batch.events;
}
