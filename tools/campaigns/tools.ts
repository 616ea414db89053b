// The owners' campaign tools. Each reads the tenant from the run context (ownerContextFrom:
// a lead's context throws before anything is touched) and calls CampaignTools.
// launch_campaign pauses for the owner's approval (LangGraph interrupt) with the preview
// as the summary; only Approve schedules, and only the version that was shown.
import { tool } from "@langchain/core/tools";
import { AppError } from "../../core/errors.js";
import { approvalId, awaitApproval, settled } from "../approval.js";
import { ownerContextFrom } from "../context.js";
import {
  CAMPAIGN_CONTROL, CAMPAIGN_RESULTS, LAUNCH_CAMPAIGN, PLAN_CAMPAIGN, REVISE_CAMPAIGN,
  campaignControlDescription, campaignControlSchema, campaignResultsDescription, campaignResultsSchema,
  launchActionSchema, launchCampaignDescription, launchCampaignSchema, planCampaignDescription, planCampaignSchema,
  reviseCampaignDescription, reviseCampaignSchema, type LaunchAction,
} from "./schema.js";
import type { CampaignPreview, CampaignTools } from "./types.js";

const previewResult = (p: CampaignPreview, next: string) =>
  JSON.stringify({ campaign_id: p.campaignId, version: p.version, status: p.status, preview: p.text, next });

export function planCampaignTool(c: CampaignTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, PLAN_CAMPAIGN);
      const r = await c.plan(ctx.tenantId, { conversationId: ctx.conversationId }, {
        offer: args.offer, audience: args.audience, channel: args.channel, picture: args.picture,
        name: args.name, goal: args.goal, when: args.when, variants: args.variants,
      });
      if (!r.ok) return JSON.stringify({ error: r.message });
      return previewResult(r.preview, "Call launch_campaign to ask the owner to approve it, or revise_campaign for changes.");
    },
    { name: PLAN_CAMPAIGN, description: planCampaignDescription, schema: planCampaignSchema },
  );
}

export function reviseCampaignTool(c: CampaignTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, REVISE_CAMPAIGN);
      const r = await c.revise(ctx.tenantId, args.campaign, {
        name: args.name, goal: args.goal, offer: args.offer, audience: args.audience, channel: args.channel, when: args.when,
        variants: args.variants, useVariant: args.use_variant, picture: args.picture,
      });
      if (!r.ok) return JSON.stringify({ error: r.message });
      return previewResult(r.preview, "Changed and back to draft: call launch_campaign so the owner approves this version.");
    },
    { name: REVISE_CAMPAIGN, description: reviseCampaignDescription, schema: reviseCampaignSchema },
  );
}

export function launchCampaignTool(c: CampaignTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, LAUNCH_CAMPAIGN);
      const callId = config.toolCall?.id;
      if (!callId) throw new AppError("internal", "launch_campaign needs a tool call id");
      const p = await c.prepareLaunch(ctx.tenantId, args.campaign);
      if (!p.ok) return [p.message, null];
      const id = approvalId(ctx.conversationId, callId);
      const summary = `send this campaign\n${p.preview.text}\nNothing is sent until you approve`;
      const proposed: LaunchAction = { tool: LAUNCH_CAMPAIGN, campaignId: p.preview.campaignId, version: p.preview.version };
      const picture = p.preview.imageUrl?.startsWith("https://") ? { imageUrl: p.preview.imageUrl } : {};
      const answer = awaitApproval({ kind: "approval", id, tenantId: ctx.tenantId, summary, action: proposed, ...picture });
      if (answer.decision === "reject") {
        return [`Not sent — “${p.preview.name}” stays a draft. Tell me what to change, or ask me to launch it when ready.`, settled(id, "rejected", summary)];
      }
      const action = launchActionSchema.parse(answer.action);
      const r = await c.launch(ctx.tenantId, action.campaignId, action.version);
      return [r.message, settled(id, "approved", summary)];
    },
    { name: LAUNCH_CAMPAIGN, description: launchCampaignDescription, schema: launchCampaignSchema, responseFormat: "content_and_artifact" },
  );
}

export function campaignControlTool(c: CampaignTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, CAMPAIGN_CONTROL);
      const r = await c.control(ctx.tenantId, args.campaign, args.action);
      return JSON.stringify({ ok: r.ok, message: r.message });
    },
    { name: CAMPAIGN_CONTROL, description: campaignControlDescription, schema: campaignControlSchema },
  );
}

export function campaignResultsTool(c: CampaignTools) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, CAMPAIGN_RESULTS);
      const r = await c.results(ctx.tenantId, args.campaign);
      return JSON.stringify({ ok: r.ok, message: r.message });
    },
    { name: CAMPAIGN_RESULTS, description: campaignResultsDescription, schema: campaignResultsSchema },
  );
}

export const CAMPAIGN_TOOL_NAMES: ReadonlySet<string> = new Set([PLAN_CAMPAIGN, LAUNCH_CAMPAIGN, REVISE_CAMPAIGN, CAMPAIGN_CONTROL, CAMPAIGN_RESULTS]);
