// Slack ingress: a Bolt App on an ExpressReceiver, mounted at /webhooks/slack. Bolt reads
// the raw body and checks X-Slack-Signature (v0, 5-minute replay window) before anything
// runs; `authorize` resolves the workspace (team_id) to our channel account; listeners
// parse, enqueue and return — the agent's work happens from the queue. Responses wait for
// the enqueue (processBeforeResponse), so a 200 means the event is safely in Redis, and a
// failed enqueue answers 500 for Slack to redeliver. Job ids come from Slack's ids, so a
// redelivery (X-Slack-Retry-Num) is a no-op.
//   POST /webhooks/slack/events         Events API (url_verification, message.im, app_mention)
//   POST /webhooks/slack/commands       slash commands (/growai <text>)
//   POST /webhooks/slack/interactivity  block_actions (buttons, approvals)
import { App, ExpressReceiver, LogLevel, type AuthorizeResult, type AuthorizeSourceData, type Logger as BoltLogger } from "@slack/bolt";
import { Router } from "express";
import { slackApiUrl } from "../../../channels/slack/api.js";
import { parseBlockActions, parseEventCallback, parseSlashCommand, type SlackParse } from "../../../channels/slack/parse.js";
import type { InboundMessage } from "../../../channels/types.js";
import { ParseError } from "../../../core/errors.js";
import type { Logger } from "../../../core/logger.js";
import type { Metrics } from "../../metrics.js";
import type { Queues } from "../../pipeline/queues.js";
import { enqueueEvents } from "../ingress.js";
import type { AccountResolver } from "../resolver.js";

export interface SlackRouteDeps {
  /** SLACK_SIGNING_SECRET. Without it every request is refused (401). */
  signingSecret?: string | undefined;
  /** SLACK_API_BASE_URL (Bolt's own WebClient; our replies go through channels/slack). */
  apiBaseUrl: string;
  resolver: AccountResolver;
  /** Decrypted credentials of an account (TenantRepo.credentials). */
  credentials(tenantId: string, accountId: string): Promise<{ credentials: Record<string, string> }>;
  queues: Queues;
  logger: Logger;
  metrics: Metrics;
}

export const SLACK_PATHS = { events: "/events", commands: "/commands", interactivity: "/interactivity" } as const;

interface SlackContext extends AuthorizeResult {
  teamId: string;
  tenantId: string;
  accountId: string;
}

function boltLogger(log: Logger): BoltLogger {
  const line = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : String(m))).join(" ");
  return {
    debug: (...m) => log.debug(line(m)), info: (...m) => log.info(line(m)),
    warn: (...m) => log.warn(line(m)), error: (...m) => log.error(line(m)),
    setLevel() {}, getLevel: () => LogLevel.INFO, setName() {},
  };
}

export function slackRoutes(d: SlackRouteDeps): Router {
  const router = Router();
  const count = (outcome: string) => d.metrics.webhooks.inc({ channel: "slack", outcome });
  const unknownTeam = new WeakSet<object>();
  router.use((req, res, next) => {
    res.on("finish", () => {
      if (res.statusCode < 300) return count("accepted");
      count(res.statusCode === 401 ? (unknownTeam.has(req.body as object) ? "unknown_receiver" : "invalid_signature") : res.statusCode === 400 ? "malformed" : "error");
    });
    next();
  });
  if (!d.signingSecret) {
    d.logger.warn("SLACK_SIGNING_SECRET is not set: every Slack request is refused");
    router.post(Object.values(SLACK_PATHS), (_req, res) => void res.status(401).json({ error: { code: "unauthorized", message: "invalid signature" } }));
    return router;
  }

  const logger = boltLogger(d.logger.child({ component: "slack" }));
  const receiver = new ExpressReceiver({
    signingSecret: d.signingSecret, endpoints: { ...SLACK_PATHS }, router, logger, processBeforeResponse: true, bodyLimit: "1mb",
  });
  const authorize = async (source: AuthorizeSourceData<boolean>, body?: unknown): Promise<SlackContext> => {
    const teamId = source.teamId;
    const resolved = teamId ? await d.resolver.resolve("slack", teamId) : null;
    if (!teamId || !resolved) {
      if (body && typeof body === "object") unknownTeam.add(body);
      d.logger.warn({ teamId, enterpriseId: source.enterpriseId }, "slack request from a workspace we do not serve: refused");
      throw new Error("unknown workspace");
    }
    const { tenantId, id: accountId } = resolved.account;
    const { credentials } = await d.credentials(tenantId, accountId);
    return {
      teamId, tenantId, accountId,
      ...(credentials.botToken ? { botToken: credentials.botToken } : {}),
      ...(credentials.botUserId ? { botUserId: credentials.botUserId } : {}),
    };
  };
  const app = new App({
    receiver, authorize, logger,
    clientOptions: { slackApiUrl: slackApiUrl(d.apiBaseUrl), retryConfig: { retries: 0 }, timeout: 10_000 },
  });

  const enqueue = async (ctx: SlackContext, messages: InboundMessage[]) => {
    const events = messages.map((m) => ({ type: "message" as const, message: { ...m, receiver: ctx.teamId } }));
    await enqueueEvents(d.queues, ctx.tenantId, ctx.accountId, events);
  };
  /** A payload we cannot read is logged and acknowledged: Slack's redelivery would not fix it. */
  const parsed = (what: string, parse: () => SlackParse | InboundMessage[]): InboundMessage[] => {
    try {
      const r = parse();
      if (Array.isArray(r)) return r;
      if (!r.ok) d.logger.debug({ reason: r.reason }, `slack ${what} ignored`);
      return r.ok ? [r.message] : [];
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      d.logger.warn({ details: err.details }, `slack ${what} skipped: ${err.message}`);
      count("malformed_item");
      return [];
    }
  };

  const ctxOf = (context: object) => context as unknown as SlackContext;
  const onEvent = async ({ body, context }: { body: unknown; context: object }) => {
    const ctx = ctxOf(context);
    await enqueue(ctx, parsed("event", () => parseEventCallback(body, ctx.botUserId)));
  };
  app.event("message", onEvent);
  app.event("app_mention", onEvent);

  app.command(/^\/.+/, async ({ ack, body, context }) => {
    const messages = parsed("command", () => parseSlashCommand(body));
    await ack(messages.length ? { response_type: "ephemeral", text: "On it…" } : { response_type: "ephemeral", text: "Ask me anything: `/growai what did we book this week?`" });
    await enqueue(ctxOf(context), messages);
  });

  app.action({ type: "block_actions" }, async ({ ack, body, context }) => {
    await ack();
    await enqueue(ctxOf(context), parsed("action", () => parseBlockActions(body)));
  });

  // Rethrown so the receiver answers: 401 for an unknown workspace, 500 (Slack redelivers) otherwise.
  app.error(async (err) => {
    if (err.code !== "slack_bolt_authorization_error") d.logger.error({ err: err.original ?? err, code: err.code }, "slack listener failed");
    throw err;
  });
  return router;
}
