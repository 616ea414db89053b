// Payment provider webhooks: POST /webhooks/stripe/:accountId and /webhooks/razorpay/:accountId.
// The account id in the path selects the integration (and so the tenant and the signing
// secret); the raw body is verified first (400 with a reason, nothing stored, on a bad,
// stale or missing signature); the event's own tenant (our metadata) must match the
// account's; then it is stored once by event id and applied. A redelivered event is a 200
// that changes nothing. Also GET /pay/done and /pay/cancelled, Checkout's return pages.
import express, { Router, type Request } from "express";
import type { Logger } from "../../../core/logger.js";
import type { PaymentRepo } from "../../../core/payments/repo.js";
import type { NormalizedEvent, PaymentService, ProviderKind } from "../../../core/payments/types.js";
import { parseRazorpayEvent, RAZORPAY_EVENT_ID_HEADER, RAZORPAY_SIGNATURE_HEADER, verifyRazorpay } from "../../payments/razorpay.js";
import { WebhookRefused } from "../../payments/refused.js";
import { parseStripeEvent, STRIPE_SIGNATURE_HEADER, verifyStripe } from "../../payments/stripe.js";

export interface PaymentWebhookDeps {
  repo: Pick<PaymentRepo, "integrationById">;
  service: Pick<PaymentService, "applyEvent">;
  logger: Logger;
  now?: () => number;
}

export function paymentWebhookRoutes(d: PaymentWebhookDeps): Router {
  const r = Router();
  const raw = express.raw({ type: () => true, limit: "1mb" });
  const now = d.now ?? Date.now;

  const handle = (kind: ProviderKind, verifyAndParse: (req: Request, body: Buffer, secret: string | undefined) => NormalizedEvent) =>
    async (req: Request, res: express.Response) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const integration = await d.repo.integrationById(String(req.params.accountId ?? ""));
      if (!integration || integration.kind !== kind) {
        res.status(404).json({ error: { code: "not_found", message: "unknown payment account" } });
        return;
      }
      const event = verifyAndParse(req, body, integration.credentials.webhookSecret);
      const out = await d.service.applyEvent(integration.tenantId, event);
      d.logger.info({ tenantId: integration.tenantId, provider: kind, type: event.type, duplicate: out.duplicate, changed: out.changed }, "payment event");
      res.json({ received: true, duplicate: out.duplicate });
    };

  r.post("/webhooks/stripe/:accountId", raw, handle("stripe", (req, body, secret) =>
    parseStripeEvent(verifyStripe(body, req.get(STRIPE_SIGNATURE_HEADER), secret, now()))));
  r.post("/webhooks/razorpay/:accountId", raw, handle("razorpay", (req, body, secret) => {
    verifyRazorpay(body, req.get(RAZORPAY_SIGNATURE_HEADER), secret);
    return parseRazorpayEvent(body, req.get(RAZORPAY_EVENT_ID_HEADER));
  }));

  r.get("/pay/done", (_req, res) => {
    res.type("text/plain").send("Thank you — your payment is being confirmed. You'll get a message as soon as it is.");
  });
  r.get("/pay/cancelled", (_req, res) => {
    res.type("text/plain").send("Payment cancelled — nothing was charged. You can use the same link again while it is valid.");
  });
  return r;
}

export { WebhookRefused };
