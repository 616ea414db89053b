// Request schemas of the admin API (/api/v1). Documented in api/README.md.
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
