// inbound: store what a person sent (once), then decide what happens to it: a consent
// keyword changes consent; a message to a conversation a person owns is passed to them;
// anything else asks for a turn. Delivery receipts move statuses forward.
import type { Job } from "bullmq";
import { contentToText } from "../../channels/content.js";
import type { InboundMessage, StatusUpdate } from "../../channels/types.js";
import { consentKeyword, handleConsent } from "./consent.js";
import type { PipelineDeps } from "./deps.js";
import { forwardToOwner } from "./handoff.js";
import { type InboundJob, reviveEvent, sendJobId, turnJobId } from "./queues.js";

/** Held replies younger than this go out when the contact writes again (the window reopened). */
const HELD_REPLAY_MAX_AGE_MS = 7 * 24 * 3600_000;

export function inboundProcessor(d: PipelineDeps) {
  return async (job: Job<InboundJob>): Promise<string> => {
    const { tenantId, accountId } = job.data;
    const event = reviveEvent(job.data.event);
    if (event.type === "status") return applyStatus(d, tenantId, event.status);
    return recordMessage(d, tenantId, accountId, event.message, new Date(job.timestamp));
  };
}

async function recordMessage(d: PipelineDeps, tenantId: string, accountId: string, m: InboundMessage, receivedAt: Date): Promise<string> {
  const ref = await d.contacts.ensureConversation({
    tenantId, channelAccountId: accountId, channel: m.channel, address: m.from, displayName: m.fromName ?? null,
    ...(m.replyAddress ? { replyAddress: m.replyAddress } : {}),
  });
  // Channels without buttons show them as "Reply 1 for …": a bare number picks that button.
  if (m.content.kind === "text" && !d.senders.get(m.channel)?.capabilities.buttons && /^\s*[1-9]\s*$/.test(m.content.text)) {
    const button = (await d.messages.lastButtons(tenantId, ref.conversationId))?.[Number(m.content.text.trim()) - 1];
    if (button) m = { ...m, content: { kind: "interactive", replyType: "button", id: button.id, title: button.title } };
  }
  const text = contentToText(m.content);
  const rec = await d.messages.recordInboundAndTouch({
    tenantId, conversationId: ref.conversationId, channel: m.channel, providerMessageId: m.providerMessageId,
    kind: m.content.kind, text, senderAddress: m.from, providerTimestamp: m.timestamp, receivedAt,
    payload: { ...m.content, ...(m.threadId ? { threadId: m.threadId } : {}), ...(m.contextMessageId ? { contextMessageId: m.contextMessageId } : {}) },
  }, ref.contactId);
  const log = d.logger.child({ tenantId, conversationId: ref.conversationId, messageId: rec.id });

  // A free-form window just reopened: replies held for it go out now.
  if (d.senders.get(m.channel)?.capabilities.freeFormWindowHours) {
    for (const id of await d.messages.requeueHeldForWindow(tenantId, ref.conversationId, HELD_REPLAY_MAX_AGE_MS)) {
      await d.queues.outbox.add("send", { tenantId, messageId: id }, { jobId: `${sendJobId(id)}-reopened-${rec.id}` });
    }
  }
  const keyword = m.content.kind === "text" ? consentKeyword(m.content.text) : null;
  if (keyword) {
    const tenant = await d.tenants.get(tenantId);
    const handled = await handleConsent(d, keyword, {
      tenantId, tenantName: tenant.name, helpText: tenant.helpText, contactId: ref.contactId, channel: m.channel,
      address: m.replyAddress ?? m.from, messageId: rec.id,
    });
    if (handled) return "consent";
  }
  if (ref.owner === "human") {
    const label = m.fromName ?? m.from;
    if (await forwardToOwner(d, tenantId, ref.conversationId, rec.id, text, label)) return "forwarded-to-person";
    log.warn("conversation is owned by a person but has no open handoff; the assistant answers");
  }
  // Reactions and system notices are recorded, not answered.
  if (m.content.kind === "reaction" || (m.content.kind === "unsupported" && m.content.providerType === "system")) {
    await d.messages.markHandled(tenantId, [rec.id]);
    return "recorded";
  }
  // Every message waits out the burst window, so a burst is answered in one turn.
  await d.queues.turns.add("turn", { tenantId, conversationId: ref.conversationId }, { jobId: turnJobId(rec.id), delay: d.settings.burstWindowMs });
  log.debug({ created: rec.created }, "inbound stored");
  return rec.created ? "stored" : "duplicate";
}

async function applyStatus(d: PipelineDeps, tenantId: string, s: StatusUpdate): Promise<string> {
  const err = s.errors?.[0];
  if (s.status === "failed" && err?.code === "21610") {
    // the carrier says they opted out (STOP sent to the number): the ledger agrees
    await d.contacts.setConsentByAddress(tenantId, s.channel, s.recipient, "opted_out");
  }
  if (s.status === "failed" && err?.code === "131047") {
    // outside the window, reported late: held like a synchronous 131047, sent when they write again
    const held = await d.messages.holdForWindow(tenantId, s.channel, s.providerMessageId, err.detail ?? err.title);
    return held ? "status:held" : "status:stale";
  }
  const moved = await d.messages.applyStatus({
    tenantId, channel: s.channel, providerMessageId: s.providerMessageId, status: s.status, at: s.timestamp,
    ...(err ? { error: { code: err.code, reason: err.detail ?? err.title } } : {}),
    ...(s.callbackData ? { callbackData: s.callbackData } : {}),
  });
  return moved ? `status:${s.status}` : "status:stale";
}
