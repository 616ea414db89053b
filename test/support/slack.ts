// Sends requests to our server the way Slack does: JSON event callbacks and form-encoded
// slash commands / interactivity (`payload=<json>`), signed with the app's signing secret
// (`v0=` + HMAC-SHA256 over `v0:<timestamp>:<raw body>`), with Slack's retry headers on
// demand. Plus builders of Slack payloads with fresh ids, and a workspace registered
// through the admin API.
import { createHmac, randomBytes } from "node:crypto";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/slack.js";
import { startHarness, type Harness } from "./harness.js";

export const SLACK_SIGNING_SECRET = "test-slack-signing-secret-8f742231b10e";

export function slackSignature(rawBody: string, timestamp: number | string, secret = SLACK_SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SlackSendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  secret?: string;
  /** Override (or `null` to omit) the X-Slack-Signature header. */
  signature?: string | null;
  /** Adds X-Slack-Retry-Num / X-Slack-Retry-Reason like a Slack redelivery. */
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: any;
  ms: number;
}

const randomId = (prefix: string, n = 9) => `${prefix}${randomBytes(n).toString("hex").toUpperCase().slice(0, n)}`;
export const newTs = () => `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

export function slackClient(baseUrl: string) {
  async function send(path: string, raw: string, contentType: string, o: SlackSendOptions = {}): Promise<SlackResponse> {
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = o.signature === undefined ? slackSignature(raw, ts, o.secret) : o.signature;
    const started = performance.now();
    const res = await fetch(`${baseUrl}/webhooks/slack${path}`, {
      method: "POST",
      headers: {
        "content-type": contentType, "x-slack-request-timestamp": String(ts), "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        ...(signature ? { "x-slack-signature": signature } : {}),
        ...(o.retryNum ? { "x-slack-retry-num": String(o.retryNum), "x-slack-retry-reason": "http_timeout" } : {}),
      },
      body: raw,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, ms: performance.now() - started };
  }
  return {
    /** Any raw body, signed as given. */
    raw: send,
    event: (body: unknown, o?: SlackSendOptions) => send("/events", JSON.stringify(body), "application/json", o),
    command: (fields: Record<string, string>, o?: SlackSendOptions) =>
      send("/commands", new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", o),
    action: (payload: unknown, o?: SlackSendOptions) =>
      send("/interactivity", new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded", o),
  };
}

export interface SlackWorkspace {
  tenantId: string;
  teamId: string;
  botToken: string;
  botUserId: string;
  owner: string;
  ownerDm: string;
}

/** A tenant with a Slack workspace and an owner registered through the admin API. */
export async function registerSlackWorkspace(h: Harness, slack: FakeSlackApi, opts: { knowledge?: Array<{ title: string; content: string }> } = {}): Promise<SlackWorkspace> {
  const { tenantId } = await h.createTenant(opts);
  const ws = {
    tenantId, teamId: randomId("T"), botToken: `xoxb-${Date.now()}-${randomBytes(12).toString("hex")}`,
    botUserId: randomId("U"), owner: randomId("U"), ownerDm: randomId("D"),
  };
  slack.setToken(ws.botToken, ws.teamId);
  slack.setDm(ws.owner, ws.ownerDm);
  const a = await h.admin("PUT", `/tenants/${tenantId}/channels/slack`, { teamId: ws.teamId, botToken: ws.botToken, botUserId: ws.botUserId });
  if (a.status !== 200) throw new Error(`register slack: ${a.status} ${JSON.stringify(a.body)}`);
  const o = await h.admin("POST", `/tenants/${tenantId}/owners`, { channel: "slack", address: ws.owner, displayName: "Priya" });
  if (o.status !== 201) throw new Error(`register owner: ${o.status} ${JSON.stringify(o.body)}`);
  return ws;
}

export function dmEvent(ws: SlackWorkspace, o: { text: string; user?: string; channel?: string; ts?: string; threadTs?: string }) {
  const ts = o.ts ?? newTs();
  return {
    token: "legacy-verification-token", team_id: ws.teamId, api_app_id: "A07GROWAPP", type: "event_callback",
    event_id: randomId("Ev", 10), event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "message", channel_type: "im", user: o.user ?? ws.owner, text: o.text, ts, event_ts: ts,
      channel: o.channel ?? ws.ownerDm, ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    },
    authorizations: [{ enterprise_id: null, team_id: ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

export function slashCommand(ws: SlackWorkspace, o: { text: string; user?: string; channel?: string; triggerId?: string }): Record<string, string> {
  return {
    token: "legacy-verification-token", team_id: ws.teamId, team_domain: "glow-studio", channel_id: o.channel ?? "C07MARKETNG",
    channel_name: "marketing", user_id: o.user ?? ws.owner, user_name: "priya", command: "/growai", text: o.text, api_app_id: "A07GROWAPP",
    is_enterprise_install: "false", response_url: `https://hooks.slack.com/commands/${ws.teamId}/1/${randomId("x", 12)}`,
    trigger_id: o.triggerId ?? `${Date.now()}.${randomId("", 10)}.${randomBytes(16).toString("hex")}`,
  };
}

export function blockActions(ws: SlackWorkspace, o: { actionId: string; value: string; messageTs: string; threadTs?: string; channel?: string; user?: string }) {
  const channel = o.channel ?? ws.ownerDm;
  return {
    type: "block_actions", user: { id: o.user ?? ws.owner, username: "priya", name: "priya", team_id: ws.teamId }, api_app_id: "A07GROWAPP",
    token: "legacy-verification-token", trigger_id: `${Date.now()}.1.${randomBytes(16).toString("hex")}`,
    container: { type: "message", message_ts: o.messageTs, channel_id: channel, is_ephemeral: false, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) },
    team: { id: ws.teamId, domain: "glow-studio" }, channel: { id: channel, name: "directmessage" },
    message: { type: "message", user: ws.botUserId, ts: o.messageTs, ...(o.threadTs ? { thread_ts: o.threadTs } : {}), text: "Approve?" },
    response_url: `https://hooks.slack.com/actions/${ws.teamId}/1/${randomId("x", 12)}`,
    actions: [{ action_id: o.actionId, block_id: "buttons:1", text: { type: "plain_text", text: o.value, emoji: true }, value: o.value, type: "button", action_ts: newTs() }],
  };
}

/** The harness wired to a fake Slack Web API, with a client that signs requests like Slack. */
export async function startSlackHarness(): Promise<{ h: Harness; slack: FakeSlackApi; client: ReturnType<typeof slackClient>; close(): Promise<void> }> {
  const slack = await startFakeSlackApi();
  const h = await startHarness({ env: { SLACK_SIGNING_SECRET, SLACK_API_BASE_URL: slack.baseUrl } });
  return {
    h, slack, client: slackClient(h.baseUrl),
    async close() {
      await h.close();
      await slack.close();
    },
  };
}
