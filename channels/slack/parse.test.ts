// Replays recorded Slack payloads (test/fixtures/slack) through the parser.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../core/errors.js";
import { parseBlockActions, parseEventCallback, parseSlashCommand, tsToDate } from "./parse.js";
import { slackTextToPlain, stripMention } from "./text.js";

const DIR = resolve(import.meta.dirname, "../../test/fixtures/slack");
const raw = (name: string) => readFileSync(resolve(DIR, name), "utf8");
const json = (name: string) => JSON.parse(raw(name)) as Record<string, any>;
const form = (name: string) => Object.fromEntries(new URLSearchParams(raw(name)));

describe("parseEventCallback", () => {
  it("a DM becomes a text message from the user, to be answered in that channel and thread", () => {
    const r = parseEventCallback(json("event-message-im.json"));
    expect(r).toEqual({
      ok: true,
      message: {
        channel: "slack", receiver: "T07GROWAI1", providerMessageId: "D07OWNERDM:1732450800.123456", from: "U07OWNER01",
        timestamp: new Date(1732450800123), replyAddress: "D07OWNERDM", threadId: "1732450800.123456",
        content: { kind: "text", text: "What did we book this week? Also <urgent> check the report (https://example.com/report?a=1&b=2)" },
      },
    });
  });

  it("a reply in a thread keeps the thread's root as threadId", () => {
    const r = parseEventCallback(json("event-message-im-thread.json"));
    expect(r.ok && r.message.threadId).toBe("1732450800.123456");
    expect(r.ok && r.message.providerMessageId).toBe("D07OWNERDM:1732450900.000200");
  });

  it("an app_mention loses the bot's mention and answers in the channel's thread", () => {
    const r = parseEventCallback(json("event-app-mention.json"));
    if (!r.ok) throw new Error(r.reason);
    expect(r.message.content).toEqual({ kind: "text", text: "launch the Diwali campaign, 20% off" });
    expect(r.message).toMatchObject({ from: "U07OWNER01", replyAddress: "C07MARKETNG", threadId: "1732451000.000300" });
  });

  it("Bolt's recorded app_mention and message.im (bolt-python fixtures) parse too", () => {
    const mention = parseEventCallback(json("app-mention.bolt-python.json"));
    expect(mention.ok && mention.message).toMatchObject({ receiver: "T_INSTALLED", from: "W222", content: { kind: "text", text: "Hi there!" } });
    const dm = parseEventCallback(json("message-im.bolt-python.json"));
    expect(dm.ok && dm.message).toMatchObject({ receiver: "T111", from: "W222", replyAddress: "D111", providerMessageId: "D111:1726133700.887259" });
  });

  it("ignores bot messages, edits, our own messages and channel chatter", () => {
    expect(parseEventCallback(json("event-message-bot.json"))).toEqual({ ok: false, reason: "bot message" });
    expect(parseEventCallback(json("event-message-changed.json"))).toEqual({ ok: false, reason: "message subtype message_changed" });
    const own = json("event-message-im.json");
    expect(parseEventCallback(own, "U07OWNER01")).toEqual({ ok: false, reason: "our own message" });
    const inChannel = json("event-message-im.json");
    inChannel.event.channel_type = "channel";
    expect(parseEventCallback(inChannel).ok).toBe(false);
    const reaction = json("event-message-im.json");
    reaction.event = { type: "reaction_added", user: "U1", reaction: "thumbsup" };
    expect(parseEventCallback(reaction)).toEqual({ ok: false, reason: "event type reaction_added" });
  });

  it("a file shared without text becomes a media message", () => {
    const r = parseEventCallback(json("event-message-file-share.json"));
    expect(r.ok && r.message.content).toEqual({ kind: "media", mediaType: "document", mediaId: "F07MENU0001", mimeType: "application/pdf", filename: "diwali-menu.pdf", size: 48213 });
  });

  it("a file shared with a comment keeps the file (the comment is its caption) and where to download it", () => {
    const body = json("event-message-file-share.json");
    body.event.text = "please add this to the FAQ";
    body.event.files[0].url_private_download = "https://files.slack.com/files-pri/T07GROWAI1-F07MENU0001/download/diwali-menu.pdf";
    const r = parseEventCallback(body);
    expect(r.ok && r.message.content).toEqual({
      kind: "media", mediaType: "document", mediaId: "F07MENU0001", mimeType: "application/pdf", filename: "diwali-menu.pdf", size: 48213,
      url: "https://files.slack.com/files-pri/T07GROWAI1-F07MENU0001/download/diwali-menu.pdf", caption: "please add this to the FAQ",
    });
  });

  it("throws ParseError for bodies that are not event callbacks or carry malformed events", () => {
    expect(() => parseEventCallback({ type: "url_verification", challenge: "x" })).toThrow(ParseError);
    const bad = json("event-message-im.json");
    bad.event.ts = "yesterday";
    expect(() => parseEventCallback(bad)).toThrow(ParseError);
  });
});

describe("parseSlashCommand", () => {
  it("/growai <text> becomes a text message keyed by trigger_id", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    const r = parseSlashCommand(form("slash-command.form.txt"), now);
    expect(r).toEqual({
      ok: true,
      message: {
        channel: "slack", receiver: "T07GROWAI1", from: "U07OWNER01", fromName: "priya", timestamp: now, replyAddress: "C07MARKETNG",
        providerMessageId: "cmd:8123456789012.7123456789012.0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        content: { kind: "text", text: "what are our hours?" },
      },
    });
  });

  it("an empty command is ignored; Slack's documented example body parses", () => {
    expect(parseSlashCommand(form("slash-command.slack-docs-example.txt"))).toEqual({ ok: false, reason: "empty command" });
    expect(() => parseSlashCommand({ text: "hi" })).toThrow(ParseError);
  });
});

describe("parseBlockActions", () => {
  it("an approval click becomes an interactive button reply with the decision", () => {
    const [m, ...rest] = parseBlockActions(json("block-actions-approval.json"));
    expect(rest).toEqual([]);
    expect(m).toEqual({
      channel: "slack", receiver: "T07GROWAI1", from: "U07OWNER01", fromName: "priya",
      providerMessageId: "act:1732451230.481516:approval:7d3c0a4e:approve", timestamp: tsToDate("1732451230.481516"),
      content: { kind: "interactive", replyType: "button", id: "approval:7d3c0a4e:approve", title: "Approve" },
      threadId: "1732451000.000300", replyAddress: "D07OWNERDM", contextMessageId: "D07OWNERDM:1732451200.000600",
    });
  });

  it("Bolt's recorded block_actions (JSON and its form body) parse alike", () => {
    const fromJson = parseBlockActions(json("block-actions.bolt-python.json"));
    const fromForm = parseBlockActions(JSON.parse(form("block-actions.bolt-python.form.txt").payload!));
    expect(fromForm).toEqual(fromJson);
    expect(fromJson[0]).toMatchObject({ receiver: "T111", from: "W111", content: { id: "a", title: "click_me_123" }, replyAddress: "C111" });
  });

  it("rejects payloads that are not block_actions", () => {
    expect(() => parseBlockActions({ type: "view_submission" })).toThrow(ParseError);
  });
});

describe("inbound text", () => {
  it("strips only the bot's mention and simplifies Slack markup", () => {
    expect(stripMention("<@UBOT> hi <@UOTHER>", "UBOT")).toBe("hi <@UOTHER>");
    expect(stripMention("<@UBOT|growai>: hi")).toBe("hi");
    expect(slackTextToPlain("<!here> see <#C1|general> &amp; <mailto:a@b.co|a@b.co>")).toBe("@here see #general & a@b.co");
  });
});
