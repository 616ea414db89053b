// The composition root: builds every part from the configuration. api/main.ts runs it as
// a server; tests and benchmarks build it with their own queues prefix and fakes.
import type { Express } from "express";
import { createAgent } from "../agent/index.js";
import { createCheckpointer } from "../agent/checkpointer.js";
import { modelSettingsFromConfig } from "../agent/models/providers.js";
import { NO_ANSWER_THRESHOLD } from "../knowledge/relevance.js";
import type { Agent } from "../agent/types.js";
import type { ChannelName, ChannelSender } from "../channels/types.js";
import { createWebSender } from "../channels/web/adapter.js";
import { createSlackSender } from "../channels/slack/adapter.js";
import { createWhatsAppSender } from "../channels/whatsapp/adapter.js";
import { createSmsSender } from "../channels/sms/adapter.js";
import type { Config } from "../core/config.js";
import { parseKey } from "../core/crypto.js";
import { createDb, createSql, type Db } from "../core/db.js";
import { rootLogger, type Logger } from "../core/logger.js";
import { createRedis, type Redis } from "../core/redis.js";
import { ContactRepo } from "../core/repos/contacts.js";
import { ConversationRepo } from "../core/repos/conversations.js";
import { DeadLetterRepo } from "../core/repos/dead-letters.js";
import { HandoffRepo } from "../core/repos/handoffs.js";
import { MessageRepo } from "../core/repos/messages.js";
import { TenantRepo } from "../core/repos/tenants.js";
import { embedderFromConfig } from "../knowledge/embedder/select.js";
import { knowledgeStoreFromConfig } from "../knowledge/store/select.js";
import { ContactMemoryRepo } from "../knowledge/memory/repo.js";
import { ContactMemoryService } from "../knowledge/memory/service.js";
import type { KnowledgeStore } from "../knowledge/types.js";
import { createApp } from "./http/app.js";
import { slackRoutes } from "./http/routes/slack.js";
import { bearerAuth } from "./http/auth.js";
import { createMetrics } from "./metrics.js";
import { WebMailbox } from "./web-chat/mailbox.js";
import { ChatSessions } from "./web-chat/session.js";
import { health } from "./http/health.js";
import { AccountResolver } from "./http/resolver.js";
import type { PipelineDeps, PipelineSettings } from "./pipeline/deps.js";
import { ConversationLocks } from "./pipeline/lock.js";
import { createQueues, type Queues } from "./pipeline/queues.js";
import { SenderRateLimiter } from "./pipeline/rate-limit.js";
import { startWorkers, type WorkerSettings, type Workers } from "./pipeline/workers.js";
import { redisOptions } from "./redis-options.js";
import { createVoice, type Voice } from "./voice/index.js";
import { createIngestion, type IngestService } from "./ingest/index.js";
import type { IngestSettings } from "./ingest/processor.js";
import { knowledgeDocumentRoutes } from "./http/routes/knowledge-documents.js";
import { BudgetLedger } from "../agent/budget/ledger.js";
import { monthRange } from "../agent/budget/month.js";
import { usageSource } from "../agent/budget/report.js";
import { budgetFromSettings } from "../agent/budget/types.js";
import { CircuitBreakers } from "../agent/health/breaker.js";
import { UsageRepo } from "../core/repos/usage.js";
import { usageRoutes } from "./http/routes/usage.js";
import { budgetNotifier } from "./pipeline/budget-notice.js";
import { imageSpend } from "./campaigns/plan/image-spend.js";
import { AnswerCache } from "../agent/cache/index.js";
import { KnowledgeGeneration, withGeneration } from "../knowledge/store/generation.js";
import { createCalendar, type Calendar } from "./calendar/index.js";
import { calendarRoutes } from "./http/routes/calendar.js";
import { createPayments, paymentTools, type Payments } from "./payments/index.js";
import { createCampaigns, type Campaigns, type CampaignSettings } from "./campaigns/index.js";
import { createCreatives, type CreativeService } from "./creatives/index.js";
import { CampaignPlanner } from "./campaigns/plan/index.js";
import { campaignRoutes } from "./http/routes/campaigns.js";

