// One campaign send (queue `campaign-send-<accountId>`, paced by its BullMQ rate limit):
//   claim pending → sending (guarded; only while the campaign runs), with the contact's consent,
//   identity and last inbound read in the same statement → skip opted-out / invalid / outside
//   the window without a template → the call's slot (Pacer.gate) → in one statement the
//   conversation, our Message row (idempotency key per recipient, created `sending`) and the
//   row naming it → provider call → sent (Message and row in one statement), or released /
//   failed / left for the reconcile.
// The only window where a crash leaves the outcome unknown is from the Message going
// `sending` to the answer being written: repo.reconcile settles such a row by its receipt,
// resends it only when receipts are flowing and none came for it, else reports it uncertain.
import { creativeUrl } from "../creatives/service.js";
import { RateLimitError, Worker, type Job } from "bullmq";
import type { OutboundMessage } from "../../channels/types.js";
import { isSendFailure } from "../pipeline/outbox.js";
import type { CampaignContext } from "./context.js";
import type { ClaimedRecipient } from "./repo.js";
import type { SendJob } from "./types.js";

/** Rate-limit codes that mean "this sender is too fast" (not 131056, which is one recipient). */
const SENDER_RATE_CODES = new Set(["130429", "20429", "80007", "4", "613"]);

export function sendProcessor(ctx: CampaignContext) {
  return async (job: Job<SendJob>): Promise<string> => {
    const { tenantId, recipientId, accountId } = job.data;
    const row = await ctx.repo.claim(tenantId, recipientId);
    if (!row) return "not-pending"; // paused, cancelled, done, or another worker holds it
    try {
      return await sendClaimed(ctx, job, row, accountId);
    } catch (err) {
      // anything before the provider call (database, decrypt): the row goes back to pending
      if (err instanceof RateLimitError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await ctx.repo.markFailed(tenantId, recipientId, row.messageId, "error", `gave up after ${job.attemptsMade + 1} attempts: ${reason}`).catch(() => undefined);
        return "failed";
      }
      await ctx.repo.release(tenantId, recipientId, null, reason, true).catch(() => undefined);
      throw err;
    }
  };
}

/** The campaign's picture as a public https URL, or undefined (no picture, or no public base URL). */
function pictureOf(row: ClaimedRecipient, publicBaseUrl: string | undefined): string | undefined {
  if (!row.creativeToken || !row.creativeMime) return undefined;
  const url = creativeUrl(publicBaseUrl, row.creativeToken, row.creativeMime);
  return url && url.startsWith("https://") ? url : undefined;
}

/**
 * The approved template with its body parameters; an image-header template (the planner
 * stores `{ body, headerImage: true }`) carries the picture — without one it cannot be sent.
 */
function template(row: ClaimedRecipient, picture: string | undefined): OutboundMessage["template"] | "needs_picture" | undefined {
  if (!row.templateName) return undefined;
  const p = row.templateParams as unknown;
  const body = Array.isArray(p) ? p : p && typeof p === "object" && Array.isArray((p as { body?: unknown }).body) ? (p as { body: unknown[] }).body : [];
  const headerImage = !!p && typeof p === "object" && !Array.isArray(p) && (p as { headerImage?: unknown }).headerImage === true;
  if (headerImage && !picture) return "needs_picture";
  return { name: row.templateName, language: row.templateLanguage ?? "en", bodyParameters: body.map(String), ...(headerImage && picture ? { headerImageUrl: picture } : {}) };
}

