// WhatsApp Cloud API webhooks. GET: the verification handshake. POST: the signature is
// checked over the raw bytes before anything is trusted; each change is accepted only if
// the signature verifies with the secret that governs its phone number (the tenant's own
// Meta app secret when registered, else the deployment's); unknown numbers are logged and
// acknowledged; events are enqueued and the answer is 200 at once.
import express, { Router } from "express";
import { ParseError, VerificationError } from "../../../core/errors.js";
import type { Logger } from "../../../core/logger.js";
import { parseWebhookBatch } from "../../../channels/whatsapp/parse.js";
import { verifyHandshake, verifySignature } from "../../../channels/whatsapp/verify.js";
import type { InboundEvent } from "../../../channels/types.js";
import type { Metrics } from "../../metrics.js";
import type { Queues } from "../../pipeline/queues.js";
import { enqueueEvents } from "../ingress.js";
import type { AccountResolver } from "../resolver.js";

export interface WhatsAppRouteDeps {
  appSecret?: string | undefined;
  verifyToken?: string | undefined;
  resolver: AccountResolver;
  queues: Queues;
  logger: Logger;
  metrics: Metrics;
}

const SIGNATURE_HEADER = "x-hub-signature-256";
/**
 * A body that the deployment's secret does not verify may still be signed with a tenant's
 * own app secret, which takes a lookup per phone_number_id to find: at most this many
 * distinct ids are looked up for such a body (a forged body cannot cost more).
 */
export const MAX_UNVERIFIED_RECEIVERS = 10;

export function whatsappRoutes(d: WhatsAppRouteDeps): Router {
  const router = Router();

  router.get("/", (req, res) => {
    const challenge = d.verifyToken ? verifyHandshake(req.query as Record<string, unknown>, d.verifyToken) : null;
    if (challenge === null) {
      res.status(403).json({ error: { code: "forbidden", message: "verification failed" } });
      return;
    }
    res.type("text/plain").send(challenge);
  });

  router.post("/", express.raw({ type: () => true, limit: "2mb" }), async (req, res) => {
    const count = (outcome: string) => d.metrics.webhooks.inc({ channel: "whatsapp", outcome });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.get(SIGNATURE_HEADER);
    if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) {
      count("invalid_signature");
      throw new VerificationError();
    }
    const verified = new Map<string, boolean>();
    const check = (secret: string) => {
      let ok = verified.get(secret);
      if (ok === undefined) verified.set(secret, (ok = verifySignature(raw, header, secret)));
      return ok;
    };

    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      if (d.appSecret && check(d.appSecret)) {
        count("malformed");
        throw new ParseError("body is not JSON");
      }
      count("invalid_signature");
      throw new VerificationError();
    }
    const receivers = phoneNumberIds(json);
    // The deployment's secret first: a body it verifies is Meta's, and every id in it is
    // resolved; otherwise only a bounded number of ids are, for their tenants' own secrets.
    let ids = [...receivers];
    if (!(d.appSecret && check(d.appSecret)) && ids.length > MAX_UNVERIFIED_RECEIVERS) {
      d.logger.warn({ receivers: ids.length, max: MAX_UNVERIFIED_RECEIVERS }, "unverified whatsapp webhook names too many phone numbers: only the first are tried");
      ids = ids.slice(0, MAX_UNVERIFIED_RECEIVERS);
    }
    const resolvedAll = await Promise.all(ids.map((id) => d.resolver.resolve("whatsapp", id)));
    const accepted = new Map<string, { tenantId: string; accountId: string }>();
    let anyVerified = false;
    for (const [i, id] of ids.entries()) {
      const resolved = resolvedAll[i] ?? null;
      const secret = resolved?.webhookSecret ?? d.appSecret;
      if (!secret || !check(secret)) continue;
      anyVerified = true;
      if (!resolved) {
        d.logger.warn({ phoneNumberId: id }, "whatsapp webhook for an unknown phone number: acknowledged, not processed");
        count("unknown_receiver");
        continue;
      }
      accepted.set(id, { tenantId: resolved.account.tenantId, accountId: resolved.account.id });
    }
    if (!anyVerified && !(receivers.size === 0 && d.appSecret && check(d.appSecret))) {
      count("invalid_signature");
      throw new VerificationError();
    }

    let batch;
    try {
      batch = parseWebhookBatch(json);
    } catch (err) {
      count("malformed");
      throw err;
    }
    for (const r of batch.rejected) d.logger.warn({ item: r }, "whatsapp webhook item skipped");
    for (const e of batch.errors) d.logger.warn({ receiver: e.receiver, code: e.code, title: e.title }, "whatsapp reported an error");
    const byReceiver = new Map<string, InboundEvent[]>();
    for (const event of batch.events) {
      const receiver = event.type === "message" ? event.message.receiver : event.status.receiver;
      if (!accepted.has(receiver)) continue;
      const list = byReceiver.get(receiver);
      if (list) list.push(event);
      else byReceiver.set(receiver, [event]);
    }
    await Promise.all(
      [...byReceiver].map(([receiver, events]) => {
        const a = accepted.get(receiver)!;
        return enqueueEvents(d.queues, a.tenantId, a.accountId, events);
      }),
    );
    count(byReceiver.size ? "accepted" : "ignored");
    res.status(200).json({ received: true });
  });

  return router;
}

/** The phone_number_ids a webhook body names (read only to pick the verifying secret). */
function phoneNumberIds(json: unknown): Set<string> {
  const ids = new Set<string>();
  const entries = (json as { entry?: unknown })?.entry;
  if (!Array.isArray(entries)) return ids;
  for (const entry of entries) {
    const changes = (entry as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const change of changes) {
      const id = (change as { value?: { metadata?: { phone_number_id?: unknown } } })?.value?.metadata?.phone_number_id;
      if (typeof id === "string" && id.length > 0 && id.length < 64) ids.add(id);
    }
  }
  return ids;
}

