// What the campaign chat tools and the admin API call: schedule (or start now), pause,
// resume, cancel, and the results. Every call takes the tenant first; every transition is a
// guarded UPDATE, so a repeated or racing call changes nothing twice. Results the owner
// reads are synced from the Messages first (the status webhooks move those).
import { NotFoundError } from "../../core/errors.js";
import { ownKey, type CampaignContext } from "./context.js";
import { addTick } from "./control.js";
import type { CampaignStatus, RecipientStatus } from "./repo.js";
import { startJobId } from "./types.js";

export interface TransitionResult {
  /** Whether this call changed anything. */
  changed: boolean;
  status: CampaignStatus;
  /** One sentence for the owner. */
  message: string;
}

export interface CampaignStats {
  campaignId: string;
  status: CampaignStatus;
  total: number;
  counts: Record<RecipientStatus, number>;
  /** sent + delivered + read: accepted by the provider. */
  accepted: number;
  /** Failed rows whose provider call may have happened (a worker died mid-call, no receipt). */
  uncertain: number;
}

export class CampaignService {
  constructor(private readonly ctx: CampaignContext) {}

  private async campaign(tenantId: string, campaignId: string) {
    const c = await this.ctx.repo.get(tenantId, campaignId);
    if (!c) throw new NotFoundError("campaign");
    return c;
  }

  /**
   * Schedule the campaign at `at` (default now) — from draft, awaiting approval, or to move a
   * scheduled one. `contactIds`: the resolved audience (other tenants' contacts and contacts
   * without an identity on the campaign's channel are dropped); without it the campaign's
   * `audience` is resolved when it starts. The start is a delayed job in Redis
   * (`campaign-start:<id>:<version>`), so it survives restarts.
   */
  async schedule(tenantId: string, campaignId: string, opts: { at?: Date; contactIds?: string[] } = {}): Promise<TransitionResult & { recipients: number; scheduledAt: Date; version: number }> {
    const c = await this.campaign(tenantId, campaignId);
    const at = opts.at ?? new Date();
    if (Number.isNaN(at.getTime())) throw new Error("the start time is not a valid date");
    if (!["draft", "awaiting_approval", "scheduled"].includes(c.status)) {
      return { changed: false, status: c.status, message: `This campaign is ${c.status.replace("_", " ")}; it can't be scheduled again.`, recipients: 0, scheduledAt: at, version: c.version };
    }
    // marked before the commit, so the sweep can find it if the enqueue after it is lost
    await this.ctx.redis.sadd(ownKey(this.ctx.prefix), campaignId);
    if (opts.contactIds) await this.ctx.repo.materialize(tenantId, campaignId, c.channel, [...new Set(opts.contactIds)]);
    const done = await this.ctx.repo.schedule(tenantId, campaignId, at);
    if (!done) {
      const now = await this.campaign(tenantId, campaignId);
      return { changed: false, status: now.status, message: `This campaign is ${now.status}; it can't be scheduled.`, recipients: 0, scheduledAt: at, version: now.version };
    }
    const delay = Math.max(0, at.getTime() - Date.now());
    await this.ctx.control.add("start", { tenantId, campaignId, version: done.version }, { jobId: startJobId(campaignId, done.version), delay });
    const recipients = await this.ctx.repo.countRecipients(tenantId, campaignId);
    return {
      changed: true, status: "scheduled", recipients, scheduledAt: at, version: done.version,
      message: delay > 0 ? `Scheduled for ${at.toISOString()}.` : "Starting now.",
    };
  }

  /** Stop claiming new recipients; sends already under way finish. */
  async pause(tenantId: string, campaignId: string): Promise<TransitionResult> {
    await this.campaign(tenantId, campaignId);
    if (await this.ctx.repo.transition(tenantId, campaignId, "paused", "running")) {
      return { changed: true, status: "paused", message: "Paused. Messages already on their way will arrive; nobody else gets it until you resume." };
    }
    const c = await this.campaign(tenantId, campaignId);
    return { changed: false, status: c.status, message: c.status === "paused" ? "It is already paused." : `It is ${c.status}, not running, so there is nothing to pause.` };
  }

  async resume(tenantId: string, campaignId: string): Promise<TransitionResult> {
    await this.campaign(tenantId, campaignId);
    if (await this.ctx.repo.transition(tenantId, campaignId, "running", "paused")) {
      await addTick(this.ctx, tenantId, campaignId, 0);
      return { changed: true, status: "running", message: "Resumed: sending to the rest now." };
    }
    const c = await this.campaign(tenantId, campaignId);
    return { changed: false, status: c.status, message: c.status === "running" ? "It is already running." : `It is ${c.status}, not paused, so there is nothing to resume.` };
  }

  /** Cancel: nobody not yet sent to gets it (pending rows → cancelled in the same statement). */
  async cancel(tenantId: string, campaignId: string): Promise<TransitionResult & { cancelledRecipients: number }> {
    const before = await this.campaign(tenantId, campaignId);
    const r = await this.ctx.repo.cancel(tenantId, campaignId);
    if (r.cancelled) {
      // the start job would find the campaign cancelled anyway; removing it just tidies Redis
      await this.ctx.control.remove(startJobId(campaignId, before.version)).catch(() => 0);
      await addTick(this.ctx, tenantId, campaignId, this.ctx.settings.tickMs); // settles rows still mid-send
      return { changed: true, status: "cancelled", cancelledRecipients: r.recipients, message: `Cancelled. ${r.recipients} people who hadn't got it yet won't.` };
    }
    const c = await this.campaign(tenantId, campaignId);
    return { changed: false, status: c.status, cancelledRecipients: 0, message: `It is already ${c.status}.` };
  }

  /** Sent / delivered / read / failed so far (recipients follow their Messages first). */
  async stats(tenantId: string, campaignId: string): Promise<CampaignStats> {
    const c = await this.campaign(tenantId, campaignId);
    await this.ctx.repo.syncStatuses(tenantId, campaignId);
    const counts = await this.ctx.repo.counts(tenantId, campaignId);
    const uncertain = await this.ctx.repo.uncertainCount(tenantId, campaignId);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { campaignId, status: c.status, total, counts, accepted: counts.sent + counts.delivered + counts.read, uncertain };
  }

  /** Let recipient rows follow their Messages now (the tick does it every few seconds). */
  syncStatuses(tenantId: string, campaignId: string): Promise<number> {
    return this.ctx.repo.syncStatuses(tenantId, campaignId);
  }
}
