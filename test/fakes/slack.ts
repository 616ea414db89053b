// A fake Slack Web API on a real node:http server (127.0.0.1, random port). It serves
// POST /api/chat.postMessage as Slack does: form-encoded (what @slack/web-api sends, with
// `blocks` as a JSON string) or JSON bodies; `Authorization: Bearer xoxb-…` must be a
// registered bot token (else HTTP 200 `{ok:false, error:"invalid_auth"}`, or "not_authed"
// without one); channel, text/blocks and thread_ts are validated; success answers
// `{ok:true, channel, ts, message}` with a fresh ts. Posting to a user id (U…/W…) lands in
// the app's DM with that user, whose D… id is what comes back. Usage:
//
//   const slack = await startFakeSlackApi({ tokens: { "xoxb-…": "T0001" } });
//   slack.failNext("ratelimited", 429, { retryAfter: 1 });   // or "invalid_auth", "channel_not_found", 500
//   const [post] = await slack.waitForPosts(1);              // post.args.channel, .thread_ts, .blocks
import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, readBody, waitForCount } from "./http.js";

export interface SlackPost {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  contentType: string;
  rawBody: string;
  /** The decoded arguments (form fields, or JSON), with `blocks` parsed when it was a string. */
  args: Record<string, unknown>;
  status: number;
  response: unknown;
  /** Set for accepted posts: the conversation and ts of the created message. */
  channel?: string;
  ts?: string;
}

export interface FailOptions {
  times?: number;
  /** Retry-After seconds (sent as a header with HTTP 429). */
  retryAfter?: number;
}

export interface FakeSlackApi {
  /** e.g. http://127.0.0.1:41234/api — use as SLACK_API_BASE_URL. */
  readonly baseUrl: string;
  readonly requests: SlackPost[];
  /** Accepted chat.postMessage calls, in order. */
  posts(): SlackPost[];
  /** Registers a bot token for a workspace. */
  setToken(token: string, teamId: string): void;
  /** The DM channel id Slack uses for the app's conversation with `userId`. */
  setDm(userId: string, dmChannelId: string): void;
  /** The next authorized request(s) fail with `{ok:false, error}` (HTTP `status`, 200 by default) or a bare 5xx. */
  failNext(error: string, status?: number, opts?: FailOptions): void;
  delayNext(ms: number): void;
  /**
   * A file shared in Slack: served at its url_private_download to a registered bot token;
   * anything else gets Slack's HTML sign-in page with a 200, as Slack does.
   */
  addFile(file: { bytes: Uint8Array; name: string; mimetype: string }): { id: string; url_private_download: string; url_private: string; size: number };
  waitForPosts(n: number, timeoutMs?: number): Promise<SlackPost[]>;
  reset(): void;
  close(): Promise<void>;
}

const CONVERSATION = /^[CDG][A-Z0-9]{2,}$/;
const USER = /^[UW][A-Z0-9]{2,}$/;
const TS = /^\d{1,12}\.\d{1,9}$/;

function decode(contentType: string, raw: string): Record<string, unknown> | null {
  try {
    const args: Record<string, unknown> = contentType.startsWith("application/json")
      ? (JSON.parse(raw) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(raw));
    if (typeof args.blocks === "string") args.blocks = JSON.parse(args.blocks);
    return args;
  } catch {
    return null;
  }
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> };
const slackError = (error: string, status = 200): Answer => ({ status, body: { ok: false, error } });

function checkMessage(a: Record<string, unknown>): string | null {
  const blocks = a.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) return "invalid_blocks_format";
  const text = typeof a.text === "string" ? a.text : "";
  if (!text && !(Array.isArray(blocks) && blocks.length)) return "no_text";
  if (text.length > 40_000) return "msg_too_long";
  for (const b of (blocks ?? []) as Array<Record<string, any>>) {
    if (b.type === "section" && (typeof b.text?.text !== "string" || b.text.text.length > 3000)) return "invalid_blocks";
    if (b.type === "actions" && (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25)) return "invalid_blocks";
    if (b.type === "actions" && b.elements.some((e: any) => e.type !== "button" || !e.action_id || e.text?.text?.length > 75)) return "invalid_blocks";
    if (b.type !== "section" && b.type !== "actions") return "invalid_blocks";
  }
  if (a.thread_ts !== undefined && !(typeof a.thread_ts === "string" && TS.test(a.thread_ts))) return "invalid_thread_ts";
  return null;
}

