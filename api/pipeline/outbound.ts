// Messages GrowAI starts rather than answers: a call's follow-up SMS, a notification to
// the owner, an owner's reply relayed to a lead. Stored first (the outbox row), then sent
// by the same outbox job as every reply — rate limits, order, windows and retries apply.
import type { OutboundPurpose } from "../../core/repos/messages.js";
import type { Channel } from "../../core/repos/tenants.js";
import { NotConfiguredError } from "../../core/errors.js";
import type { PipelineDeps } from "./deps.js";
import { sendJobId } from "./queues.js";

export interface StartMessage {
  tenantId: string;
  channel: Channel;
  /** The contact's address on that channel (E.164 number, wa_id, Slack channel id). */
  address: string;
  text: string;
  /** Makes a retried caller send it once, e.g. `followup:<CallSid>`. */
  idempotencyKey: string;
  purpose: OutboundPurpose;
  buttons?: Array<{ id: string; title: string }>;
  threadId?: string;
  /** Quote this provider message (WhatsApp context) where the channel supports it. */
  replyTo?: string;
  /** The handoff this message belongs to (quoting it routes the owner's reply). */
  handoffId?: string;
  displayName?: string | null;
}

export async function startMessage(
  d: Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues">,
  m: StartMessage,
): Promise<{ messageId: string; conversationId: string; created: boolean }> {
  const account = await d.tenants.accountFor(m.tenantId, m.channel);
  if (!account) throw new NotConfiguredError(`the ${m.channel} channel of this business`);
  const ref = await d.contacts.ensureConversation({
    tenantId: m.tenantId, channelAccountId: account.id, channel: m.channel, address: m.address, displayName: m.displayName ?? null,
  });
  const { id, created } = await d.messages.createOutbound({
    tenantId: m.tenantId, conversationId: ref.conversationId, channel: m.channel, text: m.text, idempotencyKey: m.idempotencyKey,
    purpose: m.purpose, ...(m.buttons ? { buttons: m.buttons } : {}), ...(m.threadId ? { threadId: m.threadId } : {}),
    ...(m.replyTo ? { replyTo: m.replyTo } : {}), ...(m.handoffId ? { handoffId: m.handoffId } : {}),
  });
  await d.queues.outbox.add("send", { tenantId: m.tenantId, messageId: id }, { jobId: sendJobId(id) });
  return { messageId: id, conversationId: ref.conversationId, created };
}