export interface ContainerOverrides {
  logger?: Logger;
  agent?: Agent;
  fetch?: typeof fetch;
  settings?: Partial<PipelineSettings>;
  workers?: Partial<WorkerSettings>;
  lockTtlMs?: number;
  dbPoolSize?: number;
  /** Node process metrics (off in tests: one process may hold several containers). */
  defaultMetrics?: boolean;
  /** Where "/" redirects (the demo chat). */
  homeRedirect?: string;
  /** Voice settings (budgetMs: how long a voice webhook waits for the agent). */
  voice?: { budgetMs?: number };
  /** Document ingestion (api/ingest): limits, throttle between written entries. */
  ingest?: Partial<IngestSettings>;
  /** Campaign sending (api/campaigns): allowed rates per channel/account, tick, lease. */
  campaigns?: Partial<CampaignSettings>;
}

export interface Container {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  queues: Queues;
  knowledge: KnowledgeStore;
  tenants: TenantRepo;
  pipeline: PipelineDeps;
  app: Express;
  /** The voice agent: its routes are mounted; attach `voice.handleUpgrade` to the server's "upgrade" event. */
  voice: Voice;
  /** Documents added to knowledge (api/ingest). */
  ingest: IngestService;
  /** Services, hours, bookings, reminders (api/calendar). */
  calendar: Calendar;
  /** Payments (api/payments): repository, service, routes. */
  payments: Payments;
  /** Campaign sending (api/campaigns): schedule / pause / resume / cancel / stats. */
  campaigns: Campaigns;
  /** Campaign images (api/creatives): AI or the local branded card, served at /creatives/:token. */
  creatives: CreativeService;
  startWorkers(): Workers;
  close(): Promise<void>;
}

