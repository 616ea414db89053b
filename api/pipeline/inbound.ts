// inbound: store what a person sent (once), then ask for a turn; apply delivery receipts.
import type { Job } from "bullmq";
import { contentToText } from "../../channels/content.js";
import type { InboundMessage, StatusUpdate } from "../../channels/types.js";
import type { PipelineDeps } from "./deps.js";
import { type InboundJob, reviveEvent, turnJobId } from "./queues.js";

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
  });
  const rec = await d.messages.recordInbound({
    tenantId, conversationId: ref.conversationId, channel: m.channel, providerMessageId: m.providerMessageId,
    kind: m.content.kind, text: contentToText(m.content), payload: m.content, providerTimestamp: m.timestamp, receivedAt,
  });
  await d.contacts.touchInbound(tenantId, ref.contactId, m.channel, m.from, m.timestamp);
  const log = d.logger.child({ tenantId, conversationId: ref.conversationId, messageId: rec.id });
  if (ref.owner === "human") {
    log.info("conversation is owned by a person: no bot turn");
    return "human-owned";
  }
  // Bursts: a message close behind the previous one waits for the burst to end, so the
  // whole burst is answered in one turn. A message after a pause is answered at once.
  const [newest, previous] = await d.messages.lastInboundTimes(tenantId, ref.conversationId);
  const inBurst = newest && previous && newest.getTime() - previous.getTime() < d.settings.burstWindowMs;
  await d.queues.turns.add(
    "turn",
    { tenantId, conversationId: ref.conversationId },
    { jobId: turnJobId(rec.id), delay: inBurst ? d.settings.burstWindowMs : 0 },
  );
  log.debug({ created: rec.created, inBurst }, "inbound stored");
  return rec.created ? "stored" : "duplicate";
}

async function applyStatus(d: PipelineDeps, tenantId: string, s: StatusUpdate): Promise<string> {
  const err = s.errors?.[0];
  const moved = await d.messages.applyStatus({
    tenantId, channel: s.channel, providerMessageId: s.providerMessageId, status: s.status, at: s.timestamp,
    ...(err ? { error: { code: err.code, reason: err.detail ?? err.title } } : {}),
    ...(s.callbackData ? { callbackData: s.callbackData } : {}),
  });
  return moved ? `status:${s.status}` : "status:stale";
}