async function sendClaimed(ctx: CampaignContext, job: Job<SendJob>, row: ClaimedRecipient, accountId: string): Promise<string> {
  const { tenantId } = job.data;
  const { repo, pipeline: d } = ctx;
  const log = ctx.logger.child({ tenantId, campaignId: row.campaignId, recipientId: row.id });
  const skip = async (reason: string) => {
    await repo.skip(tenantId, row.id, reason);
    return "skipped";
  };
  // consent and address, read in the claim itself: a STOP that landed before now is honoured
  if (row.consent === null) return skip("contact_gone: the contact was deleted");
  if (row.consent === "opted_out") return skip("opted_out: the contact opted out");
  if (row.invalidAt) return skip("invalid_address: the provider said this address cannot receive messages");

  const { account, credentials } = await d.tenants.credentials(tenantId, accountId);
  const sender = d.senders.get(account.channel);
  if (!sender || account.channel !== row.channel) {
    await repo.markFailed(tenantId, row.id, null, "not_configured", `no ${row.channel} sender is configured`);
    return "failed";
  }
  // the 24-hour rule: a business-initiated WhatsApp message outside the window must be an approved template
  const picture = row.channel === "whatsapp" ? pictureOf(row, ctx.settings.publicBaseUrl) : undefined;
  const tplOrNeed = row.channel === "whatsapp" ? template(row, picture) : undefined;
  if (tplOrNeed === "needs_picture") return skip("template_needs_picture: the template's header is an image and the campaign has no picture served at a public https URL");
  const tpl = tplOrNeed;
  const windowHours = sender.capabilities.freeFormWindowHours;
  if (windowHours && !tpl && (!row.lastInboundAt || Date.now() - row.lastInboundAt.getTime() > windowHours * 3600_000)) {
    return skip(`outside_window: no message from the contact in the last ${windowHours} hours and the campaign has no approved template`);
  }

  // the call's own slot (jobs that started apart can arrive together), taken before the
  // Message goes `sending`, so a worker dying while it waits leaves nothing uncertain. A slot
  // too far away (more jobs started than the pace allows), or voided by a 429 meanwhile →
  // the row goes back and the queue waits a little. Waiting never outlasts a quarter lease.
  const maxWaitMs = ctx.settings.leaseMs / 4;
  if (!(await ctx.pacer.gate(accountId, maxWaitMs))) {
    await repo.release(tenantId, row.id, null, "waiting for a send slot", true);
    await ctx.pacer.queue(accountId).rateLimit(Math.min(1000, maxWaitMs / 2));
    throw Worker.RateLimitError();
  }

  // the conversation a lead's own messages land in: WhatsApp keys it by the wa_id (no "+")
  const to = row.channel === "whatsapp" ? row.address.replace(/^\+/, "") : row.address;
  const prepare = () => repo.prepareMessage({
    tenantId, recipientId: row.id, campaignId: row.campaignId, contactId: row.contactId, accountId, channel: row.channel, key: to, text: row.body,
  });
  let { messageId, claimed } = await prepare();
  if (!messageId) ({ messageId, claimed } = await prepare()); // a conversation insert raced another: once more finds it
  if (!messageId) throw new Error("could not store the campaign message");
  if (!claimed) return settleFromMessage(ctx, tenantId, row.campaignId, row.id, messageId);
  try {
    const res = await sender.send(
      { externalId: account.externalId, credentials },
      { to, text: row.body, callbackData: messageId, ...(tpl ? { template: tpl } : picture ? { imageUrl: picture } : {}) },
    );
    await repo.markSent(tenantId, row.id, messageId, res.providerMessageId);
    d.metrics.sends.inc({ channel: row.channel, status: "sent" });
    return "sent";
  } catch (err) {
    if (!isSendFailure(err)) {
      // not a provider answer (a bug, an abort before the request): nothing was accepted
      const reason = err instanceof Error ? err.message : String(err);
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await repo.markFailed(tenantId, row.id, messageId, "error", `gave up after ${job.attemptsMade + 1} attempts: ${reason}`);
        return "failed";
      }
      await repo.release(tenantId, row.id, messageId, reason, true);
      throw err;
    }
    if (err.disposition === "retry" && err.outcomeUnknown) {
      // it may be out: never sent again; a receipt settles it, else the reconcile reports it uncertain
      await d.messages.markUncertain(tenantId, messageId, err.message);
      log.warn({ code: err.providerCode }, "campaign send outcome unknown; waiting for a receipt");
      return "uncertain";
    }
    if (err.disposition === "retry") {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (err.code === "rate_limited" && SENDER_RATE_CODES.has(err.providerCode ?? "")) {
        // the sender is too fast: back to pending (not an attempt), the whole queue slows down
        await repo.release(tenantId, row.id, messageId, `${err.providerCode}: ${err.message}`, true);
        await ctx.pacer.slowDown(accountId, err.retryAfterMs ?? 1000);
        log.warn({ code: err.providerCode }, "provider rate limit: slowing this sender");
        throw Worker.RateLimitError();
      }
      if (!lastAttempt) {
        await repo.release(tenantId, row.id, messageId, `${err.providerCode ?? err.code}: ${err.message}`, true);
        throw err; // BullMQ backoff
      }
    }
    if (err.providerCode === "21610") await d.contacts.setConsent(tenantId, row.contactId, "opted_out");
    if (err.providerCode === "21211" || err.providerCode === "21614") await d.contacts.markAddressInvalid(tenantId, row.channel, row.address);
    await repo.markFailed(tenantId, row.id, messageId, err.providerCode ?? err.code, err.message);
    d.metrics.sends.inc({ channel: row.channel, status: "failed" });
    return "failed";
  }
}

/** An earlier attempt got past `queued`: follow the Message instead of sending again. */
async function settleFromMessage(ctx: CampaignContext, tenantId: string, campaignId: string, recipientId: string, messageId: string): Promise<string> {
  const m = await ctx.repo.messageState(tenantId, messageId);
  if (m && ["sent", "delivered", "read"].includes(m.status) && m.providerMessageId) {
    await ctx.repo.markSent(tenantId, recipientId, messageId, m.providerMessageId);
    await ctx.repo.syncStatuses(tenantId, campaignId);
    return "already-sent";
  }
  if (m && (m.status === "failed" || m.status === "held")) {
    await ctx.repo.markFailed(tenantId, recipientId, null, m.status, "an earlier attempt ended it");
    return "failed";
  }
  // still `sending`: the outcome of that attempt is unknown; the reconcile decides after the lease
  return "uncertain";
}
