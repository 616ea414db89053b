// A fake Stripe API on a real node:http server (127.0.0.1, random port), speaking Stripe's
// wire format as stripe-node sends it: form-encoded bodies with bracketed keys
// (`line_items[0][price_data][unit_amount]=4500`), `Authorization: Bearer sk_test_…` checked
// against registered keys, `Idempotency-Key` honoured (same key + same parameters → the same
// object with `Idempotent-Replayed: true`; same key, other parameters → 400 idempotency_error),
// errors as `{error: {type, code, message, param}}`, 429 with `Stripe-Should-Retry`.
// Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/refunds.
// It also builds the events Stripe would send and signs them as Stripe does
// (`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`).
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody } from "./http.js";

type Obj = Record<string, unknown>;

export interface CapturedStripeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  params: Obj;
  status: number;
  response: unknown;
}

export interface StripeSession extends Obj {
  id: string;
  object: "checkout.session";
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  url: string | null;
  expires_at: number;
  client_reference_id: string | null;
}

export interface FakeStripe {
  readonly baseUrl: string;
  readonly requests: CapturedStripeRequest[];
  /** Checkout Sessions actually created (replays excluded). */
  readonly sessions: Map<string, StripeSession>;
  /** Registers a secret key the fake accepts. */
  addKey(key?: string): string;
  /** The next create answers this error (e.g. 429 with Stripe-Should-Retry). */
  failNext(status: number, error: { type: string; code?: string; message: string; param?: string }, headers?: Record<string, string>): void;
  /** The next create is carried out (and remembered under its idempotency key), but the connection drops before the answer. */
  dropResponseNext(): void;
  /** An event as Stripe would send it for a session (completed/paid, expired, async failed…). */
  sessionEvent(sessionId: string, type: "checkout.session.completed" | "checkout.session.expired" | "checkout.session.async_payment_failed" | "checkout.session.async_payment_succeeded", o?: { created?: number; id?: string }): Obj;
  /** charge.refunded for a paid session's PaymentIntent. */
  refundEvent(sessionId: string, amountRefunded: number, o?: { created?: number }): Obj;
  close(): Promise<void>;
}

/** Stripe-Signature for a body, computed as Stripe does. */
export function stripeSignatureHeader(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
  return `t=${t},v1=${v1}`;
}