export async function createContainer(config: Config, o: ContainerOverrides = {}): Promise<Container> {
  const logger = o.logger ?? rootLogger;
  const db = createDb(config.DATABASE_URL, o.dbPoolSize ?? 10);
  const sql = createSql(config.DATABASE_URL, o.dbPoolSize ?? 10); // hot-path repository statements (core/sql.ts)
  const redis = createRedis(config.REDIS_URL);
  const subscriber = config.DEMO_WEB_CHAT ? createRedis(config.REDIS_URL) : null;
  const prefix = config.REDIS_PREFIX;
  const queues = createQueues(redisOptions(config.REDIS_URL), prefix, config.JOB_ATTEMPTS);
  const tenants = new TenantRepo(db, parseKey(config.CREDENTIALS_KEY));
  const contacts = new ContactRepo(db, sql);
  // the store and embedder the configuration names (embedded + local by default); init checks
  // or creates Qdrant's collection and refuses an embedder/dimension mismatch before serving
  const embedder = embedderFromConfig(config);
  // every write bumps the tenant's knowledge generation, which invalidates its cached answers (agent/cache)
  const generations = new KnowledgeGeneration(redis, prefix);
  const knowledge = withGeneration(knowledgeStoreFromConfig(config, db, embedder, logger.child({ component: "knowledge" })), generations);
  const answerCache = new AnswerCache(redis, prefix, generations);
  await knowledge.init?.();
  logger.info({ store: knowledge.kind, embedder: embedder.id }, "knowledge store ready");
  const conversations = new ConversationRepo(db, sql);
  // budgets (agent/budget): a Redis counter per tenant-month over the ModelUsage ledger; the
  // owner is told through the outbox (the pipeline is built below, before any turn runs)
  const usage = new UsageRepo(db);
  const budgetLimits = async (tenantId: string) => budgetFromSettings(await tenants.settings(tenantId));
  const budget = new BudgetLedger({
    redis, prefix, logger, limits: budgetLimits,
    spentMicros: (tenantId, month, timeZone) => {
      const { from, to } = monthRange(month, timeZone);
      return usage.spentMicros(tenantId, from, to);
    },
    notify: (n) => budgetNotifier(pipeline)(n),
  });
  const breakers = new CircuitBreakers(redis, prefix, {
    failures: config.BREAKER_FAILURES, windowMs: config.BREAKER_WINDOW_MS, cooldownMs: config.BREAKER_COOLDOWN_MS,
  });
  const ingestion = createIngestion({
    db, redis, prefix, knowledge, queues, logger, conversations, graph: { baseUrl: config.GRAPH_API_BASE_URL, apiVersion: config.GRAPH_API_VERSION },
    slackApiBaseUrl: config.SLACK_API_BASE_URL, ...(o.fetch ? { fetch: o.fetch } : {}), ...(o.ingest ? { settings: o.ingest } : {}),
  });
  // per-contact memory (knowledge/memory): the language tables load now, not on a turn
  const memory = new ContactMemoryService(new ContactMemoryRepo(db));
  void memory.warm().catch((err: unknown) => logger.warn({ err }, "language detector did not load; memory learns no languages"));
  // payments (core/payments + api/payments): Stripe / Razorpay per tenant; told through the outbox once the pipeline exists
  const payments = createPayments({ config, sql, credentialsKey: parseKey(config.CREDENTIALS_KEY), tenants, pipeline: () => pipeline, logger });
  // calendar (api/calendar): the booking tools' service; its messages go out once the pipeline exists
  const calendar = createCalendar({
    sql, redis, prefix, queues, credentialsKey: parseKey(config.CREDENTIALS_KEY), logger: logger.child({ component: "calendar" }),
    holdSweep: config.NODE_ENV !== "test", // tests share one database between prefixes: they sweep explicitly
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
    google: {
      rootUrl: config.GOOGLE_API_BASE_URL, tokenUrl: config.GOOGLE_OAUTH_TOKEN_URL, timeoutMs: config.PROVIDER_TIMEOUT_MS,
      ...(config.GOOGLE_OAUTH_CLIENT_ID ? { clientId: config.GOOGLE_OAUTH_CLIENT_ID } : {}),
      ...(config.GOOGLE_OAUTH_CLIENT_SECRET ? { clientSecret: config.GOOGLE_OAUTH_CLIENT_SECRET } : {}),
    },
  });
  // the owners' campaign tools (api/campaigns/plan): the sending engine and the creatives are built below, after the agent
  const planner = new CampaignPlanner({
    sql, tenants, campaigns: () => campaigns.service, creatives: () => creatives.service, logger: logger.child({ component: "campaign-planner" }),
    imageSpend: imageSpend(budget, db),
  });
  const checkpointer = o.agent
    ? null
    : await createCheckpointer(config.DATABASE_URL, { onError: (err) => logger.warn({ err }, "checkpoint pool: idle connection lost") });
  const agent = o.agent ?? createAgent({
      knowledge, checkpointer: checkpointer!, models: modelSettingsFromConfig(config), minScore: NO_ANSWER_THRESHOLD, logger,
      directory: { listContacts: (tenantId, opts) => contacts.listContacts(tenantId, opts) },
      knowledgeAdmin: knowledge,
      memory: memory.store,
      documents: ingestion.service,
      intake: ingestion.intake,
      budget, breakers, maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS, answerCache,
      usage: usageSource({ tenant: (id) => tenants.get(id), report: (id, from, to) => usage.report(id, from, to), limits: budgetLimits }),
      payments: paymentTools(payments, tenants),
      calendar: calendar.service,
      campaigns: planner,
    });
  const mailbox = new WebMailbox(redis, subscriber, prefix);
  const senders = new Map<ChannelName, ChannelSender>([
    ["whatsapp", createWhatsAppSender({ baseUrl: config.GRAPH_API_BASE_URL, apiVersion: config.GRAPH_API_VERSION, timeoutMs: config.PROVIDER_TIMEOUT_MS, ...(o.fetch ? { fetch: o.fetch } : {}) })],
    ["web", createWebSender(mailbox)],
    ["slack", createSlackSender({ baseUrl: config.SLACK_API_BASE_URL })],
    ["sms", createSmsSender({
      baseUrl: config.TWILIO_API_BASE_URL,
      statusCallbackUrl: config.PUBLIC_BASE_URL ? `${config.PUBLIC_BASE_URL.replace(/\/+$/, "")}/webhooks/twilio/sms/status` : undefined,
    })],
  ]);
  const metrics = createMetrics(queues, { defaultMetrics: o.defaultMetrics ?? false });
  const pipeline: PipelineDeps = {
    tenants,
    contacts,
    conversations,
    messages: new MessageRepo(db, sql),
    deadLetters: new DeadLetterRepo(db),
    handoffs: new HandoffRepo(db),
    queues,
    agent,
    senders,
    locks: new ConversationLocks(redis, prefix, o.lockTtlMs),
    limiter: new SenderRateLimiter(redis, prefix, config.SEND_RATE_PER_SECOND),
    logger,
    metrics,
    settings: { burstWindowMs: config.BURST_WINDOW_MS, turnTimeoutMs: 60_000, sendingGraceMs: 30_000, attempts: config.JOB_ATTEMPTS, ...o.settings },
    memory,
  };
  const ingest = ingestion.withPipeline(pipeline);
  calendar.attachPipeline(pipeline);
  pipeline.ownerFiles = ingest.ownerFiles;
  // tests share one database between Redis prefixes: each sweeps only the campaigns it scheduled
  const campaigns = createCampaigns({
    sql, redis, connection: redisOptions(config.REDIS_URL), prefix, logger, pipeline,
    settings: { sweepScope: config.NODE_ENV === "test" ? "own" : "all", ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}), ...o.campaigns },
  });
  const voice = createVoice({ db, redis, prefix, agent, pipeline, memory, logger, settings: { publicBaseUrl: config.PUBLIC_BASE_URL, ...o.voice } });
  const creatives = createCreatives({ config, db, settings: (tenantId) => tenants.settings(tenantId), logger, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const resolver = new AccountResolver(tenants);
  const app = createApp({
    logger,
    health: health(db, redis),
    // Prometheus scrapes with the admin token (authorization: Bearer …)
    metrics: (req, res, next) =>
      bearerAuth(config.METRICS_TOKEN ?? config.ADMIN_TOKEN)(req, res, async (err?: unknown) => {
        if (err) return next(err);
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      }),
    whatsapp: { appSecret: config.WHATSAPP_APP_SECRET, verifyToken: config.WHATSAPP_VERIFY_TOKEN, resolver, queues, logger, metrics },
    twilioSms: { publicBaseUrl: config.PUBLIC_BASE_URL, resolver, tenants, queues, logger, metrics },
    admin: {
      token: config.ADMIN_TOKEN, tenants, conversations: pipeline.conversations, messages: pipeline.messages,
      deadLetters: pipeline.deadLetters, knowledge, queues, resolver,
    },
    knowledgeDocuments: knowledgeDocumentRoutes({ token: config.ADMIN_TOKEN, tenants, ingest: ingestion.service }),
    usage: usageRoutes({ token: config.ADMIN_TOKEN, tenants, usage }),
    calendar: calendarRoutes({ token: config.ADMIN_TOKEN, tenants, calendar }),
    creatives: creatives.router,
    campaigns: campaignRoutes({ token: config.ADMIN_TOKEN, sql, tenants, campaigns: () => campaigns.service }),
    payments: { webhooks: payments.webhooks, admin: payments.admin },
    webChat: config.DEMO_WEB_CHAT ? { resolver, queues, mailbox, redis, redisPrefix: prefix, sessions: new ChatSessions(parseKey(config.CREDENTIALS_KEY)) } : null,
    trustProxy: config.TRUST_PROXY,
    voice: voice.router,
    slack: slackRoutes({
      signingSecret: config.SLACK_SIGNING_SECRET, apiBaseUrl: config.SLACK_API_BASE_URL, resolver,
      credentials: (tenantId, accountId) => tenants.credentials(tenantId, accountId), queues, logger, metrics,
    }),
    ...(o.homeRedirect ? { homeRedirect: o.homeRedirect } : {}),
  });

  let workers: Workers | null = null;
  return {
    config, logger, db, redis, queues, knowledge, tenants, pipeline, app, voice, ingest: ingestion.service, calendar, payments, campaigns, creatives: creatives.service,
    startWorkers() {
      const base = startWorkers(pipeline, {
        connection: redisOptions(config.REDIS_URL), prefix,
        concurrency: config.WORKER_CONCURRENCY, sendConcurrency: config.SEND_CONCURRENCY, ...o.workers,
      });
      const ingesting = ingest.startWorker({
        connection: redisOptions(config.REDIS_URL), prefix, lockDuration: o.workers?.lockDuration, stalledInterval: o.workers?.stalledInterval,
      });
      const reminding = calendar.startWorker({
        connection: redisOptions(config.REDIS_URL), prefix, lockDuration: o.workers?.lockDuration, stalledInterval: o.workers?.stalledInterval,
      });
      const campaigning = campaigns.startWorkers();
      workers = {
        workers: [...base.workers, ingesting.worker, reminding.worker, ...campaigning.workers],
        close: async () => void (await Promise.all([base.close(), ingesting.close(), reminding.close(), campaigning.close()])),
      };
      return workers;
    },
    async close() {
      mailbox.wakeAll();
      knowledge.close?.();
      await voice.close();
      await workers?.close();
      await campaigns.close();
      await queues.close();
      await Promise.allSettled([redis.quit(), subscriber?.quit(), db.$disconnect(), sql.end(), checkpointer?.end()]);
    },
  };
}
