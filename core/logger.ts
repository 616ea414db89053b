// One structured logger. Child loggers carry tenantId / conversationId / messageId.
// Secrets are redacted by path; whole provider bodies are never logged.
import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "*.accessToken",
  "*.access_token",
  "*.authorization",
  "*.Authorization",
  "*.token",
  "*.apiKey",
  "*.secret",
  "*.appSecret",
  "*.password",
  "*.credentials",
  "req.headers.authorization",
  'req.headers["x-hub-signature-256"]',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { svc: "growai" },
    redact: { paths: REDACT, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export const rootLogger: Logger = createLogger();
