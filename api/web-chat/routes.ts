// The web chat channel: a small page and two endpoints. A message goes through the very
// same path as a WhatsApp webhook (inbound queue → turn → outbox); the reply comes back
// through the session's mailbox (channels/web/mailbox.ts), read by long polling.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import express, { Router } from "express";
import { z } from "zod";
import type { WebMailbox } from "./mailbox.js";
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
  /** Messages per minute one chat session may send. */
  perMinute?: number;
}

const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8-64 letters, digits, '-' or '_'");
const postSchema = z.object({
  sessionId,
  text: z.string().trim().min(1, "empty message").max(2000),
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
  name: z.string().trim().max(80).optional(),
});
const pollSchema = z.object({
  sessionId,
  after: z.string().regex(/^(0|\d+-\d+)$/).default("0"),
  wait: z.coerce.number().int().min(0).max(25_000).default(20_000),
});

const PAGE = readFileSync(new URL("./chat.html", import.meta.url), "utf8");

export function webChatRoutes(d: WebChatDeps): Router {
  const r = Router();

  const account = async (slug: string | undefined) => {
    const resolved = slug ? await d.resolver.resolve("web", slug) : null;
    if (!resolved) throw new NotFoundError("chat");
    return resolved.account;
  };

  r.get("/:slug", async (req, res) => {
    const a = await account(req.params.slug);
    res.type("html").send(PAGE.replaceAll("{{TITLE}}", escapeHtml(a.displayName ?? a.externalId)));
  });

  r.post("/:slug/messages", express.json({ limit: "16kb" }), async (req, res) => {
    const a = await account(req.params.slug);
    const body = validate(postSchema, req.body);
    const key = `${d.redisPrefix}:webrl:${a.id}:${body.sessionId}`;
    const count = await d.redis.incr(key);
    if (count === 1) await d.redis.pexpire(key, 60_000);
    if (count > (d.perMinute ?? 30)) throw new AppError("rate_limited", "too many messages, please wait a minute");
    const providerMessageId = body.clientMessageId ?? randomUUID();
    await enqueueEvents(d.queues, a.tenantId, a.id, [
      {
        type: "message",
        message: {
          channel: "web", receiver: a.externalId, providerMessageId, from: body.sessionId,
          ...(body.name ? { fromName: body.name } : {}), timestamp: new Date(), content: { kind: "text", text: body.text },
        },
      },
    ]);
    res.status(202).json({ accepted: providerMessageId });
  });

  r.get("/:slug/replies", async (req, res) => {
    const a = await account(req.params.slug);
    const q = validate(pollSchema, req.query);
    const replies = await d.mailbox.read(a.externalId, q.sessionId, q.after, q.wait);
    res.json({ replies, cursor: replies.at(-1)?.id ?? q.after });
  });

  return r;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
