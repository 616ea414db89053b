// A fake Razorpay API on a real node:http server, speaking Razorpay's wire format as the
// official SDK sends it: JSON bodies, HTTP Basic auth `key_id:key_secret` checked against
// registered keys, amounts in the currency's smallest unit, errors as
// `{error: {code: "BAD_REQUEST_ERROR", description, field, source, step, reason, metadata}}`.
// Endpoints: POST /v1/payment_links (a reference_id already used → 400 on field reference_id),
// GET /v1/payment_links?reference_id=…, GET /v1/payment_links/:id, POST /v1/payments/:id/refund,
// GET /v1/payments/:id/refunds. It also builds the webhook bodies Razorpay sends
// (payment_link.paid / .expired / .cancelled, refund.processed) and signs them
// (X-Razorpay-Signature = hex HMAC-SHA256 of the raw body with the webhook secret).
import { createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody } from "./http.js";

type Obj = Record<string, unknown>;

export interface CapturedRazorpayRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  response: unknown;
}

export interface RazorpayLink extends Obj {
  id: string;
  amount: number;
  amount_paid: number;
  currency: string;
  reference_id: string;
  short_url: string;
  status: "created" | "paid" | "expired" | "cancelled";
  notes: Record<string, string>;
  expire_by: number;
  payments: Obj[] | null;
}

export interface FakeRazorpay {
  readonly baseUrl: string;
  readonly requests: CapturedRazorpayRequest[];
  /** Payment links actually created. */
  readonly links: Map<string, RazorpayLink>;
  readonly refunds: Obj[];
  addKey(): { keyId: string; keySecret: string };
  failNext(status: number, description: string, field?: string): void;
  /** The next create is carried out, but the connection drops before the answer. */
  dropResponseNext(): void;
  /** A webhook body for a link (`paid` also marks it paid with a new pay_… id). */
  linkEvent(linkId: string, event: "payment_link.paid" | "payment_link.expired" | "payment_link.cancelled", o?: { createdAt?: number }): Obj;
  refundEvent(paymentId: string, o?: { createdAt?: number }): Obj;
  close(): Promise<void>;
}

export const razorpaySignature = (body: string, secret: string) => createHmac("sha256", secret).update(body, "utf8").digest("hex");

const rid = (prefix: string) => `${prefix}_${randomBytes(10).toString("base64url").replace(/[-_]/g, "Q").slice(0, 14)}`;
const badRequest = (description: string, field: string | null = null, status = 400) => ({
  status,
  body: { error: { code: status === 401 ? "BAD_REQUEST_ERROR" : status >= 500 ? "SERVER_ERROR" : "BAD_REQUEST_ERROR", description, field, source: "business", step: "payment_initiation", reason: "input_validation_failed", metadata: {} } },
});

