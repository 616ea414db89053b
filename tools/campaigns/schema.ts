// The campaign tools' names, zod schemas and descriptions (what the model sees). Owners only.
import { z } from "zod";

export const PLAN_CAMPAIGN = "plan_campaign";
export const LAUNCH_CAMPAIGN = "launch_campaign";
export const REVISE_CAMPAIGN = "revise_campaign";
export const CAMPAIGN_CONTROL = "campaign_control";
export const CAMPAIGN_RESULTS = "campaign_results";

const audience = z.object({
  tags: z.array(z.string().trim().min(1).max(100)).max(20).optional().describe("Contacts with any of these tags."),
  interests: z.array(z.string().trim().min(2).max(60)).max(10).optional()
    .describe("Words the contacts used in their own messages, e.g. [\"facial\"] for “everyone who asked about facials”."),
  lastInteractionDays: z.number().int().min(1).max(3650).optional().describe("Only people who wrote within this many days."),
  booked: z.boolean().optional().describe("true: only people who have booked; false: only people who have never booked."),
});

const variants = z.array(z.string().trim().min(1).max(700)).min(1).max(3).optional()
  .describe("2–3 versions of the message you wrote in the business's voice (short; no links). Leave out to use standard wording.");

export const planCampaignSchema = z.object({
  name: z.string().trim().min(1).max(120).optional().describe("A short name; default from the offer and day."),
  goal: z.string().trim().max(300).optional().describe("What the campaign is for, e.g. “fill Friday's facial slots”."),
  offer: z.string().trim().min(1).max(300).describe("The offer in a few words, e.g. “20% off facials”."),
  audience: audience.default({}).describe("Who gets it. Only people who opted in to offers are ever included."),
  channel: z.enum(["whatsapp", "sms"]).default("whatsapp"),
  when: z.string().trim().max(100).optional().describe("When to send, in the owner's words: “Friday”, “tomorrow 6pm”, “now”."),
  variants,
  picture: z.boolean().default(false).describe("Make a picture for the campaign."),
});
export type PlanCampaignArgs = z.infer<typeof planCampaignSchema>;

const ref = z.string().trim().max(120).default("latest")
  .describe("Which campaign: “Friday's”, words of its name, or “latest”.");

export const launchCampaignSchema = z.object({ campaign: ref });

export const launchActionSchema = z.object({
  tool: z.literal(LAUNCH_CAMPAIGN),
  campaignId: z.uuid(),
  version: z.number().int().min(1),
});
export type LaunchAction = z.infer<typeof launchActionSchema>;

export const reviseCampaignSchema = z.object({
  campaign: ref,
  name: z.string().trim().min(1).max(120).optional(),
  goal: z.string().trim().max(300).optional(),
  offer: z.string().trim().min(1).max(300).optional(),
  audience: audience.optional().describe("The whole new audience (replaces the old one)."),
  channel: z.enum(["whatsapp", "sms"]).optional(),
  when: z.string().trim().max(100).optional(),
  variants,
  use_variant: z.number().int().min(1).max(3).optional().describe("Switch to variant n of those shown."),
  picture: z.boolean().optional(),
});

export const campaignControlSchema = z.object({
  campaign: ref,
  action: z.enum(["pause", "resume", "cancel"]),
});

export const campaignResultsSchema = z.object({ campaign: ref });

export const planCampaignDescription =
  "Plan a marketing campaign from the owner's request (offer, audience, channel, day, optional picture). " +
  "Creates a draft and returns a preview: audience size (opted-in people only), estimated cost, the message and the picture link. " +
  "Nothing is sent. To send it, call launch_campaign, which asks the owner to approve with buttons.";
export const launchCampaignDescription =
  "Ask the owner to approve a planned campaign (Approve / Reject buttons with the preview); on approval it is scheduled. " +
  "Do not ask for confirmation yourself.";
export const reviseCampaignDescription =
  "Change a planned or scheduled (not yet started) campaign: offer, audience, day, wording, picture, or which variant. " +
  "It goes back to draft and needs approving again (call launch_campaign after).";
export const campaignControlDescription = "Pause, resume or cancel a campaign.";
export const campaignResultsDescription =
  "How a campaign did: sent, delivered, read, failed, and the replies, bookings and payments that followed it.";
