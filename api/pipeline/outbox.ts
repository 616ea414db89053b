// outbox: hand a stored reply to its channel, once. Per-sender rate limit, per-conversation
// order, the WhatsApp 24-hour window, provider errors mapped to retry / hold / fail.
import { DelayedError, type Job } from "bullmq";
import type { OutboundMessage, SendFailure } from "../../channels/types.js";
import { AppError } from "../../core/errors.js";
import type { PipelineDeps } from "./deps.js";
import type { SendJob } from "./queues.js";

const ORDER_RETRY_MS = 50;

export function isSendFailure(err: unknown): err is SendFailure {
  return err instanceof AppError && typeof (err as Partial<SendFailure>).disposition === "string";
}

export function outboxProcessor(d: PipelineDeps) {
  return async (job: Job<SendJob>, token?: string, signal?: AbortSignal): Promise<string> => {
    const { tenantId, messageId } = job.data;
    const msg = await d.messages.getOutbound(tenantId, messageId);
    if (!msg) return "unknown-message";
    if (msg.status !== "queued" && msg.status !== "sending") return `already-${msg.status}`;
    const log = d.logger.child({ tenantId, conversationId: msg.conversationId, messageId });

    // An earlier attempt died while the provider call was under way: its outcome is
    // unknown. Give the delivery receipt (which echoes our id) time to arrive first.
    if (msg.status === "sending" && Date.now() - msg.updatedAt.getTime() < d.settings.sendingGraceMs) {
      return delay(job, token, msg.updatedAt.getTime() + d.settings.sendingGraceMs);
    }
    // Replies of one conversation leave in the order they were written.
    const unsent = await d.messages.unsent(tenantId, msg.conversationId);
    if (unsent[0] && unsent[0].id !== messageId) return delay(job, token, Date.now() + ORDER_RETRY_MS);

    const { account, credentials } = await d.tenants.credentials(tenantId, msg.conversation.channelAccountId);
    const sender = d.senders.get(account.channel);
    if (!sender) {
      await d.messages.markFinal(tenantId, messageId, "failed", "not_configured", `no ${account.channel} sender is configured`);
      log.error({ channel: account.channel }, "no sender for channel");
      return "failed:not-configured";
    }
    const windowHours = sender.capabilities.freeFormWindowHours;
    if (windowHours) {
      const last = await d.contacts.lastInboundOn(tenantId, account.channel, msg.conversation.address);
      if (!last || Date.now() - last.getTime() > windowHours * 3600_000) {
        await d.messages.markFinal(tenantId, messageId, "held", "window_closed", `outside the ${windowHours}-hour window`);
        d.metrics.sends.inc({ channel: account.channel, status: "held" });
        log.warn("reply held: outside the free-form window");
        return "held";
      }
    }
    const wait = await d.limiter.take(account.channel, account.externalId);
    if (wait > 0) return delay(job, token, Date.now() + wait);

    if (!(await d.messages.markSending(tenantId, messageId))) return "not-sendable";
    const payload = (msg.payload ?? {}) as { buttons?: OutboundMessage["buttons"]; threadId?: string };
    try {
      const res = await sender.send(
        { externalId: account.externalId, credentials },
        {
          to: msg.conversation.address, text: msg.text ?? "", callbackData: messageId,
          ...(payload.buttons ? { buttons: payload.buttons } : {}),
          ...(payload.threadId && sender.capabilities.threads ? { threadId: payload.threadId } : {}),
        },
        signal,
      );
      await d.messages.markSent(tenantId, messageId, res.providerMessageId);
      d.metrics.sends.inc({ channel: account.channel, status: "sent" });
      log.info({ providerMessageId: res.providerMessageId }, "reply sent");
      return "sent";
    } catch (err) {
      return handleFailure(d, job, account.channel, err, log);
    }
  };
}

async function handleFailure(d: PipelineDeps, job: Job<SendJob>, channel: string, err: unknown, log: PipelineDeps["logger"]): Promise<string> {
  const { tenantId, messageId } = job.data;
  if (isSendFailure(err) && err.disposition !== "retry") {
    const status = err.disposition === "hold" ? "held" : "failed";
    await d.messages.markFinal(tenantId, messageId, status, err.providerCode, err.message);
    d.metrics.sends.inc({ channel: channel, status });
    log.warn({ code: err.providerCode, disposition: err.disposition }, "send not retried");
    return status;
  }
  const code = isSendFailure(err) ? err.providerCode : undefined;
  const reason = err instanceof Error ? err.message : String(err);
  await d.messages.markRetry(tenantId, messageId, code, reason);
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (lastAttempt) {
    await d.messages.markFinal(tenantId, messageId, "failed", code, `gave up after ${job.attemptsMade + 1} attempts: ${reason}`);
    d.metrics.sends.inc({ channel: channel, status: "failed" });
  }
  log.warn({ code, attempt: job.attemptsMade + 1 }, "send failed, will retry");
  throw err; // backoff: see providerBackoff
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
