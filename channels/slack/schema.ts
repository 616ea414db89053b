// zod schemas of what Slack sends us: Events API envelopes (message.im, app_mention),
// slash-command forms and block_actions interactivity payloads. Only the fields we read
// are declared; everything else passes through (`loose`), as Slack adds fields freely.
import { z } from "zod";

/** Slack ids: T… team, U…/W… user, C…/D…/G… conversation, B… bot. */
const id = z.string().regex(/^[A-Z0-9_]{2,64}$/, "not a Slack id");
/** Slack message timestamps ("1726133700.887259") are ids, not numbers. */
const ts = z.string().regex(/^\d{1,12}(\.\d{1,9})?$/, "not a Slack ts");

export const fileSchema = z.looseObject({
  id,
  name: z.string().optional(),
  mimetype: z.string().optional(),
  filetype: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  url_private_download: z.string().optional(),
  url_private: z.string().optional(),
});

/** `message` events (we act on channel_type "im" only) and `app_mention` events. */
export const messageEventSchema = z.looseObject({
  type: z.enum(["message", "app_mention"]),
  subtype: z.string().optional(),
  user: id.optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts,
  thread_ts: ts.optional(),
  channel: id,
  channel_type: z.string().optional(),
  files: z.array(fileSchema).optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export const eventCallbackSchema = z.looseObject({
  type: z.literal("event_callback"),
  team_id: id,
  api_app_id: z.string().optional(),
  event_id: z.string().optional(),
  event_time: z.number().optional(),
  event: z.looseObject({ type: z.string() }),
  authorizations: z.array(z.looseObject({ team_id: id.nullable().optional(), user_id: id.optional(), is_bot: z.boolean().optional() })).optional(),
});
export type EventCallback = z.infer<typeof eventCallbackSchema>;

/** A slash command, as the form fields Bolt decodes into an object of strings. */
export const slashCommandSchema = z.looseObject({
  team_id: id,
  channel_id: id,
  user_id: id,
  user_name: z.string().optional(),
  command: z.string().startsWith("/"),
  text: z.string().default(""),
  trigger_id: z.string().min(1).max(255),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

export const blockActionSchema = z.looseObject({
  type: z.string(),
  action_id: z.string().min(1).max(255),
  block_id: z.string().optional(),
  value: z.string().optional(),
  text: z.looseObject({ text: z.string() }).optional(),
  action_ts: ts,
});

export const blockActionsSchema = z.looseObject({
  type: z.literal("block_actions"),
  user: z.looseObject({ id, username: z.string().optional(), name: z.string().optional(), team_id: id.optional() }),
  team: z.looseObject({ id }).nullable().optional(),
  channel: z.looseObject({ id }).optional(),
  container: z
    .looseObject({ type: z.string(), message_ts: ts.optional(), thread_ts: ts.optional(), channel_id: id.optional() })
    .optional(),
  message: z.looseObject({ ts: ts.optional(), thread_ts: ts.optional() }).optional(),
  trigger_id: z.string().optional(),
  actions: z.array(blockActionSchema).min(1),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;
