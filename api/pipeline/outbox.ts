// outbox: hand a stored message to its channel, once. Per-conversation order (bounded),
// consent, the free-form window (template → SMS → held and reported), per-sender rate
// limit, provider errors mapped to retry / hold / fail, and a final status on the last try.
import { DelayedError, type Job } from "bullmq";
import type { OutboundMessage, SendFailure } from "../../channels/types.js";
import { AppError } from "../../core/errors.js";
import type { PipelineDeps } from "./deps.js";
import type { SendJob } from "./queues.js";
import { sendOutsideWindow } from "./window.js";

const ORDER_RETRY_MS = 50;
/** A reply does not wait forever behind an earlier one that is stuck: order is kept for this long. */
const ORDER_WAIT_MAX_MS = 30_000;

export function isSendFailure(err: unknown): err is SendFailure {
  return err instanceof AppError && typeof (err as Partial<SendFailure>).disposition === "string";
}

export interface OutboundPayload {
  buttons?: OutboundMessage["buttons"];
  imageUrl?: string;
  threadId?: string;
  replyTo?: string;
  purpose?: string;
}

export function outboxProcessor(d: PipelineDeps) {
  return async (job: Job<SendJob>, token?: string, signal?: AbortSignal): Promise<string> => {
    try {
      return await send(d, job, token, signal);
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      // Whatever failed (a provider, the database, a decrypt), the last attempt leaves a final status.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        const reason = err instanceof Error ? err.message : String(err);
        await d.messages
          .markFinal(job.data.tenantId, job.data.messageId, "failed", isSendFailure(err) ? err.providerCode : undefined, `gave up after ${job.attemptsMade + 1} attempts: ${reason}`)
          .catch(() => undefined);
      }
      throw err;
    }
  };
}

