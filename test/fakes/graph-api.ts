// A fake WhatsApp Cloud (Graph) API on a real node:http server (127.0.0.1, random port).
// It checks each POST /{version}/{phone_number_id}/messages like Graph: route, bearer token
// of that phone number (190 / HTTP 401), body shape (100 / HTTP 400); answers success with
// a fresh `wamid.` id, or with scripted real error bodies. Usage:
//
//   const graph = await startFakeGraphApi({ tokens: { "109876543210987": "tok" } });
//   const sender = createWhatsAppSender({ baseUrl: graph.baseUrl, apiVersion: graph.apiVersion });
//   graph.failNext(whatsappFixture("error-130429-rate-limit.json"), 400);
//   await graph.waitForSends(2);  // e2e: wait until 2 messages were accepted
//   await graph.close();
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody, waitForCount } from "./http.js";
import { checkMessagesBody, invalidToken, objectNotFound, unknownPath, whatsappFixture, type GraphErrorBody } from "./graph-api-checks.js";
import { SenderBuckets, type RateDecision, type RateLimitRule } from "./rate-limit.js";

export { whatsappFixture, type GraphErrorBody } from "./graph-api-checks.js";

export interface CapturedRequest {
  method: string;
  path: string;
  phoneNumberId?: string;
  /** Request headers as received (lower-case names), authorization included. */
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  /** What the fake answered. */
  status: number;
  response: unknown;
  /** "message" for sends, "read" for mark-as-read, "other" for anything refused before the body was read. */
  kind: "message" | "read" | "other";
  /** The wamid returned for an accepted send. */
  providerMessageId?: string;
}

export interface FakeGraphApiOptions {
  /** Version segment the fake routes (default "v23.0"); other versions get "Unknown path components". */
  apiVersion?: string;
  /** phone_number_id → access token accepted for it. */
  tokens?: Record<string, string>;
}

export interface FailOptions {
  /** How many of the next requests fail (default 1). */
  times?: number;
  /** Extra response headers, e.g. { "retry-after": "7" }. */
  headers?: Record<string, string>;
}

export interface FakeGraphApi {
  /** e.g. http://127.0.0.1:41234 — use as GRAPH_API_BASE_URL. */
  readonly baseUrl: string;
  readonly apiVersion: string;
  /** Every request received, in order, accepted or refused. */
  readonly requests: CapturedRequest[];
  /** Accepted message sends (HTTP 200, kind "message"), in order. */
  sends(): CapturedRequest[];
  setToken(phoneNumberId: string, token: string): void;
  /** The next authorized, well-formed request(s) get `status` with `errorBody` (a real Graph error). */
  failNext(errorBody: GraphErrorBody, status: number, times?: number | FailOptions): void;
  /** The next request(s) are answered only after `ms` (to exercise client timeouts). */
  delayNext(ms: number, times?: number): void;
  /** Resolves with the accepted sends once there are at least `n`; rejects after `timeoutMs`. */
  waitForSends(n: number, timeoutMs?: number): Promise<CapturedRequest[]>;
  /** Media a person "sent": GET /{version}/{id} answers its metadata, GET of its url the bytes (both need a known token). */
  addMedia(media: { bytes: Uint8Array; mimeType: string }): string;
  /**
   * Enforce a per-number message rate (off by default): sends over it are refused like Graph,
   * HTTP 400 with error 130429 "Rate limit hit" (test/fakes/rate-limit.ts: token bucket). null removes it.
   */
  limitRate(phoneNumberId: string, rule: RateLimitRule | null): void;
  /** Every rate decision for limited numbers (time, number, accepted), in order. */
  readonly rateDecisions: RateDecision[];
  /**
   * Post a status webhook for every accepted send (off by default), like Meta: the `statuses`
   * change with the wamid, recipient_id and biz_opaque_callback_data, signed with `appSecret`.
   */
  postReceipts(o: { url: string; appSecret: string; status?: "sent" | "delivered"; delayMs?: number } | null): void;
  /** Forgets captured requests, scripted failures and delays (tokens are kept). */
  reset(): void;
  close(): Promise<void>;
}

