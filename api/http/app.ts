// The express app: webhooks (raw bodies, no global JSON parser in front of them), the
// admin API, the web chat, /health. One error handler at the end.
import express, { type Express } from "express";
import type { Logger } from "../../core/logger.js";
import { errorHandler } from "./errors.js";
import type { RequestHandler } from "express";
import { adminRoutes, type AdminDeps } from "./routes/admin.js";
import { webChatRoutes, type WebChatDeps } from "../web-chat/routes.js";
import { whatsappRoutes, type WhatsAppRouteDeps } from "./routes/whatsapp.js";
import type { Router } from "express";
import { twilioSmsRoutes, type TwilioSmsRouteDeps } from "./routes/twilio-sms.js";

export interface AppDeps {
  logger: Logger;
  health: RequestHandler;
  metrics: RequestHandler;
  whatsapp: WhatsAppRouteDeps;
  /** Twilio SMS webhooks (/webhooks/twilio/sms, /webhooks/twilio/sms/status). */
  twilioSms?: TwilioSmsRouteDeps;
  admin: AdminDeps;
  /** /api/v1/tenants/:id/knowledge/documents (routes/knowledge-documents.ts), before the admin router: its own body limit. */
  knowledgeDocuments?: Router;
  /** /api/v1/tenants/:id/settings/budget and /usage (routes/usage.ts), before the admin router. */
  usage?: Router;
  webChat: WebChatDeps | null;
  /** Which proxies may set X-Forwarded-For (config TRUST_PROXY). */
  trustProxy?: string;
  /** Where "/" sends a visitor (the demo chat when there is one). */
  homeRedirect?: string;
  /** Twilio voice webhooks (api/voice). */
  voice?: Router;
  /** Payments: provider webhooks + Checkout return pages (raw bodies, own parsers) and the admin routes (under /api/v1). */
  payments?: { webhooks: Router; admin: Router };
  /** Slack (Bolt ExpressReceiver): /webhooks/slack/events, /commands, /interactivity (routes/slack.ts). */
  slack?: Router;
  /** Calendar admin API under /api/v1 and the public GET /ics/:token (routes/calendar.ts), before the admin router. */
  calendar?: Router;
  /** Public campaign images: GET /creatives/:token (api/creatives/route.ts). */
  creatives?: Router;
  /** Campaign admin API under /api/v1 (routes/campaigns.ts), before the admin router. */
  campaigns?: Router;
}

/** "false" | "true" | a hop count | comma-separated addresses or CIDRs, as express takes them. */
function trustProxy(value: string): boolean | number | string[] {
  if (value === "true" || value === "false") return value === "true";
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(",").map((v) => v.trim()).filter(Boolean);
}

export function createApp(d: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy(d.trustProxy ?? "false"));
  app.get("/health", d.health);
  app.get("/metrics", d.metrics);
  if (d.creatives) app.use("/creatives", d.creatives);
  app.use("/webhooks/whatsapp", whatsappRoutes(d.whatsapp));
  if (d.voice) app.use("/webhooks/twilio/voice", d.voice);
  if (d.slack) app.use("/webhooks/slack", d.slack);
  if (d.twilioSms) app.use("/webhooks/twilio/sms", twilioSmsRoutes(d.twilioSms));
  if (d.payments) app.use(d.payments.webhooks);
  if (d.knowledgeDocuments) app.use("/api/v1", d.knowledgeDocuments);
  if (d.usage) app.use("/api/v1", d.usage);
  if (d.calendar) app.use(d.calendar);
  if (d.payments) app.use("/api/v1", d.payments.admin);
  if (d.campaigns) app.use("/api/v1", d.campaigns);
  app.use("/api/v1", adminRoutes(d.admin));
  if (d.webChat) app.use("/chat", webChatRoutes(d.webChat));
  if (d.homeRedirect) {
    const target = d.homeRedirect;
    app.get("/", (_req, res) => res.redirect(302, target));
  }
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "no such route" } });
  });
  app.use(errorHandler(d.logger));
  return app;
}
