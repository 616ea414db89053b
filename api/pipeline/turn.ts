// turns: answer every pending message of a conversation in one agent turn, one turn at a
// time per conversation, and store the reply in the outbox before anything is sent.
import { DelayedError, type Job } from "bullmq";
import type { Role } from "../../agent/types.js";
import type { PipelineDeps } from "./deps.js";
import { sendJobId, type TurnJob } from "./queues.js";

const LOCK_RETRY_MS = 40;

export function turnProcessor(d: PipelineDeps) {
  return async (job: Job<TurnJob>, token?: string, signal?: AbortSignal): Promise<string> => {
    const { tenantId, conversationId } = job.data;
    const lock = await d.locks.tryAcquire(conversationId);
    if (!lock) return delay(job, token, Date.now() + LOCK_RETRY_MS + Math.floor(Math.random() * LOCK_RETRY_MS));
    try {
      const pending = await d.messages.pending(tenantId, conversationId);
      if (!pending.length) {
        await enqueueUnsent(d, tenantId, conversationId);
        return "nothing-pending";
      }
      const [newest, previous] = await d.messages.lastInboundTimes(tenantId, conversationId);
      if (newest && previous && newest.getTime() - previous.getTime() < d.settings.burstWindowMs) {
        const burstEnds = newest.getTime() + d.settings.burstWindowMs;
        if (burstEnds > Date.now() + 5) return delay(job, token, burstEnds);
      }
      return await runTurn(d, tenantId, conversationId, pending, signal);
    } finally {
      await lock.release();
    }
  };
}

async function runTurn(
  d: PipelineDeps,
  tenantId: string,
  conversationId: string,
  pending: Array<{ id: string; text: string | null; createdAt: Date }>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const log = d.logger.child({ tenantId, conversationId });
  const [tenant, conv] = await Promise.all([d.tenants.get(tenantId), d.conversations.get(tenantId, conversationId)]);
  if (conv.owner === "human") return "human-owned";
  const role: Role = (await d.tenants.isOwner(tenantId, conv.channel, conv.address)) ? "owner" : "lead";
  const started = performance.now();
  const timeout = AbortSignal.timeout(d.settings.turnTimeoutMs);
  const result = await d.agent.runTurn(
    {
      tenant, conversationId, contactId: conv.contact.id, contactName: conv.contact.displayName, role, channel: conv.channel,
      messages: pending.map((p) => ({ text: p.text ?? "", at: p.createdAt })),
    },
    signal ? AbortSignal.any([signal, timeout]) : timeout,
  );
  const latencyMs = Math.round(performance.now() - started);
  const committed = await d.messages.commitTurn({
    tenantId, conversationId, inboundIds: pending.map((p) => p.id),
    reply: result.reply ? { text: result.reply, ...(result.buttons ? { buttons: result.buttons } : {}) } : null,
    tier: result.tier, model: result.model, latencyMs, route: result.route, handoff: result.handoff, usage: result.usage,
  });
  if (!committed) {
    log.warn("messages were answered by another worker; this turn's result is dropped");
    return "already-answered";
  }
  d.metrics.turnSeconds.observe({ tier: result.tier }, latencyMs / 1000);
  for (const u of result.usage) if (u.costMicros > 0) d.metrics.costMicros.inc({ tenant: tenantId, tier: u.tier }, u.costMicros);
  if (committed.replyId) {
    await d.queues.outbox.add("send", { tenantId, messageId: committed.replyId }, { jobId: sendJobId(committed.replyId) });
  }
  log.info({ turnId: committed.turnId, tier: result.tier, route: result.route, latencyMs, messages: pending.length }, "turn done");
  if (result.handoff) log.warn({ turnId: committed.turnId }, "the agent asked for a person to take over");
  return `answered:${pending.length}`;
}

/** A reply stored by a turn whose process died before enqueuing its send. */
async function enqueueUnsent(d: PipelineDeps, tenantId: string, conversationId: string): Promise<void> {
  for (const m of await d.messages.unsent(tenantId, conversationId)) {
    await d.queues.outbox.add("send", { tenantId, messageId: m.id }, { jobId: sendJobId(m.id) });
  }
}

async function delay(job: Job, token: string | undefined, until: number): Promise<never> {
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}