export async function startFakeRazorpay(): Promise<FakeRazorpay> {
  const keys = new Map<string, string>();
  const requests: CapturedRazorpayRequest[] = [];
  const links = new Map<string, RazorpayLink>();
  const refunds: Obj[] = [];
  const payments = new Map<string, { amount: number; currency: string; refunded: number; linkId: string }>();
  const failures: Array<{ status: number; body: unknown }> = [];
  let drop = 0;

  function createLink(b: Obj): { status: number; body: unknown } {
    if (!Number.isSafeInteger(b.amount) || (b.amount as number) < 100) return badRequest("The amount must be atleast INR 1.00", "amount");
    if (typeof b.currency !== "string" || !/^[A-Z]{3}$/.test(b.currency)) return badRequest("The currency provided is invalid", "currency");
    const ref = b.reference_id;
    if (typeof ref === "string" && ref.length > 40) return badRequest("The reference id may not be greater than 40 characters.", "reference_id");
    if (typeof ref === "string" && [...links.values()].some((l) => l.reference_id === ref)) {
      return badRequest(`Payment Link with reference id ${ref} already exists`, "reference_id");
    }
    const now = Math.floor(Date.now() / 1000);
    if (b.expire_by !== undefined && (!Number.isInteger(b.expire_by) || (b.expire_by as number) < now + 15 * 60)) {
      return badRequest("expire by date should be at least 15 minutes after current time", "expire_by");
    }
    const id = rid("plink");
    const link: RazorpayLink = {
      id, entity: "payment_link", accept_partial: Boolean(b.accept_partial), amount: b.amount as number, amount_paid: 0, cancelled_at: 0, created_at: now,
      currency: b.currency, customer: b.customer ?? {}, description: b.description ?? "", expire_by: (b.expire_by as number) ?? 0, expired_at: 0,
      notes: (b.notes as Record<string, string>) ?? {}, payments: null, reference_id: (ref as string) ?? "", reminder_enable: false,
      short_url: `https://rzp.io/i/${randomBytes(5).toString("hex")}`, status: "created", updated_at: now, user_id: "",
    };
    links.set(id, link);
    return { status: 200, body: link };
  }

  const server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://x");
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const captured: CapturedRazorpayRequest = { method: req.method ?? "", path: url.pathname, headers: req.headers, body, status: 0, response: null };
    requests.push(captured);
    const auth = req.headers.authorization ?? "";
    const [keyId, secret] = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8").split(":") : [];
    if (!keyId || keys.get(keyId) !== secret) {
      answerJson(res, captured, badRequest("The api key provided is invalid", null, 401));
      return;
    }
    const path = url.pathname.replace(/\/+$/, "");
    if (req.method === "POST" && path === "/v1/payment_links") {
      const failure = failures.shift();
      if (failure) return answerJson(res, captured, failure);
      const answer = createLink((body ?? {}) as Obj);
      if (drop > 0 && answer.status === 200) {
        drop--;
        captured.status = -1;
        req.socket.destroy();
        return;
      }
      return answerJson(res, captured, answer);
    }
    if (req.method === "GET" && path === "/v1/payment_links") {
      const ref = url.searchParams.get("reference_id");
      const items = [...links.values()].filter((l) => !ref || l.reference_id === ref);
      return answerJson(res, captured, { status: 200, body: { payment_links: items } });
    }
    const linkMatch = /^\/v1\/payment_links\/(plink_\w+)$/.exec(path);
    if (req.method === "GET" && linkMatch) {
      const l = links.get(linkMatch[1]!);
      return answerJson(res, captured, l ? { status: 200, body: l } : badRequest("The id provided does not exist", "id"));
    }
    const refundMatch = /^\/v1\/payments\/(pay_\w+)\/refunds?$/.exec(path);
    if (refundMatch) {
      const p = payments.get(refundMatch[1]!);
      if (!p) return answerJson(res, captured, badRequest("The id provided does not exist", "id"));
      if (req.method === "GET") {
        const items = refunds.filter((r) => r.payment_id === refundMatch[1]);
        return answerJson(res, captured, { status: 200, body: { entity: "collection", count: items.length, items } });
      }
      const b = (body ?? {}) as Obj;
      const amount = b.amount === undefined ? p.amount - p.refunded : Number(b.amount);
      if (amount + p.refunded > p.amount) return answerJson(res, captured, badRequest("The refund amount provided is greater than amount captured", "amount"));
      p.refunded += amount;
      const refund = { id: rid("rfnd"), entity: "refund", amount, currency: p.currency, payment_id: refundMatch[1], notes: b.notes ?? {}, receipt: null, status: "processed", speed_processed: "normal", created_at: Math.floor(Date.now() / 1000) };
      refunds.push(refund);
      return answerJson(res, captured, { status: 200, body: refund });
    }
    answerJson(res, captured, badRequest("The requested URL was not found on the server.", null, 404));
  });

  const envelope = (event: string, contains: string[], payload: Obj, createdAt?: number): Obj => ({
    entity: "event", account_id: "acc_Fake0000000001", event, contains, payload, created_at: createdAt ?? Math.floor(Date.now() / 1000),
  });

  return {
    baseUrl: server.baseUrl,
    requests,
    links,
    refunds,
    addKey() {
      const keyId = `rzp_test_${randomBytes(7).toString("hex")}`;
      const keySecret = randomBytes(12).toString("hex");
      keys.set(keyId, keySecret);
      return { keyId, keySecret };
    },
    failNext(status, description, field) {
      failures.push(badRequest(description, field ?? null, status));
    },
    dropResponseNext() {
      drop++;
    },
    linkEvent(linkId, event, o = {}) {
      const l = links.get(linkId);
      if (!l) throw new Error(`no link ${linkId}`);
      const now = o.createdAt ?? Math.floor(Date.now() / 1000);
      const order = { id: rid("order"), entity: "order", amount: l.amount, amount_paid: 0, amount_due: l.amount, currency: l.currency, receipt: null, status: "created", notes: l.notes };
      if (event === "payment_link.paid") {
        const payId = rid("pay");
        payments.set(payId, { amount: l.amount, currency: l.currency, refunded: 0, linkId });
        l.status = "paid";
        l.amount_paid = l.amount;
        const payment = { id: payId, entity: "payment", amount: l.amount, currency: l.currency, status: "captured", order_id: order.id, method: "upi", amount_refunded: 0, captured: true, notes: {}, created_at: now };
        l.payments = [{ amount: l.amount, created_at: now, method: "upi", payment_id: payId, status: "captured" }];
        return envelope(event, ["payment_link", "order", "payment"], {
          payment_link: { entity: { ...l } }, order: { entity: { ...order, amount_paid: l.amount, amount_due: 0, status: "paid" } }, payment: { entity: payment },
        }, now);
      }
      l.status = event === "payment_link.expired" ? "expired" : "cancelled";
      return envelope(event, ["payment_link", "order"], { payment_link: { entity: { ...l } }, order: { entity: order } }, now);
    },
    refundEvent(paymentId, o = {}) {
      const p = payments.get(paymentId);
      const refund = [...refunds].reverse().find((r) => r.payment_id === paymentId);
      if (!p || !refund) throw new Error(`no refund for ${paymentId}`);
      return envelope("refund.processed", ["refund", "payment"], {
        refund: { entity: refund },
        payment: { entity: { id: paymentId, entity: "payment", amount: p.amount, currency: p.currency, status: "refunded", amount_refunded: p.refunded, refund_status: p.refunded >= p.amount ? "full" : "partial" } },
      }, o.createdAt);
    },
    close: () => server.close(),
  };
}