/** `a[b][0][c]=v` form pairs → nested objects/arrays, as Stripe reads them. */
export function decodeStripeForm(raw: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.replace(/\]/g, "").split("[");
    let node: Obj = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Obj;
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "a")}`;
const error = (status: number, type: string, message: string, param?: string, code?: string) =>
  ({ status, body: { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } } });

export async function startFakeStripe(): Promise<FakeStripe> {
  const keys = new Set<string>();
  const requests: CapturedStripeRequest[] = [];
  const sessions = new Map<string, StripeSession>();
  const idempotency = new Map<string, { hash: string; status: number; body: unknown }>();
  const failures: Array<{ status: number; body: unknown; headers: Record<string, string> }> = [];
  let drop = 0;

  /** A scripted lost answer: the work is done (and remembered), the connection closes unanswered. */
  function dropped(req: IncomingMessage, captured: CapturedStripeRequest): boolean {
    if (drop <= 0) return false;
    drop--;
    captured.status = -1;
    req.socket.destroy();
    return true;
  }

  function createSession(p: Obj): { status: number; body: unknown } {
    if (p.mode !== "payment") return error(400, "invalid_request_error", "Missing required param: mode.", "mode");
    const item = (p.line_items as Obj[] | undefined)?.[0];
    const pd = item?.price_data as Obj | undefined;
    if (!item || !pd) return error(400, "invalid_request_error", "Missing required param: line_items.", "line_items");
    const currency = String(pd.currency ?? "");
    if (!/^[a-z]{3}$/.test(currency)) return error(400, "invalid_request_error", `Invalid currency: ${currency}.`, "line_items[0][price_data][currency]");
    if (!/^\d+$/.test(String(pd.unit_amount ?? ""))) return error(400, "invalid_request_error", "Invalid integer: unit_amount", "line_items[0][price_data][unit_amount]");
    if (!(pd.product_data as Obj | undefined)?.name) return error(400, "invalid_request_error", "Missing required param: line_items[0][price_data][product_data][name].", "line_items[0][price_data][product_data][name]");
    if (!p.success_url) return error(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
    const now = Math.floor(Date.now() / 1000);
    const expires = p.expires_at === undefined ? now + 86_400 : Number(p.expires_at);
    if (!Number.isInteger(expires) || expires < now + 1800 - 60 || expires > now + 86_400 + 60) {
      return error(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
    }
    const sid = id("cs");
    const quantity = Number(item.quantity ?? 1);
    const session: StripeSession = {
      id: sid, object: "checkout.session", amount_total: Number(pd.unit_amount) * quantity, amount_subtotal: Number(pd.unit_amount) * quantity,
      cancel_url: (p.cancel_url as string) ?? null, client_reference_id: (p.client_reference_id as string) ?? null, created: now, currency,
      expires_at: expires, livemode: false, metadata: (p.metadata as Record<string, string>) ?? {}, mode: "payment", payment_intent: null,
      payment_status: "unpaid", status: "open", success_url: p.success_url as string, url: `https://checkout.stripe.com/c/pay/${sid}`,
    };
    sessions.set(sid, session);
    return { status: 200, body: session };
  }

  function createRefund(p: Obj): { status: number; body: unknown } {
    const pi = String(p.payment_intent ?? "");
    const session = [...sessions.values()].find((s) => s.payment_intent === pi && s.payment_status === "paid");
    if (!session) return error(400, "invalid_request_error", `No such payment_intent: '${pi}'`, "payment_intent", "resource_missing");
    const amount = p.amount === undefined ? session.amount_total : Number(p.amount);
    if (amount > session.amount_total) return error(400, "invalid_request_error", "Refund amount is greater than charge amount.", "amount", "amount_too_large");
    return { status: 200, body: { id: id("re"), object: "refund", amount, currency: session.currency, payment_intent: pi, status: "succeeded", metadata: p.metadata ?? {}, created: Math.floor(Date.now() / 1000) } };
  }

  const server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    const params = decodeStripeForm(rawBody);
    const captured: CapturedStripeRequest = { method: req.method ?? "", path: url.pathname, headers: req.headers, rawBody, params, status: 0, response: null };
    requests.push(captured);
    const auth = req.headers.authorization ?? "";
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!keys.has(key)) {
      answerJson(res, captured, error(401, "invalid_request_error", `Invalid API Key provided: ${key.slice(0, 8)}****`));
      return;
    }
    const route = `${req.method} ${url.pathname}`;
    const create = route === "POST /v1/checkout/sessions" ? createSession : route === "POST /v1/refunds" ? createRefund : null;
    if (route.startsWith("GET /v1/checkout/sessions/")) {
      const s = sessions.get(url.pathname.split("/").pop()!);
      answerJson(res, captured, s ? { status: 200, body: s } : error(404, "invalid_request_error", "No such checkout.session", "id", "resource_missing"));
      return;
    }
    if (!create) {
      answerJson(res, captured, error(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${url.pathname}).`));
      return;
    }
    const failure = failures.shift();
    if (failure) {
      answerJson(res, captured, { status: failure.status, body: failure.body, headers: failure.headers });
      return;
    }
    const idemKey = req.headers["idempotency-key"];
    const hash = createHash("sha256").update(`${route}\n${rawBody}`).digest("hex");
    if (typeof idemKey === "string") {
      const prior = idempotency.get(`${key}|${idemKey}`);
      if (prior && prior.hash !== hash) {
        answerJson(res, captured, error(400, "idempotency_error",
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`));
        return;
      }
      if (prior) {
        if (dropped(req, captured)) return;
        answerJson(res, captured, { status: prior.status, body: prior.body, headers: { "idempotent-replayed": "true", "idempotency-key": idemKey } });
        return;
      }
    }
    const answer = create(params);
    if (typeof idemKey === "string" && answer.status < 500) idempotency.set(`${key}|${idemKey}`, { hash, ...answer });
    if (dropped(req, captured)) return;
    answerJson(res, captured, { ...answer, headers: { "request-id": `req_${randomBytes(7).toString("hex")}`, ...(typeof idemKey === "string" ? { "idempotency-key": idemKey } : {}) } });
  });

  const event = (type: string, object: Obj, o: { created?: number; id?: string } = {}): Obj => ({
    id: o.id ?? `evt_${randomBytes(12).toString("hex")}`, object: "event", api_version: "2026-10-28.endive", created: o.created ?? Math.floor(Date.now() / 1000),
    data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type,
  });

  return {
    baseUrl: server.baseUrl,
    requests,
    sessions,
    addKey(k = `sk_test_${randomBytes(12).toString("hex")}`) {
      keys.add(k);
      return k;
    },
    failNext(status, err, headers = {}) {
      failures.push({ status, body: { error: err }, headers });
    },
    dropResponseNext() {
      drop++;
    },
    sessionEvent(sessionId, type, o = {}) {
      const s = sessions.get(sessionId);
      if (!s) throw new Error(`no session ${sessionId}`);
      if (type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded") {
        s.payment_intent ??= id("pi");
        s.payment_status = "paid";
        s.status = "complete";
      } else if (type === "checkout.session.expired") {
        s.status = "expired";
        s.url = null;
      }
      return event(type, { ...s }, o);
    },
    refundEvent(sessionId, amountRefunded, o = {}) {
      const s = sessions.get(sessionId);
      if (!s?.payment_intent) throw new Error(`session ${sessionId} is not paid`);
      return event("charge.refunded", {
        id: id("ch"), object: "charge", amount: s.amount_total, amount_refunded: amountRefunded, currency: s.currency, paid: true,
        payment_intent: s.payment_intent, refunded: amountRefunded >= s.amount_total, metadata: s.metadata, status: "succeeded",
      }, o);
    },
    close: () => server.close(),
  };
}
