// Tenant.settings.campaigns: the approved WhatsApp marketing template campaigns go out as
// (outside the 24-hour window nothing else may be sent) and the attribution window.
//   { "campaigns": { "whatsappTemplate": { "name": "weekly_offer", "language": "en_GB",
//                                          "variables": ["business", "offer", "when"], "headerImage": true },
//                    "attributionHours": 72 } }
// Each variable names what fills the template's {{1}}, {{2}}, … in order.
import { z } from "zod";

export const TEMPLATE_VARIABLES = ["business", "offer", "when", "message", "cta"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const whatsappTemplateSchema = z.object({
  /** The template's name as approved in WhatsApp Manager (lowercase, digits, underscores). */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "a WhatsApp template name is lowercase letters, digits and underscores"),
  /** Its language code, e.g. "en_GB". */
  language: z.string().min(2).max(15),
  /** What fills {{1}}, {{2}}, … (in order). */
  variables: z.array(z.enum(TEMPLATE_VARIABLES)).max(10).default(["message"]),
  /** The template's header is an image: the campaign's picture fills it (a campaign without one is not sent with it). */
  headerImage: z.boolean().default(false),
});
export type WhatsAppTemplate = z.infer<typeof whatsappTemplateSchema>;

export const campaignSettingsSchema = z.object({
  whatsappTemplate: whatsappTemplateSchema.optional(),
  /** Replies, bookings and payments this many hours after a send count for the campaign. */
  attributionHours: z.number().int().min(1).max(24 * 30).optional(),
});
export type CampaignPlanSettings = z.infer<typeof campaignSettingsSchema>;

/** Read leniently: an invalid block counts as absent (and says why), never a crash. */
export function campaignSettingsFrom(settings: unknown): { settings: CampaignPlanSettings; problem?: string } {
  const raw = (settings as { campaigns?: unknown } | null)?.campaigns;
  if (raw === undefined || raw === null) return { settings: {} };
  const r = campaignSettingsSchema.safeParse(raw);
  if (r.success) return { settings: r.data };
  return { settings: {}, problem: `the campaign settings are not valid (${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message})` };
}
