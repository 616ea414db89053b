// The control queue (`campaigns`): `start` at scheduledAt, then a `tick` every tickMs while
// the campaign runs or is paused. A tick: reclaims dead workers' rows (repo.reconcile),
// lets recipients follow their Messages (every 5th tick, and at the end), raises a slowed
// pace after a quiet spell, feeds the sender's queue a few seconds ahead, and completes the
// campaign when nothing is pending or sending. Tick ids are time slots, so two chains merge.
import type { Job } from "bullmq";
import { allowedRate, tickSlot, type CampaignContext } from "./context.js";
import { resolveAudience } from "./audience.js";
import { sendJobId, tickJobId, type ControlJob, type SendJob } from "./types.js";

export function controlProcessor(ctx: CampaignContext, onSender: (accountId: string) => Promise<void>) {
  return async (job: Job<ControlJob>): Promise<string> => {
    if (job.name === "start") return start(ctx, job.data, onSender);
    if (job.name === "tick") return tick(ctx, job.data, job.id ?? "");
    return "unknown-job";
  };
}

async function start(ctx: CampaignContext, data: ControlJob, onSender: (accountId: string) => Promise<void>): Promise<string> {
  const { tenantId, campaignId, version } = data;
  const c = await ctx.repo.get(tenantId, campaignId);
  if (!c || c.status !== "scheduled" || c.version !== version) return "stale";
  // recipients: those the caller gave at schedule time, else the audience resolved now (idempotent)
  if ((await ctx.repo.countRecipients(tenantId, campaignId)) === 0) {
    const ids = await resolveAudience(ctx.sql, tenantId, c.channel, c.audience);
    await ctx.repo.materialize(tenantId, campaignId, c.channel, ids);
  }
  const account = await ctx.pipeline.tenants.accountFor(tenantId, c.channel);
  if (account) {
    await ctx.pacer.register(account.id, allowedRate(ctx.settings, account));
    await onSender(account.id);
  }
  if (!(await ctx.repo.markRunning(tenantId, campaignId, version!))) return "stale";
  ctx.logger.info({ tenantId, campaignId, sender: account?.id ?? null }, "campaign started");
  await addTick(ctx, tenantId, campaignId, 0);
  return "started";
}

export async function addTick(ctx: CampaignContext, tenantId: string, campaignId: string, delayMs: number): Promise<void> {
  const at = Date.now() + delayMs;
  await ctx.control.add("tick", { tenantId, campaignId }, { jobId: tickJobId(campaignId, tickSlot(ctx.settings.tickMs, at)), delay: delayMs });
}

async function tick(ctx: CampaignContext, data: ControlJob, jobId: string): Promise<string> {
  const { tenantId, campaignId } = data;
  const { repo, settings: s } = ctx;
  const c = await repo.get(tenantId, campaignId);
  if (!c) return "inactive";
  // a cancelled campaign is still looked after until no row is left mid-send
  const settling = c.status === "cancelled" && (await repo.hasSending(tenantId, campaignId));
  if (c.status !== "running" && c.status !== "paused" && !settling) return "inactive";
  const r = await repo.reconcile(tenantId, campaignId, s.leaseMs, s.uncertainAfterMs, s.maxAttempts);
  if (r.released || r.exhausted || r.uncertain) ctx.logger.warn({ tenantId, campaignId, ...r }, "campaign rows of a stopped worker resolved");
  const slot = Number(jobId.split(":")[2] ?? 0);
  if (slot % 5 === 0 || r.released || r.uncertain) await repo.syncStatuses(tenantId, campaignId);
  if (c.status === "running") {
    const account = await ctx.pipeline.tenants.accountFor(tenantId, c.channel);
    if (!account) {
      ctx.logger.warn({ tenantId, campaignId, channel: c.channel }, "campaign has no sending account");
    } else {
      // the pace lives in Redis: registered again if it was lost (the set tells workers to serve it)
      if (!(await ctx.pacer.current(account.id))) await ctx.pacer.register(account.id, allowedRate(s, account));
      await ctx.pacer.recover(account.id);
      await feed(ctx, tenantId, campaignId, account.id, allowedRate(s, account));
    }
    if (await repo.completeIfDone(tenantId, campaignId)) {
      await repo.syncStatuses(tenantId, campaignId);
      await ctx.redis.del(feedKey(ctx, campaignId));
      ctx.logger.info({ tenantId, campaignId }, "campaign completed");
      return "completed";
    }
  }
  await addTick(ctx, tenantId, campaignId, s.tickMs);
  return c.status;
}

const feedKey = (ctx: CampaignContext, campaignId: string) => `${ctx.prefix}:campaign-feed:${campaignId}`;

/**
 * Keep the sender's queue `feedAheadSeconds` of its rate deep: pending rows after the
 * cursor, in id order; once the cursor has passed them all, from the start again (rows
 * released by a rate limit or a dead worker; their job ids carry the claim count, and a row
 * whose job is still queued is a no-op to add).
 */
async function feed(ctx: CampaignContext, tenantId: string, campaignId: string, accountId: string, rate: number): Promise<void> {
  const q = ctx.pacer.queue(accountId);
  const want = Math.ceil(rate * ctx.settings.feedAheadSeconds) - (await q.getWaitingCount());
  if (want <= 0) return;
  const key = feedKey(ctx, campaignId);
  const cursor = await ctx.redis.get(key);
  let rows = await ctx.repo.pendingAfter(tenantId, campaignId, cursor, want);
  if (rows.length) await ctx.redis.set(key, rows[rows.length - 1]!.id, "EX", 7 * 24 * 3600);
  if (rows.length < want && cursor) {
    const again = await ctx.repo.pendingAfter(tenantId, campaignId, null, want - rows.length);
    const seen = new Set(rows.map((x) => x.id));
    rows = rows.concat(again.filter((x) => !seen.has(x.id)));
    if (!again.length) await ctx.redis.del(key);
  }
  if (!rows.length) return;
  await q.addBulk(rows.map((x) => ({
    name: "send",
    data: { tenantId, campaignId, recipientId: x.id, accountId } satisfies SendJob,
    opts: { jobId: sendJobId(x.id, x.attempts) },
  })));
}
