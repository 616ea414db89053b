// The web chat channel: a small page and two endpoints. A message goes through the very
// same path as a WhatsApp webhook (inbound queue → turn → outbox); the reply comes back
// through the session's mailbox (channels/web/mailbox.ts), read by long polling.
import { readFileSync } from "node:fs";
import express, { Router } from "express";
import { z } from "zod";
import type { WebMailbox } from "./mailbox.js";
import { WindowLimiter } from "./limits.js";
import type { ChatSessions } from "./session.js";
import { AppError, NotFoundError } from "../../core/errors.js";
import type { Redis } from "../../core/redis.js";
import type { Queues } from "../pipeline/queues.js";
import { enqueueEvents } from "../http/ingress.js";
import type { AccountResolver } from "../http/resolver.js";
import { validate } from "../http/validate.js";

export interface WebChatDeps {
  resolver: AccountResolver;
  queues: Queues;
  mailbox: WebMailbox;
  redis: Redis;
  redisPrefix: string;
  sessions: ChatSessions;
  /** Messages per minute per chat session, and per client address (default 20 and 60). */
  perSessionPerMinute?: number;
  perAddressPerMinute?: number;
}

const postSchema = z.object({
  text: z.string().trim().min(1, "empty message").max(2000),
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  name: z.string().trim().max(80).optional(),
});
const pollSchema = z.object({
  after: z.string().regex(/^(0|\d+-\d+)$/).default("0"),
  wait: z.coerce.number().int().min(0).max(25_000).default(20_000),
});

const PAGE = readFileSync(new URL("./chat.html", import.meta.url), "utf8");
const TOKEN_HEADER = "x-chat-session";

export function webChatRoutes(d: WebChatDeps): Router {
  const r = Router();
  const limiter = new WindowLimiter(d.redis, `${d.redisPrefix}:web`);

  const account = async (slug: string | undefined) => {
    const resolved = slug ? await d.resolver.resolve("web", slug) : null;
    if (!resolved) throw new NotFoundError("chat");
    return resolved.account;
  };
  const session = (slug: string, token: string | undefined) => {
    const id = d.sessions.verify(slug, token);
    if (!id) throw new AppError("unauthorized", "missing or invalid chat session");
    return id;
  };

  r.get("/:slug", async (req, res) => {
    const a = await account(req.params.slug);
    res.type("html").send(PAGE.replaceAll("{{TITLE}}", escapeHtml(a.displayName ?? a.externalId)));
  });

  /** A new chat session: its id and the token that proves it. */
  r.post("/:slug/sessions", async (req, res) => {
    const a = await account(req.params.slug);
    if (!(await limiter.allow(`session:${req.ip}`, 30, 60_000))) throw new AppError("rate_limited", "too many new chats, please wait a minute");
    res.status(201).json(d.sessions.issue(a.externalId));
  });

  r.post("/:slug/messages", express.json({ limit: "16kb" }), async (req, res) => {
    const a = await account(req.params.slug);
    const sessionId = session(a.externalId, req.get(TOKEN_HEADER));
    const body = validate(postSchema, req.body);
    const ok =
      (await limiter.allow(`msg:${a.id}:${sessionId}`, d.perSessionPerMinute ?? 20, 60_000)) &&
      (await limiter.allow(`ip:${a.id}:${req.ip}`, d.perAddressPerMinute ?? 60, 60_000));
    if (!ok) throw new AppError("rate_limited", "too many messages, please wait a minute");
    // scoped to the session: one browser cannot collide with (or suppress) another's ids
    const providerMessageId = `${sessionId}:${body.clientMessageId}`;
    await enqueueEvents(d.queues, a.tenantId, a.id, [
      {
        type: "message",
        message: {
          channel: "web", receiver: a.externalId, providerMessageId, from: sessionId,
          ...(body.name ? { fromName: body.name } : {}), timestamp: new Date(), content: { kind: "text", text: body.text },
        },
      },
    ]);
    res.status(202).json({ accepted: body.clientMessageId });
  });

  r.get("/:slug/replies", async (req, res) => {
    const a = await account(req.params.slug);
    const sessionId = session(a.externalId, req.get(TOKEN_HEADER));
    const q = validate(pollSchema, req.query);
    const replies = await d.mailbox.read(a.externalId, sessionId, q.after, q.wait);
    res.json({ replies, cursor: replies.at(-1)?.id ?? q.after });
  });

  return r;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
