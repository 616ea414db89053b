// zod schemas of the WhatsApp Cloud API webhook (the parts we read). The envelope is
// checked loosely so one bad message or status never sinks its batch; each message and
// status is then checked on its own (see parse.ts).
import { z } from "zod";

const nonEmpty = z.string().min(1);
/** Unix seconds as a decimal string, e.g. "1730231903". */
export const unixSeconds = z.string().regex(/^\d{1,12}$/, "timestamp must be unix seconds");

export const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

const contactSchema = z.object({
  wa_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});

/** `value` of a change whose field is "messages". Items stay unknown until checked one by one. */
export const messagesValueSchema = z.object({
  messaging_product: z.literal("whatsapp").optional(),
  metadata: z.object({ phone_number_id: nonEmpty, display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const contactsSchema = z.array(z.unknown()).transform((items) =>
  items.flatMap((item) => {
    const parsed = contactSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  }),
);

export const messageBaseSchema = z.object({
  from: nonEmpty,
  id: nonEmpty,
  timestamp: unixSeconds,
  type: nonEmpty,
  context: z.object({ id: z.string().optional(), from: z.string().optional() }).optional(),
});

export const textSchema = z.object({ text: z.object({ body: z.string() }) });

const replySchema = z.object({ id: nonEmpty, title: z.string(), description: z.string().optional() });
export const interactiveSchema = z.object({
  interactive: z
    .object({
      type: nonEmpty,
      button_reply: replySchema.optional(),
      list_reply: replySchema.optional(),
    })
    .refine((i) => (i.type === "button_reply" ? i.button_reply : i.type === "list_reply" ? i.list_reply : true), {
      message: "reply object missing for its interactive type",
    }),
});

/** Template quick-reply tap: `type: "button"`; `payload` is what the template defined. */
export const buttonSchema = z.object({
  button: z.object({ text: z.string(), payload: z.string().optional() }),
});

export const mediaSchema = z.object({
  id: nonEmpty,
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

export const locationSchema = z.object({
  location: z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  }),
});

/** An empty or missing emoji means the person removed their reaction. */
export const reactionSchema = z.object({
  reaction: z.object({ message_id: nonEmpty, emoji: z.string().optional() }),
});

export const errorItemSchema = z.object({
  code: z.union([z.number().int(), z.string()]),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});

export const statusSchema = z.object({
  id: nonEmpty,
  status: z.enum(["sent", "delivered", "read", "failed"]),
  timestamp: unixSeconds,
  recipient_id: nonEmpty,
  errors: z.array(errorItemSchema).optional(),
  biz_opaque_callback_data: z.string().optional(),
});

export type MessageBase = z.infer<typeof messageBaseSchema>;
export type ErrorItem = z.infer<typeof errorItemSchema>;
