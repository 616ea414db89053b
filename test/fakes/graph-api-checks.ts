// Request checks of the fake Graph API: what Graph refuses, refused the way Graph does
// (real error envelopes from test/fixtures/whatsapp/). Kept apart from the server plumbing.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";

/** A JSON fixture from test/fixtures/whatsapp/, e.g. whatsappFixture("error-190-oauth.json"). */
export function whatsappFixture<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/whatsapp/${file}`, import.meta.url), "utf8")) as T;
}

export interface GraphErrorBody {
  error: { message: string; type: string; code: number; fbtrace_id?: string; [k: string]: unknown };
}

export interface Refusal {
  status: number;
  body: GraphErrorBody;
}

function traced(body: GraphErrorBody): GraphErrorBody {
  return { error: { ...body.error, fbtrace_id: randomBytes(12).toString("base64url") } };
}

/** Graph's answer to a missing, unknown or wrong access token. */
export function invalidToken(): Refusal {
  return { status: 401, body: traced(whatsappFixture<GraphErrorBody>("error-190-oauth.json")) };
}

/** The token is valid but does not own this phone_number_id (or the id does not exist). */
export function objectNotFound(phoneNumberId: string): Refusal {
  const body = whatsappFixture<GraphErrorBody>("error-100-object-not-found.json");
  const message = body.error.message.replace(/'[^']*'/, `'${phoneNumberId}'`);
  return { status: 400, body: traced({ error: { ...body.error, message } }) };
}

/** Code 100 "Invalid parameter" with the reason in error_data.details. */
export function invalidParameter(details: string): Refusal {
  const body = whatsappFixture<GraphErrorBody>("error-100-invalid-parameter.json");
  const error = { ...body.error, error_data: { messaging_product: "whatsapp", details } };
  return { status: 400, body: traced({ error }) };
}

/** A path Graph does not route (wrong version segment, wrong edge). */
export function unknownPath(path: string): Refusal {
  return {
    status: 400,
    body: traced({ error: { message: `Unknown path components: ${path}`, type: "OAuthException", code: 2500 } }),
  };
}

const str = (min: number, max: number, what: string) =>
  z.string(`${what} must be a string`).refine((s) => s.trim().length >= min && s.length <= max, `${what} must be ${min}-${max} characters`);

const common = {
  messaging_product: z.literal("whatsapp", "messaging_product must be \"whatsapp\""),
  recipient_type: z.literal("individual").optional(),
  to: z.string().regex(/^\+?\d{5,20}$/, "Parameter 'to' is not a valid WhatsApp user phone number."),
  context: z.object({ message_id: str(1, 512, "context.message_id") }).optional(),
  biz_opaque_callback_data: z.string().max(512, "biz_opaque_callback_data must be at most 512 characters").optional(),
};

const replyButton = z.object({
  type: z.literal("reply", "button type must be \"reply\""),
  reply: z.object({ id: str(1, 256, "button id"), title: str(1, 20, "button title") }),
});

/** Media by link: Graph fetches it itself, so it must be a public http(s) URL. */
const mediaLink = z.string().regex(/^https?:\/\/\S+$/, "image link must be an http(s) URL");
/** A template's header (an image here) or body parameters (text, at most 1024 characters, one line). */
const templateComponent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), parameters: z.array(z.object({ type: z.literal("image"), image: z.object({ link: mediaLink }) })).length(1, "an image header takes one parameter") }),
  z.object({
    type: z.literal("body"),
    parameters: z.array(z.object({
      type: z.literal("text"),
      text: str(1, 1024, "template parameter").refine((t) => !/[\n\t]| {5,}/.test(t), "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"),
    })),
  }),
]);

const messageSchema = z.discriminatedUnion("type", [
  z.object({
    ...common,
    type: z.literal("text"),
    text: z.object({ body: str(1, 4096, "text['body']"), preview_url: z.boolean().optional() }, "text is required"),
  }),
  z.object({
    ...common,
    type: z.literal("interactive"),
    interactive: z.object({
      type: z.literal("button", "only interactive type \"button\" is supported by this fake"),
      header: z.object({ type: z.literal("image"), image: z.object({ link: mediaLink }) }).optional(),
      body: z.object({ text: str(1, 1024, "interactive body text") }),
      action: z.object({
        buttons: z
          .array(replyButton)
          .min(1, "at least 1 button")
          .max(3, "at most 3 buttons")
          .refine((b) => new Set(b.map((x) => x.reply.id)).size === b.length, "button ids must be unique")
          .refine((b) => new Set(b.map((x) => x.reply.title)).size === b.length, "button titles must be unique"),
      }),
    }),
  }),
  z.object({
    ...common,
    type: z.literal("template"),
    template: z.object({
      name: str(1, 512, "template name"),
      language: z.object({ code: str(2, 15, "language code") }),
      components: z.array(templateComponent).optional(),
    }),
  }),
  z.object({
    ...common,
    type: z.literal("image"),
    image: z.object({ link: mediaLink, caption: str(1, 1024, "image caption").optional() }, "image is required"),
  }),
]);

const readSchema = z.object({
  messaging_product: z.literal("whatsapp"),
  status: z.literal("read"),
  message_id: str(1, 512, "message_id"),
});

export type BodyCheck = { kind: "message" | "read" } | { refusal: Refusal };

/** Checks a POST …/messages body like Graph would; the first problem becomes the details. */
export function checkMessagesBody(body: unknown): BodyCheck {
  if (typeof body !== "object" || body === null) return { refusal: invalidParameter("request body must be a JSON object") };
  if ((body as { status?: unknown }).status !== undefined) {
    const read = readSchema.safeParse(body);
    return read.success ? { kind: "read" } : { refusal: invalidParameter(read.error.issues[0]?.message ?? "invalid") };
  }
  const parsed = messageSchema.safeParse(body);
  if (parsed.success) return { kind: "message" };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
  return { refusal: invalidParameter(`${issue?.message ?? "invalid"}${where}`) };
}