async function send(d: PipelineDeps, job: Job<SendJob>, token: string | undefined, signal: AbortSignal | undefined): Promise<string> {
  const { tenantId, messageId } = job.data;
  const msg = await d.messages.getOutbound(tenantId, messageId);
  if (!msg) return "unknown-message";
  if (msg.status !== "queued" && msg.status !== "sending") return `already-${msg.status}`;
  const log = d.logger.child({ tenantId, conversationId: msg.conversationId, messageId });
  const payload = (msg.payload ?? {}) as OutboundPayload;

  // An earlier attempt's outcome is unknown (it died or timed out mid-call): give the
  // delivery receipt, which echoes our id, time to arrive before sending again.
  if (msg.status === "sending" && Date.now() - msg.updatedAt.getTime() < d.settings.sendingGraceMs) {
    return delay(job, token, msg.updatedAt.getTime() + d.settings.sendingGraceMs);
  }
  const unsent = await d.messages.unsent(tenantId, msg.conversationId);
  const head = unsent[0];
  if (head && head.id !== messageId && Date.now() - head.createdAt.getTime() < ORDER_WAIT_MAX_MS) {
    return delay(job, token, Date.now() + ORDER_RETRY_MS);
  }

  const { account, credentials } = await d.tenants.credentials(tenantId, msg.conversation.channelAccountId);
  const sender = d.senders.get(account.channel);
  const final = async (status: "failed" | "held", code: string, reason: string) => {
    await d.messages.markFinal(tenantId, messageId, status, code, reason);
    d.metrics.sends.inc({ channel: account.channel, status });
    log.warn({ code, reason }, `message ${status}`);
    return status;
  };
  if (!sender) return final("failed", "not_configured", `no ${account.channel} sender is configured`);

  const consent = await d.contacts.consentOf(tenantId, msg.conversation.contactId);
  if (consent === "opted_out" && (payload.purpose === "marketing" || (account.channel === "sms" && payload.purpose !== "consent"))) {
    return final("failed", "opted_out", "the contact opted out");
  }
  const windowHours = sender.capabilities.freeFormWindowHours;
  let template: OutboundMessage["template"];
  if (windowHours) {
    const last = await d.contacts.lastInboundOn(tenantId, account.channel, msg.conversation.address);
    if (!last || Date.now() - last.getTime() > windowHours * 3600_000) {
      const outside = await sendOutsideWindow(d, { tenantId, messageId, contactId: msg.conversation.contactId, text: msg.text ?? "", windowHours, consent });
      // "window_closed" replies go out when the contact writes again; one sent by SMS must not
      if (outside.kind !== "template") return final("held", outside.kind === "sms" ? "sent_by_sms" : "window_closed", outside.reason);
      template = outside.template;
    }
  }
  const wait = await d.limiter.take(account.channel, account.externalId);
  if (wait > 0) return delay(job, token, Date.now() + wait);

  if (!(await d.messages.markSending(tenantId, messageId, d.settings.sendingGraceMs))) return "not-sendable";
  try {
    const res = await sender.send(
      { externalId: account.externalId, credentials },
      {
        to: msg.conversation.address, text: msg.text ?? "", callbackData: messageId,
        ...(payload.buttons ? { buttons: payload.buttons } : {}),
        ...(payload.imageUrl ? { imageUrl: payload.imageUrl } : {}),
        ...(payload.threadId && sender.capabilities.threads ? { threadId: payload.threadId } : {}),
        ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
        ...(template ? { template } : {}),
      },
      signal,
    );
    await d.messages.markSent(tenantId, messageId, res.providerMessageId);
    d.metrics.sends.inc({ channel: account.channel, status: "sent" });
    log.info({ providerMessageId: res.providerMessageId, template: template?.name }, "message sent");
    return "sent";
  } catch (err) {
    if (!isSendFailure(err)) {
      await d.messages.markRetry(tenantId, messageId, undefined, err instanceof Error ? err.message : String(err));
      throw err;
    }
    if (err.disposition !== "retry") {
      await applyProviderVerdict(d, tenantId, msg.conversation.contactId, account.channel, msg.conversation.address, err.providerCode);
      return final(err.disposition === "hold" ? "held" : "failed", err.providerCode ?? err.code, err.message);
    }
    if (err.outcomeUnknown) await d.messages.markUncertain(tenantId, messageId, err.message);
    else await d.messages.markRetry(tenantId, messageId, err.providerCode, err.message);
    log.warn({ code: err.providerCode, attempt: job.attemptsMade + 1, outcomeUnknown: Boolean(err.outcomeUnknown) }, "send failed, will retry");
    throw err; // backoff: see providerBackoff
  }
}

/** What a provider's refusal says about the contact: 21610 they opted out, 21211/21614 not a valid number. */
async function applyProviderVerdict(d: PipelineDeps, tenantId: string, contactId: string, channel: string, address: string, code: string | undefined) {
  if (code === "21610") await d.contacts.setConsent(tenantId, contactId, "opted_out");
  if (code === "21211" || code === "21614") await d.contacts.markAddressInvalid(tenantId, channel as "sms", address);
}

/**
 * BullMQ backoff for inbound and turn jobs ("pipeline" type): 1 s, 4 s, 16 s, 64 s, 256 s
 * (capped at 5 min) with jitter, so a short outage of PostgreSQL or Redis is ridden out
 * instead of turning every message in flight into a dead letter.
 */
export function pipelineBackoff(attemptsMade: number): number {
  const base = Math.min(300_000, 1000 * 4 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** One backoff strategy for every queue, by the job's backoff type. */
export function backoffFor(attemptsMade: number, type?: string, err?: Error): number {
  return type === "provider" ? providerBackoff(attemptsMade, type, err) : pipelineBackoff(attemptsMade);
}

/**
 * BullMQ backoff for the outbox ("provider" type): a provider-given Retry-After is
 * honoured; otherwise exponential from 500 ms with jitter, capped at a minute.
 */
export function providerBackoff(attemptsMade: number, _type?: string, err?: Error): number {
  if (isSendFailure(err) && err.retryAfterMs) return err.retryAfterMs;
  const base = Math.min(60_000, 500 * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

async function delay(job: Job, token: string | undefined, until: number): Promise<never> {
  await job.moveToDelayed(until, token);
  throw new DelayedError();
}
