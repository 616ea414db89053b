// Request schemas of the admin API (/api/v1). Documented in the root README (Admin API).
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lowercase letters, digits and dashes, 2-63 characters");
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "not an IANA time zone");

export const createTenantSchema = z.object({
  slug,
  name: z.string().trim().min(1).max(120),
  timezone: timezone.default("UTC"),
  locale: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default("en"),
  currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code").default("USD"),
  helpText: z.string().max(1000).optional(),
});

export const whatsappAccountSchema = z.object({
  phoneNumberId: z.string().regex(/^\d{5,32}$/, "the numeric phone_number_id from Meta"),
  accessToken: z.string().min(20).max(2048),
  /** The tenant's own Meta app secret, when its webhooks come from its own app. */
  appSecret: z.string().min(16).max(256).optional(),
  displayPhoneNumber: z.string().max(32).optional(),
});

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 number, e.g. +14155550123");

/** A Twilio number: its SMS and/or voice channel accounts (credentials of the number's own account or subaccount). */
export const twilioAccountSchema = z
  .object({
    phoneNumber: e164,
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "AC followed by 32 hex digits"),
    authToken: z.string().trim().min(16).max(256),
    sms: z.boolean().default(true),
    voice: z.boolean().default(true),
    /** Where the voice agent forwards a caller who asks for a person. */
    forwardTo: e164.optional(),
  })
  .refine((b) => b.sms || b.voice, { message: "enable sms, voice or both", path: ["sms"] });

/** A Slack workspace the GrowAI app is installed in (its bot token from the install). */
export const slackAccountSchema = z.object({
  teamId: z.string().regex(/^T[A-Z0-9]{2,31}$/, "the workspace's team_id (T…)"),
  botToken: z.string().regex(/^xoxb-[A-Za-z0-9-]{10,250}$/, "a bot token (xoxb-…)"),
  botUserId: z.string().regex(/^[UW][A-Z0-9]{2,31}$/, "the bot's user id (U…)").optional(),
  displayName: z.string().max(120).optional(),
});

export const ownerSchema = z.object({
  channel: z.enum(["whatsapp", "sms", "voice", "slack", "web"]),
  address: z.string().trim().min(1).max(128),
  displayName: z.string().max(120).optional(),
});

export const knowledgeSchema = z.object({
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(20_000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  before: z.iso.datetime().optional(),
});

export const uuidParam = z.uuid();

export const whatsappTemplateSchema = z.object({
  /** An approved template with one body variable ({{1}}) that carries the reply. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "a WhatsApp template name (lowercase, digits, underscores)"),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a template language code such as en or en_GB"),
});

export const messageQuerySchema = z.object({
  status: z.enum(["held", "failed", "queued", "sending"]),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
