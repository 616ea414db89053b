// Twilio Messaging webhooks: POST / (incoming SMS/MMS) and POST /status (delivery status
// callbacks), form-encoded. The tenant comes from the business number (`To` of a message,
// `From` of a status callback); the X-Twilio-Signature is checked with THAT account's auth
// token over the public URL Twilio called (PUBLIC_BASE_URL + original path and query), so
// an unknown number cannot be verified and is refused like a bad signature (403, nothing
// enqueued). Verified events are enqueued (job id from the MessageSid: Twilio's retries are
// no-ops) and the answer is an empty TwiML <Response/> at once — the reply goes out later
// through the outbox, never in the TwiML.
import express, { Router, type Request } from "express";
import twilio from "twilio";
import { AppError } from "../../../core/errors.js";
import type { Logger } from "../../../core/logger.js";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import { businessNumber, formParams, isStatusCallback, parseSmsWebhook, type TwilioParams } from "../../../channels/sms/parse.js";
import { publicUrl, TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from "../../../channels/twilio/verify.js";
import type { Metrics } from "../../metrics.js";
import type { Queues } from "../../pipeline/queues.js";
import { enqueueEvents } from "../ingress.js";
import type { AccountResolver } from "../resolver.js";

export interface TwilioSmsRouteDeps {
  /** PUBLIC_BASE_URL: the origin Twilio calls (signatures cover it). Without it, the request's own origin. */
  publicBaseUrl?: string | undefined;
  resolver: AccountResolver;
  /** Reads the account's auth token (never logged). */
  tenants: Pick<TenantRepo, "credentials">;
  queues: Queues;
  logger: Logger;
  metrics: Metrics;
}

/** The path of the status callback route, relative to where the router is mounted. */
export const SMS_STATUS_PATH = "/status";
const EMPTY_TWIML = new twilio.twiml.MessagingResponse().toString();
const CALLBACK_DATA = /^[A-Za-z0-9_-]{1,64}$/;

const refused = () => new AppError("forbidden", "invalid signature");

export function twilioSmsRoutes(d: TwilioSmsRouteDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: "64kb" });

  const handle = (kind: "message" | "status") => async (req: Request, res: express.Response) => {
    const count = (outcome: string) => d.metrics.webhooks.inc({ channel: "sms", outcome });
    const params: TwilioParams = Buffer.isBuffer(req.body) ? formParams(req.body.toString("utf8")) : {};
    const signature = req.get(TWILIO_SIGNATURE_HEADER);
    if (!signature) {
      count("invalid_signature");
      throw refused();
    }
    const number = businessNumber(params);
    const resolved = number ? await d.resolver.resolve("sms", number) : null;
    if (!resolved) {
      d.logger.warn({ number: number?.slice(0, 32) }, "twilio sms webhook for an unknown number: refused (no token to verify it)");
      count("unknown_receiver");
      throw refused();
    }
    const { tenantId, id: accountId } = resolved.account;
    const { credentials } = await d.tenants.credentials(tenantId, accountId);
    const url = publicUrl(d.publicBaseUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`, req.originalUrl);
    if (!verifyTwilioSignature(credentials.authToken, signature, url, params)) {
      d.logger.warn({ tenantId, accountId }, "twilio sms webhook with an invalid signature");
      count("invalid_signature");
      throw refused();
    }

    let events;
    try {
      if (kind === "status" && !isStatusCallback(params)) throw new AppError("bad_request", "not a Twilio status callback");
      const cb = typeof req.query.cb === "string" && CALLBACK_DATA.test(req.query.cb) ? req.query.cb : undefined;
      events = parseSmsWebhook(params, { callbackData: cb });
    } catch (err) {
      d.logger.warn({ tenantId, reason: err instanceof Error ? err.message : String(err) }, "twilio sms webhook malformed");
      count("malformed");
      throw err;
    }
    await enqueueEvents(d.queues, tenantId, accountId, events);
    count(events.length ? "accepted" : "ignored");
    res.status(200).type("text/xml").send(EMPTY_TWIML);
  };

  router.post("/", raw, handle("message"));
  router.post(SMS_STATUS_PATH, raw, handle("status"));
  return router;
}
