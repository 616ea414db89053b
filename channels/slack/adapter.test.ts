// The Slack sender against the fake Slack Web API over real HTTP, through @slack/web-api.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeSlackApi, type FakeSlackApi } from "../../test/fakes/slack.js";
import type { ChannelSender, SenderAccount } from "../types.js";
import { createSlackSender } from "./adapter.js";
import { SlackSendError } from "./errors.js";

const TOKEN = "xoxb-7000000001-7000000002-aBcDeFgHiJkLmNoPqRsTuVwX";
const account: SenderAccount = { externalId: "T07GROWAI1", credentials: { botToken: TOKEN, botUserId: "U07GROWBOT" } };

let slack: FakeSlackApi;
let sender: ChannelSender;
beforeEach(async () => {
  slack = await startFakeSlackApi({ tokens: { [TOKEN]: "T07GROWAI1" } });
  sender = createSlackSender({ baseUrl: slack.baseUrl, timeoutMs: 1000 });
});
afterEach(async () => {
  await slack.close();
});

async function failure(p: Promise<unknown>): Promise<SlackSendError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SlackSendError);
  expect(JSON.stringify({ m: (err as Error).message, c: (err as SlackSendError).providerCode })).not.toContain(TOKEN);
  return err as SlackSendError;
}

describe("send: wire format", () => {
  it("declares channel and capabilities", () => {
    expect(sender.channel).toBe("slack");
    expect(sender.capabilities).toMatchObject({ buttons: true, threads: true, readReceipts: false, templates: false, maxTextLength: 3000 });
  });

  it("posts mrkdwn into the channel and thread with the bot token, form-encoded as WebClient sends it", async () => {
    const res = await sender.send(account, { to: "C07MARKETNG", text: "**Done**: 14 bookings", threadId: "1732451000.000300" });
    const [post] = slack.posts();
    expect(post!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post!.contentType).toBe("application/x-www-form-urlencoded");
    expect(post!.args).toMatchObject({ channel: "C07MARKETNG", text: "*Done*: 14 bookings", thread_ts: "1732451000.000300", mrkdwn: "true" });
    expect(post!.rawBody).not.toContain(TOKEN);
    expect(res.providerMessageId).toBe(`C07MARKETNG:${post!.ts}`);
  });

  it("a user id lands in the app's DM; the result names the DM channel", async () => {
    slack.setDm("U07OWNER01", "D07OWNERDM");
    const res = await sender.send(account, { to: "U07OWNER01", text: "hi" });
    expect(res.providerMessageId).toMatch(/^D07OWNERDM:\d+\.\d+$/);
    expect(slack.posts()[0]!.args.thread_ts).toBeUndefined();
  });

  it("buttons become an actions block (blocks sent as JSON) with the text as fallback", async () => {
    await sender.send(account, {
      to: "D07OWNERDM", text: "Launch the campaign?", callbackData: "m1",
      buttons: [{ id: "approval:abc:approve", title: "Approve" }, { id: "approval:abc:reject", title: "Reject" }],
    });
    const { args } = slack.posts()[0]!;
    expect(args.text).toBe("Launch the campaign?");
    const blocks = args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; style?: string }> }>;
    expect(blocks.map((b) => b.type)).toEqual(["section", "actions"]);
    expect(blocks[1]!.elements!.map((e) => [e.action_id, e.style])).toEqual([["approval:abc:approve", "primary"], ["approval:abc:reject", "danger"]]);
  });
});

describe("send: failures → disposition", () => {
  it("HTTP 429 with Retry-After → retry after that many seconds, with no internal retry", async () => {
    slack.failNext("ratelimited", 429, { retryAfter: 1 });
    const e = await failure(sender.send(account, { to: "D07OWNERDM", text: "x" }));
    expect(e).toMatchObject({ disposition: "retry", retryAfterMs: 1000, providerCode: "ratelimited" });
    expect(slack.requests).toHaveLength(1);
  });

  it("HTTP 500 → retry, once", async () => {
    slack.failNext("internal", 500);
    expect(await failure(sender.send(account, { to: "D07OWNERDM", text: "x" }))).toMatchObject({ disposition: "retry", httpStatus: 500 });
    expect(slack.requests).toHaveLength(1);
  });

  it("invalid_auth and channel_not_found → fail with Slack's code", async () => {
    const bad = { ...account, credentials: { botToken: "xoxb-not-registered" } };
    expect(await failure(sender.send(bad, { to: "D07OWNERDM", text: "x" }))).toMatchObject({ disposition: "fail", providerCode: "invalid_auth", code: "unauthorized" });
    slack.failNext("channel_not_found");
    expect(await failure(sender.send(account, { to: "C07GONE", text: "x" }))).toMatchObject({ disposition: "fail", providerCode: "channel_not_found" });
    slack.failNext("not_in_channel");
    expect((await failure(sender.send(account, { to: "C07PRIVATE", text: "x" }))).providerCode).toBe("not_in_channel");
  });

  it("a slow Slack times out → retry; a caller abort → retry", async () => {
    slack.delayNext(3000);
    const e = await failure(sender.send(account, { to: "D07OWNERDM", text: "x" }));
    expect(e).toMatchObject({ disposition: "retry", message: "Slack send timed out" });
    slack.delayNext(3000);
    const aborted = await failure(sender.send(account, { to: "D07OWNERDM", text: "x" }, AbortSignal.timeout(50)));
    expect(aborted).toMatchObject({ disposition: "retry", message: "Slack send aborted" });
  });

  it("no bot token, or a recipient that is no Slack id → fail before any request", async () => {
    expect((await failure(sender.send({ externalId: "T1", credentials: {} }, { to: "D1X", text: "x" }))).code).toBe("not_configured");
    expect((await failure(sender.send(account, { to: "#general", text: "x" }))).providerCode).toBe("channel_not_found");
    expect(slack.requests).toHaveLength(0);
  });
});
