// turns: answer every pending message of a conversation in one agent turn, one turn at a
// time per conversation, once the burst window after the newest message has passed; the
// reply is stored in the outbox (same transaction as the claim) before anything is sent.
import { DelayedError, type Job } from "bullmq";
import { parseApprovalButton } from "../../agent/approvals.js";
import type { Role, TurnResult } from "../../agent/types.js";
import type { PendingMessage } from "../../core/repos/messages.js";
import type { PipelineDeps } from "./deps.js";
import { routeOwnerMessage, startHandoff } from "./handoff.js";
import { learnFromTurn, recallMemory } from "./memory.js";
import { sendJobId, turnJobId, type TurnJob } from "./queues.js";

const LOCK_RETRY_MS = 40;

interface Meta {
  threadId?: string;
  contextMessageId?: string;
  kind?: string;
  id?: string;
  caption?: string;
  mediaType?: string;
}
const metaOf = (p: PendingMessage): Meta => (p.payload ?? {}) as Meta;

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
      const burstEnds = pending.at(-1)!.createdAt.getTime() + d.settings.burstWindowMs;
      if (burstEnds > Date.now() + 5) return await delay(job, token, burstEnds);
      return await runTurn(d, job, pending, signal);
    } finally {
      await lock.release();
    }
  };
}

