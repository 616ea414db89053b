// createPayments: the payment repository, service and routes, from the configuration. The
// notifier reaches the outbox through `pipeline()`, called only after a change is committed
// (the container builds the pipeline after the agent, which needs the service for its tools).
import type { Router } from "express";
import type { Config } from "../../core/config.js";
import type { Logger } from "../../core/logger.js";
import { PaymentRepo } from "../../core/payments/repo.js";
import { PaymentServiceImpl } from "../../core/payments/service.js";
import type { PaymentService } from "../../core/payments/types.js";
import type { Sql } from "../../core/sql.js";
import type { PaymentTools } from "../../tools/registry.js";
import { paymentAdminRoutes } from "../http/routes/payments.js";
import { paymentWebhookRoutes } from "../http/routes/payments-webhooks.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import { notifyNotConfigured, paymentNotifier } from "./notify.js";
import { providerFactory } from "./providers.js";

export interface Payments {
  repo: PaymentRepo;
  service: PaymentService;
  /** /webhooks/stripe/:accountId, /webhooks/razorpay/:accountId, /pay/done, /pay/cancelled */
  webhooks: Router;
  /** /tenants/:id/integrations/…, /tenants/:id/payments (mount under /api/v1) */
  admin: Router;
  /** Tell the owner (once a day) that a customer wanted to pay but no provider is set up. */
  notConfigured(tenantId: string): Promise<void>;
}

export function createPayments(d: {
  config: Pick<Config, "STRIPE_API_BASE_URL" | "RAZORPAY_API_BASE_URL" | "PUBLIC_BASE_URL" | "PROVIDER_TIMEOUT_MS" | "ADMIN_TOKEN">;
  sql: Sql;
  credentialsKey: Buffer;
  tenants: Parameters<typeof paymentAdminRoutes>[0]["tenants"];
  pipeline: () => PipelineDeps;
  logger: Logger;
}): Payments {
  const repo = new PaymentRepo(d.sql, d.credentialsKey);
  const logger = d.logger.child({ component: "payments" });
  const notify = () => paymentNotifier(d.pipeline(), repo);
  const service = new PaymentServiceImpl({
    repo,
    provider: providerFactory({
      stripeBaseUrl: d.config.STRIPE_API_BASE_URL, razorpayBaseUrl: d.config.RAZORPAY_API_BASE_URL,
      publicBaseUrl: d.config.PUBLIC_BASE_URL, timeoutMs: d.config.PROVIDER_TIMEOUT_MS,
    }),
    notifier: { paid: (...a) => notify().paid(...a), refunded: (...a) => notify().refunded(...a) },
    logger,
  });
  return {
    repo, service,
    webhooks: paymentWebhookRoutes({ repo, service, logger }),
    admin: paymentAdminRoutes({ token: d.config.ADMIN_TOKEN, tenants: d.tenants, repo }),
    notConfigured: (tenantId) => notifyNotConfigured(d.pipeline(), tenantId),
  };
}

/** What the payment tools get (tools/payments/types.ts): the service plus a contact finder and the tenant's money settings. */
export function paymentTools(p: Payments, tenants: { get(id: string): Promise<{ currency: string; locale: string }> }): PaymentTools {
  const s = p.service;
  return {
    configured: (t) => s.configured(t),
    linkForBooking: async (t, c, b) => {
      const r = await s.linkForBooking(t, c, b);
      if (!r.ok && r.reason === "not_configured") await p.notConfigured(t);
      return r;
    },
    linkForContact: (t, i) => s.linkForContact(t, i),
    refund: (t, id) => s.refund(t, id),
    get: (t, id) => s.get(t, id),
    list: (t, o) => s.list(t, o),
    findContacts: (t, q) => p.repo.findContacts(t, q),
    tenantMoney: async (t) => {
      const row = await tenants.get(t);
      return { currency: row.currency, locale: row.locale };
    },
  };
}
