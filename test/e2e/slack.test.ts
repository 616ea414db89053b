// Slack end to end through the real HTTP endpoints (Bolt on our express app) and workers,
// on the real PostgreSQL and Redis, replying through the fake Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundJobId } from "../../api/pipeline/queues.js";
import type { FakeSlackApi } from "../fakes/slack.js";
import { eventually, SALON_KNOWLEDGE, type Harness } from "../support/harness.js";
import {
  blockActions, dmEvent, newTs, registerSlackWorkspace, slackClient, slashCommand, startSlackHarness, type SlackWorkspace,
} from "../support/slack.js";

let h: Harness;
let slack: FakeSlackApi;
let client: ReturnType<typeof slackClient>;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, slack, client, close } = await startSlackHarness());
});
afterAll(async () => {
  await close?.();
});

const postsFor = (ws: SlackWorkspace) => slack.posts().filter((p) => p.headers.authorization === `Bearer ${ws.botToken}`);
const inbound = (tenantId: string) => h.c.db.message.findMany({ where: { tenantId, direction: "inbound" }, orderBy: { createdAt: "asc" } });
const jobExists = async (tenantId: string, providerMessageId: string) =>
  (await h.c.queues.inbound.getJob(inboundJobId(tenantId, { type: "message", message: { channel: "slack", providerMessageId } as never }))) !== undefined;

describe("Slack ingress", () => {
  it("answers the url_verification challenge", async () => {
    const res = await client.event({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
    expect(res).toMatchObject({ status: 200, body: { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" } });
  });

  it("an owner's DM is answered once, in that DM's thread, even when Slack redelivers it", async () => {
    const ws = await registerSlackWorkspace(h, slack, { knowledge: SALON_KNOWLEDGE });
    const ts = newTs();
    const event = dmEvent(ws, { text: "When are we open?", ts });
    const first = await client.event(event);
    expect(first.status).toBe(200);
    const [post] = await eventually(async () => (postsFor(ws).length ? postsFor(ws) : null));
    expect(post!.channel).toBe(ws.ownerDm);
    expect(post!.args).toMatchObject({ channel: ws.ownerDm, thread_ts: ts, mrkdwn: "true" });
    expect(String(post!.args.text)).toMatch(/Tuesday/);

    // Slack's redeliveries of the same event: acknowledged, no second reply
    for (const retryNum of [1, 2]) expect((await client.event(event, { retryNum })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(postsFor(ws)).toHaveLength(1);
    const rows = await inbound(ws.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ providerMessageId: `${ws.ownerDm}:${ts}`, text: "When are we open?" });
    const conv = await h.c.db.conversation.findUniqueOrThrow({ where: { id: rows[0]!.conversationId } });
    expect(conv.address).toBe(ws.ownerDm);
    const out = await eventually(async () => {
      const m = await h.c.db.message.findFirst({ where: { tenantId: ws.tenantId, direction: "outbound", status: "sent" } });
      return m ?? null;
    });
    expect(out.providerMessageId).toBe(`${ws.ownerDm}:${post!.ts}`);
  });

  it("refuses a stale timestamp (6 minutes old) and a bad signature; nothing is enqueued", async () => {
    const ws = await registerSlackWorkspace(h, slack);
    const ts = newTs();
    const event = dmEvent(ws, { text: "replayed", ts });
    expect((await client.event(event, { timestamp: Math.floor(Date.now() / 1000) - 360 })).status).toBe(401);
    expect((await client.event(event, { secret: "not-the-signing-secret-0000000000" })).status).toBe(401);
    expect((await client.event(event, { signature: null })).status).toBe(401);
    expect((await client.command(slashCommand(ws, { text: "hi" }), { timestamp: Math.floor(Date.now() / 1000) - 360 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await jobExists(ws.tenantId, `${ws.ownerDm}:${ts}`)).toBe(false);
    expect(await inbound(ws.tenantId)).toHaveLength(0);
    expect(postsFor(ws)).toHaveLength(0);
  });

  it("acknowledges and ignores bot messages, edits and unreadable signed bodies", async () => {
    const ws = await registerSlackWorkspace(h, slack);
    const bot = dmEvent(ws, { text: "I am the bot" });
    Object.assign(bot.event, { subtype: "bot_message", bot_id: "B07GROWBOT", user: undefined });
    const edit = dmEvent(ws, { text: "edited" });
    Object.assign(edit.event, { subtype: "message_changed" });
    const own = dmEvent(ws, { text: "my own reply", user: ws.botUserId });
    for (const e of [bot, edit, own]) expect((await client.event(e)).status).toBe(200);
    expect((await client.raw("/events", "{not json", "application/json")).status).toBe(400);
    const unsigned = await fetch(`${h.baseUrl}/webhooks/slack/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(unsigned.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbound(ws.tenantId)).toHaveLength(0);
  });

  it("refuses events from a workspace we do not serve", async () => {
    const ws = await registerSlackWorkspace(h, slack);
    const stranger = { ...ws, teamId: "T0UNKNOWN01" };
    expect((await client.event(dmEvent(stranger, { text: "hello" }))).status).toBe(401);
  });

  it("/growai is acknowledged within the request and answered from the queue, in the channel it was typed in", async () => {
    const ws = await registerSlackWorkspace(h, slack, { knowledge: SALON_KNOWLEDGE });
    const fields = slashCommand(ws, { text: "what are our hours?", channel: "C07MARKETNG" });
    const res = await client.command(fields);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(res.body).toMatchObject({ response_type: "ephemeral" });
    const [post] = await eventually(async () => (postsFor(ws).length ? postsFor(ws) : null));
    expect(post!.args.channel).toBe("C07MARKETNG");
    expect(String(post!.args.text)).toMatch(/Tuesday/);
    const [row] = await inbound(ws.tenantId);
    expect(row).toMatchObject({ providerMessageId: `cmd:${fields.trigger_id}`, text: "what are our hours?" });
    // the same command delivered again: still one reply
    expect((await client.command(fields, { retryNum: 1 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(postsFor(ws)).toHaveLength(1);
  });

  it("an approval button click is enqueued as an interactive reply from that user", async () => {
    const ws = await registerSlackWorkspace(h, slack);
    const payload = blockActions(ws, { actionId: "approval:7d3c0a4e:approve", value: "Approve", messageTs: newTs(), threadTs: "1732451000.000300" });
    const res = await client.action(payload);
    expect(res.status).toBe(200);
    const [row] = await eventually(async () => {
      const rows = await inbound(ws.tenantId);
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ providerMessageId: `act:${payload.actions[0]!.action_ts}:approval:7d3c0a4e:approve`, kind: "interactive" });
    expect(row!.payload).toMatchObject({ kind: "interactive", replyType: "button", id: "approval:7d3c0a4e:approve", title: "Approve", threadId: "1732451000.000300" });
    const conv = await h.c.db.conversation.findUniqueOrThrow({ where: { id: row!.conversationId } });
    expect(conv.address).toBe(ws.ownerDm);
  });

  it("registers a workspace without echoing its token", async () => {
    const ws = await registerSlackWorkspace(h, slack);
    const list = await h.admin("GET", `/tenants/${ws.tenantId}/channels`);
    const account = list.body.items.find((a: { channel: string }) => a.channel === "slack");
    expect(account).toMatchObject({ externalId: ws.teamId, hasCredentials: true });
    expect(JSON.stringify(list.body)).not.toContain(ws.botToken);
    const bad = await h.admin("PUT", `/tenants/${ws.tenantId}/channels/slack`, { teamId: "nope", botToken: "xoxp-user-token" });
    expect(bad.status).toBe(400);
  });
});
