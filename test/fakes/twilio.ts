// A fake Twilio Messages API on a real node:http server (127.0.0.1, random port), speaking
// the 2010-04-01 wire format: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form
// encoded, HTTP Basic auth (AccountSid:AuthToken) checked against registered accounts
// (20003 / HTTP 401), To/From/Body validated like Twilio (21604, 21211, 21212, 21606, 21602,
// 21617), 201 with the real resource shape and a fresh SM sid; scripted failures with the
// real error bodies. Also signs webhooks the way Twilio does, for tests that play Twilio.
//
//   const fake = await startFakeTwilio();
//   const { accountSid, authToken } = fake.addAccount({ numbers: ["+14155550100"] });
//   fake.failNext(20429, 429, 1, { "retry-after": "2" });
//   await fake.waitForSends(1);
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody, waitForCount } from "./http.js";
import { twilioSignature } from "../../channels/twilio/verify.js";
import { checkMessageForm, messageResource, twilioError, type Refusal, type TwilioErrorBody } from "./twilio-checks.js";
import { SenderBuckets, type RateDecision, type RateLimitRule } from "./rate-limit.js";

export { twilioFixture, twilioFixtureText, twilioForm, twilioError, type TwilioErrorBody } from "./twilio-checks.js";

export const newAccountSid = () => `AC${randomBytes(16).toString("hex")}`;
export const newAuthToken = () => randomBytes(16).toString("hex");
export const newMessageSid = (prefix = "SM") => `${prefix}${randomBytes(16).toString("hex")}`;

export interface CapturedTwilioRequest {
  method: string;
  path: string;
  accountSid?: string;
  /** Request headers as received (lower-case names), authorization included. */
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The form parameters (last value wins for repeated names). */
  form: Record<string, string>;
  status: number;
  response: unknown;
  /** "message" for a well-formed, authorized Messages create; "other" otherwise. */
  kind: "message" | "other";
  /** The SM sid returned for an accepted send. */
  sid?: string;
}

export interface FakeTwilio {
  /** e.g. http://127.0.0.1:41234 — use as TWILIO_API_BASE_URL. */
  readonly baseUrl: string;
  readonly requests: CapturedTwilioRequest[];
  /** Accepted sends (HTTP 201), in order. */
  sends(): CapturedTwilioRequest[];
  /** Registers an account (fresh sid/token unless given); `numbers` restricts the From numbers it owns. */
  addAccount(o?: { accountSid?: string; authToken?: string; numbers?: string[] }): { accountSid: string; authToken: string };
  /** The next authorized, well-formed send(s) get Twilio's error `code` (HTTP `status`, default the code's own). */
  failNext(code: number, status?: number, times?: number, headers?: Record<string, string>): void;
  /** The next request(s) are answered only after `ms`. */
  delayNext(ms: number, times?: number): void;
  waitForSends(n: number, timeoutMs?: number): Promise<CapturedTwilioRequest[]>;
  /**
   * Enforce a per-number (From) message rate (off by default): sends over it get HTTP 429 with
   * Twilio's error 20429 "Too Many Requests" (test/fakes/rate-limit.ts: token bucket). null removes it.
   */
  limitRate(fromNumber: string, rule: RateLimitRule | null): void;
  /** Every rate decision for limited numbers (time, From, accepted), in order. */
  readonly rateDecisions: RateDecision[];
  /**
   * Post a status callback for every accepted send that asked for one (StatusCallback), like
   * Twilio: form-encoded, signed with the account's auth token over that URL (off by default).
   */
  postReceipts(o: { status?: "sent" | "delivered"; delayMs?: number } | null): void;
  reset(): void;
  close(): Promise<void>;
}

interface Scripted extends Refusal {
  headers: Record<string, string>;
}

