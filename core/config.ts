// Configuration is parsed once, at boot, from the environment. A missing or malformed
// variable is named in the error. Every outbound provider has a base-URL setting so tests
// and demos can point it at a local fake server.
import { z } from "zod";

const optionalString = z.string().trim().min(1).optional();
const url = (fallback: string) => z.url().default(fallback);
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL the providers call (for Twilio signatures behind proxies, media links). */
  PUBLIC_BASE_URL: z.url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").default("redis://127.0.0.1:6379"),
  /** Prefix of every Redis key (BullMQ queues, caches) so several deployments/test runs share one Redis. */
  /** Defaults to growai:<database name>, so two checkouts sharing one Redis never take each other's jobs. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).optional(),

  /** Bearer token of the admin API (/api/v1). */
  ADMIN_TOKEN: z.string().min(24, "must be at least 24 characters"),
  /** 32-byte key (base64 or 64 hex chars) encrypting channel credentials at rest. */
  CREDENTIALS_KEY: z.string().refine(
    (v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32,
    "must be 32 bytes as 64 hex characters or base64",
  ),

  // WhatsApp Cloud API (Graph API)
  GRAPH_API_BASE_URL: url("https://graph.facebook.com"),
  GRAPH_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default("v23.0"),
  /** Meta app secret: verifies X-Hub-Signature-256 of WhatsApp webhooks. */
  WHATSAPP_APP_SECRET: optionalString,
  /** Token echoed in the GET verification handshake. */
  WHATSAPP_VERIFY_TOKEN: optionalString,

  // LLM providers (the fast and smart tiers exist only when a key is set)
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url("https://api.openai.com/v1"),
  OPENAI_FAST_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_SMART_MODEL: z.string().default("gpt-4o"),
  GOOGLE_API_KEY: optionalString,
  GEMINI_BASE_URL: url("https://generativelanguage.googleapis.com"),
  GEMINI_FAST_MODEL: z.string().default("gemini-2.5-flash"),
  GEMINI_SMART_MODEL: z.string().default("gemini-2.5-pro"),
  // Knowledge embeddings: auto = OpenAI when OPENAI_API_KEY is set, else Gemini when GOOGLE_API_KEY is, else local.
  EMBEDDINGS_PROVIDER: z.enum(["auto", "local", "openai", "gemini"]).default("auto"),
  OPENAI_EMBEDDING_MODEL: z.string().trim().min(1).default("text-embedding-3-small"),
  GEMINI_EMBEDDING_MODEL: z.string().trim().min(1).default("gemini-embedding-001"),
  /** Vector size asked of the provider (OpenAI `dimensions`, Gemini `outputDimensionality`); default: the model's. */
  EMBEDDINGS_DIM: z.coerce.number().int().min(1).max(8192).optional(),
  // Campaign creatives (api/creatives): auto = OpenAI images when OPENAI_API_KEY is set, else Gemini when GOOGLE_API_KEY is, else the local card.
  CREATIVES_PROVIDER: z.enum(["auto", "local", "openai", "gemini"]).default("auto"),
  OPENAI_IMAGE_MODEL: z.string().trim().min(1).default("gpt-image-1"),
  GEMINI_IMAGE_MODEL: z.string().trim().min(1).default("gemini-2.5-flash-image"),
  /** Time limit of one image generation call (they take tens of seconds). */
  IMAGE_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  /** Output cap of every LLM call (tokens): bounds the worst-case cost reserved against a tenant's budget. */
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).max(65_536).default(1024),
  /** Provider circuit breaker (agent/health): failures in a row within the window that open it, and how long it stays open. */
  BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
  BREAKER_WINDOW_MS: z.coerce.number().int().positive().default(30_000),
  BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  /** Time limit of one call to a messaging provider (Graph, Twilio, Slack). */
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  /** Bearer token Prometheus scrapes /metrics with (defaults to the admin token). */
  METRICS_TOKEN: z.string().min(24).optional(),

  // Later providers: the base URLs exist now so deployments configure them in one place.
  TWILIO_API_BASE_URL: url("https://api.twilio.com"),
  /** Slack Web API root; channels/slack/api.ts slackApiUrl() adds the trailing slash Bolt/WebClient want. */
  SLACK_API_BASE_URL: url("https://slack.com/api"),
  /** Slack app signing secret: verifies X-Slack-Signature (v0); without it every Slack request is refused. */
  SLACK_SIGNING_SECRET: optionalString,
  STRIPE_API_BASE_URL: url("https://api.stripe.com"),
  RAZORPAY_API_BASE_URL: url("https://api.razorpay.com"),
  /** Google Calendar API root (free/busy of staff calendars, api/calendar/google.ts). */
  GOOGLE_API_BASE_URL: url("https://www.googleapis.com/"),
  /** Google's OAuth 2.0 token endpoint (refresh-token grant). */
  GOOGLE_OAUTH_TOKEN_URL: url("https://oauth2.googleapis.com/token"),
  /** The OAuth client a tenant's Google Calendar refresh token was issued to (a tenant may bring its own). */
  GOOGLE_OAUTH_CLIENT_ID: optionalString,
  GOOGLE_OAUTH_CLIENT_SECRET: optionalString,
  QDRANT_URL: z.url().optional(),
  /** Qdrant API key (sent as the api-key header); a secret, never logged. */
  QDRANT_API_KEY: optionalString,
  /** The one multi-tenant collection of the Qdrant knowledge store. */
  QDRANT_COLLECTION: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default("growai_knowledge"),
  /** Which knowledge store backs search; defaults to qdrant when QDRANT_URL is set, else embedded. */
  KNOWLEDGE_STORE: z.enum(["embedded", "qdrant"]).optional(),

  // Pipeline
  /** A message arriving this soon after the previous one from the same person is part of a burst: its turn waits for the burst to end. */
  BURST_WINDOW_MS: z.coerce.number().int().min(0).max(30_000).default(1500),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** Messages per second allowed per sending number (WhatsApp Cloud API default pair rate is far lower per recipient; this is the per-sender ceiling). */
  SEND_RATE_PER_SECOND: z.coerce.number().positive().default(20),
  RUN_WORKERS: bool.default(true),
  /** Serve the public web chat (/chat/{slug}); defaults to on except in production. */
  DEMO_WEB_CHAT: bool.optional(),
  /** Express "trust proxy": false, true, a hop count, or a list of proxy addresses/CIDRs. */
  TRUST_PROXY: z.string().default("false"),
});

export type Config = Omit<z.infer<typeof configSchema>, "DEMO_WEB_CHAT" | "REDIS_PREFIX" | "KNOWLEDGE_STORE"> & { DEMO_WEB_CHAT: boolean; REDIS_PREFIX: string; KNOWLEDGE_STORE: "embedded" | "qdrant" };

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/** Parse configuration from an environment object. Never logs values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") input[k] = v;
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const data = parsed.data;
  if (data.KNOWLEDGE_STORE === "qdrant" && !data.QDRANT_URL) {
    throw new ConfigError(["KNOWLEDGE_STORE: qdrant needs QDRANT_URL"]);
  }
  const database = new URL(data.DATABASE_URL).pathname.slice(1).replace(/[^A-Za-z0-9_-]/g, "") || "default";
  return {
    ...data,
    DEMO_WEB_CHAT: data.DEMO_WEB_CHAT ?? data.NODE_ENV !== "production",
    REDIS_PREFIX: data.REDIS_PREFIX ?? `growai:${database}`,
    KNOWLEDGE_STORE: data.KNOWLEDGE_STORE ?? (data.QDRANT_URL ? "qdrant" : "embedded"),
  } as Config;
}
