// The campaign workers of one process: the control worker (start, tick) and one send worker
// per sending account (its queue's rate limit paces it across every process). New senders
// are picked up from a Redis set within a second; the sweep (at start, then every
// sweepEveryMs) re-adds start and tick jobs a crash may have lost and follows late receipts.
import { Worker, type ConnectionOptions } from "bullmq";
import { ownKey, type CampaignContext } from "./context.js";
import { addTick, controlProcessor } from "./control.js";
import { sendQueueName } from "./pacing.js";
import { sendProcessor } from "./send.js";
import { CONTROL_QUEUE, startJobId, type ControlJob, type SendJob } from "./types.js";

export interface CampaignWorkers {
  /** The workers running now (the control worker and the send workers opened so far). */
  readonly workers: Worker[];
  refresh(): Promise<void>;
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export function startCampaignWorkers(ctx: CampaignContext, connection: ConnectionOptions): CampaignWorkers {
  const s = ctx.settings;
  const lock = { ...(s.lockDuration ? { lockDuration: s.lockDuration } : {}), ...(s.stalledInterval ? { stalledInterval: s.stalledInterval } : {}) };
  const senders = new Map<string, Worker<SendJob>>();
  const workers: Worker[] = [];
  let closing = false;

  const openSender = async (accountId: string) => {
    if (closing || senders.has(accountId)) return;
    // enough slots for one process to carry the sender's whole rate alone (~0.6 s per send
    // under load, gate wait included), capped
    const pace = await ctx.pacer.current(accountId);
    if (closing || senders.has(accountId)) return;
    const concurrency = Math.min(s.sendConcurrency, Math.max(4, Math.ceil((pace?.allowed ?? 1) * 0.6)));
    const w = new Worker<SendJob>(sendQueueName(accountId), sendProcessor(ctx), {
      connection, prefix: ctx.prefix, concurrency, ...lock,
    });
    w.on("error", (err) => ctx.logger.error({ err, queue: w.name }, "campaign send worker error"));
    w.on("failed", (job, err) => ctx.logger.warn({ jobId: job?.id, tenantId: job?.data.tenantId, err: err.message }, "campaign send attempt failed"));
    senders.set(accountId, w);
    workers.push(w);
  };

  const control = new Worker<ControlJob>(CONTROL_QUEUE, controlProcessor(ctx, openSender), { connection, prefix: ctx.prefix, concurrency: 4, ...lock });
  control.on("error", (err) => ctx.logger.error({ err }, "campaign control worker error"));
  control.on("failed", (job, err) => ctx.logger.warn({ jobId: job?.id, tenantId: job?.data.tenantId, err: err.message }, "campaign job failed"));
  workers.push(control);

  const refresh = async () => {
    for (const id of await ctx.redis.smembers(ctx.pacer.sendersKey())) await openSender(id);
  };
  const sweep = async () => {
    let campaigns = await ctx.repo.active(new Date(Date.now() - s.followHours * 3600_000));
    if (s.sweepScope === "own" && campaigns.length) {
      const own = await ctx.redis.smismember(ownKey(ctx.prefix), ...campaigns.map((c) => c.id));
      campaigns = campaigns.filter((_, i) => own[i] === 1);
    }
    for (const c of campaigns) {
      if (c.status === "scheduled") {
        const delay = Math.max(0, (c.scheduledAt?.getTime() ?? Date.now()) - Date.now());
        await ctx.control.add("start", { tenantId: c.tenantId, campaignId: c.id, version: c.version }, { jobId: startJobId(c.id, c.version), delay });
      } else if (c.status === "running" || c.status === "paused") {
        await addTick(ctx, c.tenantId, c.id, s.tickMs);
      } else {
        await ctx.repo.syncStatuses(c.tenantId, c.id);
      }
    }
  };
  const guard = (what: string, fn: () => Promise<void>) => () => void fn().catch((err: unknown) => ctx.logger.warn({ err }, `campaign ${what} failed`));
  const refreshTimer = setInterval(guard("sender refresh", refresh), 1000);
  const sweepTimer = setInterval(guard("sweep", sweep), s.sweepEveryMs);
  refreshTimer.unref();
  sweepTimer.unref();
  guard("sender refresh", refresh)();
  guard("sweep", sweep)();

  return {
    workers,
    refresh,
    sweep,
    async close() {
      closing = true;
      clearInterval(refreshTimer);
      clearInterval(sweepTimer);
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