async function runTurn(d: PipelineDeps, job: Job<TurnJob>, pending: PendingMessage[], signal: AbortSignal | undefined): Promise<string> {
  const { tenantId, conversationId } = job.data;
  const log = d.logger.child({ tenantId, conversationId });
  const [tenant, conv] = await Promise.all([d.tenants.get(tenantId), d.conversations.get(tenantId, conversationId)]);
  if (conv.owner === "human" && (await d.handoffs.openFor(tenantId, conversationId))) return "human-owned";
  // The role comes from who wrote (a registered owner identity), never from what they wrote.
  const sender = pending.at(-1)!.senderAddress ?? conv.address;
  const role: Role = (await d.tenants.isOwner(tenantId, conv.channel, sender)) ? "owner" : "lead";

  // Slack is the owners' channel: someone in the workspace who is not a registered owner
  // is told so, and nothing else happens.
  if (role === "lead" && conv.channel === "slack") {
    return refuse(d, job, pending, `I only take requests from ${tenant.name}'s registered owners. Ask an owner to add you in GrowAI.`);
  }
  let batch = pending;
  if (role === "owner") {
    batch = [];
    for (const p of pending) {
      const m = metaOf(p);
      const routed = await routeOwnerMessage(d, {
        tenantId, messageId: p.id, text: p.text ?? "",
        ...(m.contextMessageId ? { contextMessageId: m.contextMessageId } : {}), ...(m.threadId ? { threadId: m.threadId } : {}),
      });
      if (!routed) batch.push(p);
    }
    if (!batch.length) return "relayed";
    // An owner's document (WhatsApp document, Slack file) is added to knowledge (api/ingest).
    if (d.ownerFiles) {
      batch = await d.ownerFiles.take(tenantId, conversationId, batch);
      if (!batch.length) return "document-accepted";
    }
  }

  // Nothing the assistant can read (a photo or voice note without words, a sticker, an
  // unsupported message): say so instead of searching knowledge for "[image]".
  if (!batch.some(readable)) {
    const what = metaOf(batch.at(-1)!).mediaType === "audio" ? "voice notes" : "photos, files or stickers";
    return refuse(d, job, batch, `Sorry, I can't open ${what} yet — could you type your question?`);
  }
  const started = performance.now();
  const timeout = AbortSignal.timeout(d.settings.turnTimeoutMs);
  const turnSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const common = { tenant, conversationId, contactId: conv.contact.id, role, channel: conv.channel };
  // An Approve/Reject button answers the action the agent paused for (a LangGraph interrupt);
  // it is resumed here, under the conversation's lock, so two clicks cannot both resume it.
  const last = metaOf(batch.at(-1)!);
  const decision = batch.length === 1 && last.kind === "interactive" && last.id ? parseApprovalButton(last.id) : null;
  const memory = role === "lead" && !decision ? await recallMemory(d.memory, tenantId, conv.contact.id, log) : undefined;
  const result: TurnResult =
    decision && d.agent.resume
      ? await d.agent.resume({ ...common, ...decision }, turnSignal)
      : await d.agent.runTurn(
          {
            // chat channels authenticate the sender's number: the contact's memory is theirs to use
            ...common, contactName: conv.contact.displayName, ...(memory ? { memory } : {}), memoryAccess: "full",
            messages: batch.map((p) => ({ text: p.text ?? "", at: p.createdAt, id: p.id })),
          },
          turnSignal,
        );
  const latencyMs = Math.round(performance.now() - started);
  const threadId = metaOf(batch.at(-1)!).threadId;
  const committed = await d.messages.commitTurn({
    tenantId, conversationId, inboundIds: batch.map((p) => p.id),
    reply: result.reply
      ? { text: result.reply, ...(result.buttons ? { buttons: result.buttons } : {}), ...(threadId ? { threadId } : {}), ...(result.imageUrl ? { imageUrl: result.imageUrl } : {}) }
      : null,
    tier: result.tier, model: result.model, latencyMs, route: result.route, handoff: result.handoff, usage: result.usage,
  });
  if (!committed) {
    // Another worker answered some of these; anything it did not see gets a turn of its own.
    log.warn("messages were answered by another worker; this turn's result is dropped");
    await d.queues.turns.add("turn", job.data, { jobId: `${turnJobId(batch.at(-1)!.id)}-after-${Date.now()}` });
    return "already-answered";
  }
  d.metrics.turnSeconds.observe({ tier: result.tier }, latencyMs / 1000);
  for (const u of result.usage) if (u.costMicros > 0) d.metrics.costMicros.inc({ tenant: tenantId, tier: u.tier }, u.costMicros);
  if (committed.replyId) {
    await d.queues.outbox.add("send", { tenantId, messageId: committed.replyId }, { jobId: sendJobId(committed.replyId) });
  }
  log.info({ turnId: committed.turnId, tier: result.tier, route: result.route, latencyMs, messages: batch.length }, "turn done");
  if (role === "lead" && !decision) {
    await learnFromTurn(d.memory, {
      tenantId, contactId: conv.contact.id, channel: conv.channel, messages: batch.filter(readable).map((p) => ({ id: p.id, text: p.text ?? "" })),
      forgetRequested: result.forgotMemory === true,
    }, log);
  }
  if (result.handoff && role === "lead") {
    const outcome = await startHandoff(d, {
      tenantId, conversationId, contactLabel: conv.contact.displayName ?? conv.address, channel: conv.channel,
      recent: batch.map((p) => p.text ?? ""), reason: batch.at(-1)!.text,
    });
    log.info({ outcome }, "handoff");
  }
  return `answered:${batch.length}`;
}

/** Text the assistant can act on: typed text, a button, a location, a caption. */
function readable(p: PendingMessage): boolean {
  const m = metaOf(p);
  if (m.kind === "media") return Boolean(m.caption?.trim());
  return m.kind !== "unsupported" && m.kind !== "reaction";
}

/** Answer without the agent (no model is called, nothing else runs). */
async function refuse(d: PipelineDeps, job: Job<TurnJob>, batch: PendingMessage[], text: string): Promise<string> {
  const { tenantId, conversationId } = job.data;
  const threadId = metaOf(batch.at(-1)!).threadId;
  const committed = await d.messages.commitTurn({
    tenantId, conversationId, inboundIds: batch.map((p) => p.id), reply: { text, ...(threadId ? { threadId } : {}) },
    tier: "local", model: "none", latencyMs: 0, route: `answered without the agent: ${text.slice(0, 60)}`, handoff: false, usage: [],
  });
  if (committed?.replyId) await d.queues.outbox.add("send", { tenantId, messageId: committed.replyId }, { jobId: sendJobId(committed.replyId) });
  return "refused";
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