export async function startFakeSlackApi(options: { tokens?: Record<string, string> } = {}): Promise<FakeSlackApi> {
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const dms = new Map<string, string>();
  const requests: SlackPost[] = [];
  let failures: Answer[] = [];
  let delays: number[] = [];
  let seq = 0;
  const files = new Map<string, { bytes: Uint8Array; mimetype: string }>();

  function decide(p: SlackPost): Answer {
    if (p.path !== "/api/chat.postMessage") return { status: 404, body: { ok: false, error: "unknown_method" } };
    const auth = p.headers["authorization"];
    const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!token) return slackError("not_authed");
    if (!tokens.has(token)) return slackError("invalid_auth");
    const a = p.args;
    const channel = typeof a.channel === "string" ? a.channel : "";
    if (!CONVERSATION.test(channel) && !USER.test(channel)) return slackError("channel_not_found");
    const refusal = checkMessage(a);
    if (refusal) return slackError(refusal);
    const scripted = failures.shift();
    if (scripted) return scripted;
    const landed = USER.test(channel) ? (dms.get(channel) ?? `D${channel.slice(1)}`) : channel;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
    p.channel = landed;
    p.ts = ts;
    return {
      status: 200,
      body: {
        ok: true, channel: landed, ts,
        message: { type: "message", subtype: "bot_message", text: a.text, ts, bot_id: "B0FAKE", ...(a.blocks ? { blocks: a.blocks } : {}), ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}) },
      },
    };
  }

  function serveFile(req: IncomingMessage, res: ServerResponse): boolean {
    const m = /^\/files-pri\/[A-Z0-9]+-(F[A-Z0-9]+)\/download\/[^/]+$/.exec(new URL(req.url ?? "/", "http://fake").pathname);
    if (req.method !== "GET" || !m) return false;
    const auth = req.headers["authorization"];
    const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : "";
    const file = files.get(m[1]!);
    if (!file || !tokens.has(token)) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to your workspace</body></html>");
      return true;
    }
    res.writeHead(200, { "content-type": file.mimetype, "content-length": String(file.bytes.byteLength) }).end(Buffer.from(file.bytes));
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (serveFile(req, res)) return;
    const rawBody = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    const p: SlackPost = {
      path: new URL(req.url ?? "/", "http://fake").pathname, headers: { ...req.headers }, contentType, rawBody,
      args: decode(contentType, rawBody) ?? {}, status: 0, response: undefined,
    };
    requests.push(p);
    const delay = delays.shift();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const answer = req.method === "POST" ? decide(p) : { status: 405, body: { ok: false, error: "method_not_allowed" } };
    p.status = answer.status;
    p.response = answer.body;
    if (res.destroyed) return;
    if (answer.status >= 500) {
      res.writeHead(answer.status, { "content-type": "text/plain" }).end("upstream trouble");
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  const server = await listen(handle);
  const posts = () => requests.filter((r) => r.status === 200 && r.ts !== undefined);

  return {
    baseUrl: `${server.baseUrl}/api`,
    requests,
    posts,
    setToken: (token, teamId) => void tokens.set(token, teamId),
    setDm: (userId, dm) => void dms.set(userId, dm),
    failNext(error, status = 200, opts = {}) {
      const headers: Record<string, string> = opts.retryAfter !== undefined ? { "retry-after": String(opts.retryAfter) } : {};
      for (let i = 0; i < (opts.times ?? 1); i++) failures.push({ status, body: { ok: false, error }, headers });
    },
    delayNext: (ms) => void delays.push(ms),
    addFile(f) {
      const id = `F${String(++seq).padStart(4, "0")}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      files.set(id, { bytes: f.bytes, mimetype: f.mimetype });
      const url = `${server.baseUrl}/files-pri/T0FAKE-${id}/download/${encodeURIComponent(f.name)}`;
      return { id, url_private_download: url, url_private: url.replace("/download/", "/"), size: f.bytes.byteLength };
    },
    async waitForPosts(n, timeoutMs = 5000) {
      return waitForCount(posts, n, timeoutMs, "fake Slack", "posts");
    },
    reset() {
      requests.length = 0;
      failures = [];
      delays = [];
    },
    close() {
      return server.close();
    },
  };
}