interface Scripted {
  status: number;
  body: GraphErrorBody;
  headers: Record<string, string>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startFakeGraphApi(options: FakeGraphApiOptions = {}): Promise<FakeGraphApi> {
  const apiVersion = options.apiVersion ?? "v23.0";
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const requests: CapturedRequest[] = [];
  let failures: Scripted[] = [];
  let delays: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const media = new Map<string, { bytes: Uint8Array; mimeType: string }>();
  const buckets = new SenderBuckets();
  let receipts: { url: string; appSecret: string; status: "sent" | "delivered"; delayMs: number } | null = null;
  const posting = new Set<Promise<unknown>>();
  let baseUrl = "";
  const bearer = (c: CapturedRequest) => {
    const auth = c.headers["authorization"];
    return typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : "";
  };

  /** GET /{version}/{media-id}: the media's metadata, like Graph (an unknown id is code 100, subcode 33). */
  function mediaMetadata(captured: CapturedRequest, mediaId: string): { status: number; body: unknown } {
    const token = bearer(captured);
    if (!token || ![...tokens.values()].includes(token)) return invalidToken();
    const m = media.get(mediaId);
    if (!m) {
      const refusal = objectNotFound(mediaId);
      return { ...refusal, body: { error: { ...refusal.body.error, message: refusal.body.error.message.replace("Unsupported post request", "Unsupported get request") } } };
    }
    return {
      status: 200,
      body: {
        messaging_product: "whatsapp", url: `${baseUrl}/whatsapp_business/attachments/?mid=${mediaId}&ext=${Date.now()}`, mime_type: m.mimeType,
        sha256: createHash("sha256").update(m.bytes).digest("hex"), file_size: m.bytes.byteLength, id: mediaId,
      },
    };
  }

  function decide(captured: CapturedRequest): { status: number; body: unknown; headers?: Record<string, string> } {
    const get = /^\/([^/]+)\/([^/]+)$/.exec(captured.path);
    if (captured.method === "GET" && get && get[1] === apiVersion) return mediaMetadata(captured, decodeURIComponent(get[2] ?? ""));
    const match = /^\/([^/]+)\/([^/]+)\/messages$/.exec(captured.path);
    if (captured.method !== "POST" || !match || match[1] !== apiVersion) return unknownPath(captured.path);
    const phoneNumberId = decodeURIComponent(match[2] ?? "");
    captured.phoneNumberId = phoneNumberId;
    const auth = captured.headers["authorization"];
    const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!token || ![...tokens.values()].includes(token)) return invalidToken();
    if (tokens.get(phoneNumberId) !== token) return objectNotFound(phoneNumberId);
    const check = checkMessagesBody(captured.body);
    if ("refusal" in check) return check.refusal;
    captured.kind = check.kind;
    const scripted = failures.shift();
    if (scripted) return scripted;
    if (check.kind === "message" && !buckets.take(phoneNumberId)) return rateLimitHit();
    if (check.kind === "read") return { status: 200, body: { success: true } };
    const to = (captured.body as { to: string }).to;
    captured.providerMessageId = `wamid.${randomBytes(24).toString("base64url")}`;
    if (receipts) receipt(receipts, phoneNumberId, to, captured.providerMessageId, (captured.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data);
    return {
      status: 200,
      body: { messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to.replace(/^\+/, "") }], messages: [{ id: captured.providerMessageId }] },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const captured: CapturedRequest = {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://fake").pathname,
      headers: { ...req.headers },
      rawBody,
      body: parseJson(rawBody),
      status: 0,
      response: undefined,
      kind: "other",
    };
    requests.push(captured);
    const delay = delays.shift();
    if (delay) await new Promise<void>((r) => timers.add(setTimeout(r, delay)));
    // the media download URL (lookaside.fbsbx.com in production): the bytes, for a known token
    if (captured.method === "GET" && captured.path === "/whatsapp_business/attachments/") {
      const m = media.get(new URL(req.url ?? "/", "http://fake").searchParams.get("mid") ?? "");
      const token = bearer(captured);
      if (!m || !token || ![...tokens.values()].includes(token)) return answerJson(res, captured, m ? invalidToken() : { status: 404, body: { error: "not found" } });
      captured.status = 200;
      res.writeHead(200, { "content-type": m.mimeType, "content-length": String(m.bytes.byteLength) }).end(Buffer.from(m.bytes));
      return;
    }
    answerJson(res, captured, decide(captured));
  }

  function receipt(r: NonNullable<typeof receipts>, phoneNumberId: string, to: string, wamid: string, callbackData: string | undefined): void {
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "300000000000099", changes: [{ field: "messages", value: {
        messaging_product: "whatsapp", metadata: { display_phone_number: "15550009999", phone_number_id: phoneNumberId },
        statuses: [{
          id: wamid, status: r.status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: to.replace(/^\+/, ""),
          ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
        }],
      } }] }],
    });
    const signature = `sha256=${createHmac("sha256", r.appSecret).update(raw).digest("hex")}`;
    const p = new Promise((res) => setTimeout(res, r.delayMs))
      .then(() => fetch(r.url, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body: raw }))
      .then((res) => res.arrayBuffer())
      .catch(() => undefined)
      .finally(() => posting.delete(p));
    posting.add(p);
  }

  /** Graph's throughput refusal (../shared/fixtures/whatsapp/error-130429-rate-limit.json, fresh fbtrace_id). */
  function rateLimitHit(): { status: number; body: GraphErrorBody } {
    const body = whatsappFixture<GraphErrorBody>("error-130429-rate-limit.json");
    return { status: 400, body: { error: { ...body.error, fbtrace_id: randomBytes(12).toString("base64url") } } };
  }

  const server = await listen(handle);
  baseUrl = server.baseUrl;
  const sends = () => requests.filter((r) => r.kind === "message" && r.status === 200);

  return {
    baseUrl: server.baseUrl,
    apiVersion,
    requests,
    sends,
    setToken: (phoneNumberId, token) => void tokens.set(phoneNumberId, token),
    limitRate: (phoneNumberId, rule) => buckets.set(phoneNumberId, rule),
    rateDecisions: buckets.decisions,
    postReceipts(o) {
      receipts = o ? { url: o.url, appSecret: o.appSecret, status: o.status ?? "delivered", delayMs: o.delayMs ?? 0 } : null;
    },
    addMedia(m) {
      const id = String(1_000_000_000_000_000 + media.size * 7919 + Math.floor(Math.random() * 1e9));
      media.set(id, m);
      return id;
    },
    failNext(errorBody, status, times = 1) {
      const opts = typeof times === "number" ? { times } : times;
      for (let i = 0; i < (opts.times ?? 1); i++) failures.push({ status, body: errorBody, headers: opts.headers ?? {} });
    },
    delayNext(ms, times = 1) {
      for (let i = 0; i < times; i++) delays.push(ms);
    },
    async waitForSends(n, timeoutMs = 5000) {
      return waitForCount(sends, n, timeoutMs, "fake Graph API", "sends");
    },
    reset() {
      requests.length = 0;
      failures = [];
      delays = [];
      buckets.reset();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...posting]);
      return server.close();
    },
  };
}