function basicAuth(header: string | string[] | undefined): { user: string; pass: string } | null {
  if (typeof header !== "string" || !header.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const i = decoded.indexOf(":");
  return i < 0 ? null : { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})\/Messages\.json$/;

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accounts = new Map<string, { authToken: string; numbers?: Set<string> }>();
  const requests: CapturedTwilioRequest[] = [];
  let failures: Scripted[] = [];
  let delays: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const buckets = new SenderBuckets();
  let receipts: { status: "sent" | "delivered"; delayMs: number } | null = null;
  const posting = new Set<Promise<unknown>>();

  function receipt(r: NonNullable<typeof receipts>, url: string, authToken: string, accountSid: string, sid: string, form: Record<string, string>): void {
    const params = {
      ApiVersion: "2010-04-01", AccountSid: accountSid, From: form["From"] ?? "", MessageSid: sid, MessageStatus: r.status,
      SmsSid: sid, SmsStatus: r.status, To: form["To"] ?? "",
    };
    const { headers, body } = signedForm(url, params, authToken);
    const p = new Promise((res) => setTimeout(res, r.delayMs))
      .then(() => fetch(url, { method: "POST", headers, body }))
      .then((res) => res.arrayBuffer())
      .catch(() => undefined)
      .finally(() => posting.delete(p));
    posting.add(p);
  }

  function decide(c: CapturedTwilioRequest): { status: number; body: TwilioErrorBody | object; headers?: Record<string, string> } {
    const match = MESSAGES_PATH.exec(c.path);
    if (c.method !== "POST" || !match) return twilioError(20404, 404, `The requested resource ${c.path} was not found`);
    const accountSid = match[1]!;
    c.accountSid = accountSid;
    const auth = basicAuth(c.headers["authorization"]);
    const account = auth ? accounts.get(auth.user) : undefined;
    if (!auth || !account || account.authToken !== auth.pass) return twilioError(20003);
    if (auth.user !== accountSid) return twilioError(20404, 404, `The requested resource ${c.path} was not found`);
    if (!String(c.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return twilioError(21602);
    const refusal = checkMessageForm(c.form, account.numbers);
    if (refusal) return refusal;
    c.kind = "message";
    const scripted = failures.shift();
    if (scripted) return scripted;
    if (c.form["From"] && !buckets.take(c.form["From"])) return twilioError(20429, 429);
    c.sid = newMessageSid();
    if (receipts && c.form["StatusCallback"]) receipt(receipts, c.form["StatusCallback"], account.authToken, accountSid, c.sid, c.form);
    return { status: 201, body: messageResource(accountSid, c.sid, c.form) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const captured: CapturedTwilioRequest = {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://fake").pathname,
      headers: { ...req.headers },
      rawBody,
      form: Object.fromEntries(new URLSearchParams(rawBody)),
      status: 0,
      response: undefined,
      kind: "other",
    };
    requests.push(captured);
    const delay = delays.shift();
    if (delay) await new Promise<void>((r) => timers.add(setTimeout(r, delay)));
    answerJson(res, captured, decide(captured), "application/json; charset=utf-8");
  }

  const server = await listen(handle);
  const sends = () => requests.filter((r) => r.kind === "message" && r.status === 201);

  return {
    baseUrl: server.baseUrl,
    requests,
    sends,
    addAccount(o = {}) {
      const accountSid = o.accountSid ?? newAccountSid();
      const authToken = o.authToken ?? newAuthToken();
      accounts.set(accountSid, { authToken, ...(o.numbers ? { numbers: new Set(o.numbers) } : {}) });
      return { accountSid, authToken };
    },
    failNext(code, status, times = 1, headers = {}) {
      const refusal = twilioError(code, status);
      for (let i = 0; i < times; i++) failures.push({ ...refusal, headers });
    },
    delayNext(ms, times = 1) {
      for (let i = 0; i < times; i++) delays.push(ms);
    },
    async waitForSends(n, timeoutMs = 5000) {
      return waitForCount(sends, n, timeoutMs, "fake Twilio", "sends");
    },
    limitRate: (fromNumber, rule) => buckets.set(fromNumber, rule),
    rateDecisions: buckets.decisions,
    postReceipts(o) {
      receipts = o ? { status: o.status ?? "delivered", delayMs: o.delayMs ?? 0 } : null;
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

/** What Twilio would POST to `url`: form body and headers with X-Twilio-Signature. */
export function signedForm(url: string, params: Record<string, string>, authToken: string): { headers: Record<string, string>; body: string } {
  return {
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(authToken, url, params),
      "user-agent": "TwilioProxy/1.1",
    },
    body: new URLSearchParams(params).toString(),
  };
}
