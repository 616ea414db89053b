import { describe, expect, it } from "vitest";
import { buildPostMessage } from "./blocks.js";
import { SlackSendError } from "./errors.js";
import { escapeSlack, formatSlackText, markdownToSlack } from "./format.js";

describe("markdownToSlack", () => {
  it("converts emphasis, strike, headings and bullets", () => {
    expect(markdownToSlack("## This week\n**14 bookings**, *up* 20%\n~~old~~\n* cut\n- colour")).toBe(
      "*This week*\n*14 bookings*, _up_ 20%\n~old~\n• cut\n• colour",
    );
  });

  it("turns links into Slack link markup", () => {
    expect(markdownToSlack("Pay [here](https://pay.example/x?a=1&b=2) or <https://example.com>")).toBe(
      "Pay <https://pay.example/x?a=1&amp;b=2|here> or <https://example.com>",
    );
  });

  it("escapes &, < and > everywhere else, code included, without touching code's markdown", () => {
    expect(markdownToSlack("Tom & Jerry <3 a>b")).toBe("Tom &amp; Jerry &lt;3 a&gt;b");
    expect(markdownToSlack("`a **b** <c>`\n```\nif (a < b && c) {}\n```")).toBe("`a **b** &lt;c&gt;`\n```if (a &lt; b &amp;&amp; c) {}```");
    expect(escapeSlack("<@U123>")).toBe("&lt;@U123&gt;");
    expect(markdownToSlack("> quoted & kept")).toBe("> quoted &amp; kept");
  });

  it("keeps link labels from breaking the markup", () => {
    expect(markdownToSlack("[a|b > c](https://x.example)")).toBe("<https://x.example|a¦b &gt; c>");
  });
});

describe("formatSlackText", () => {
  it("caps at the limit without leaving half a link or entity", () => {
    const text = `${"word ".repeat(30)}[a link with words](https://example.com/long/path) & more`;
    const out = formatSlackText(text, 170);
    expect(out.length).toBeLessThanOrEqual(170);
    expect(out.endsWith("…")).toBe(true);
    expect(out.lastIndexOf("<")).toBeLessThanOrEqual(out.lastIndexOf(">"));
    expect(out).not.toMatch(/&[a-z]{0,3}…$/);
  });
});

describe("buildPostMessage", () => {
  it("text with a thread: mrkdwn text, thread_ts, no blocks", () => {
    expect(buildPostMessage({ to: "D07OWNERDM", text: "**Hi**", threadId: "1732450800.123456" })).toEqual({
      channel: "D07OWNERDM", text: "*Hi*", mrkdwn: true, unfurl_links: false, thread_ts: "1732450800.123456",
    });
  });

  it("buttons: a section plus an actions block; approval buttons styled; text kept as fallback", () => {
    const args = buildPostMessage(
      { to: "C07MARKETNG", text: "Launch **Diwali**?", buttons: [{ id: "approval:7d3c:approve", title: "Approve" }, { id: "approval:7d3c:reject", title: "Reject" }, { id: "later", title: "Ask me later" }] },
      "msg-1",
    );
    expect(args.text).toBe("Launch *Diwali*?");
    expect(args.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Launch *Diwali*?" } },
      {
        type: "actions", block_id: "buttons:msg-1",
        elements: [
          { type: "button", action_id: "approval:7d3c:approve", text: { type: "plain_text", text: "Approve", emoji: true }, value: "Approve", style: "primary" },
          { type: "button", action_id: "approval:7d3c:reject", text: { type: "plain_text", text: "Reject", emoji: true }, value: "Reject", style: "danger" },
          { type: "button", action_id: "later", text: { type: "plain_text", text: "Ask me later", emoji: true }, value: "Ask me later" },
        ],
      },
    ]);
  });

  it("refuses duplicate button ids and empty messages", () => {
    expect(() => buildPostMessage({ to: "D1X", text: "x", buttons: [{ id: "a", title: "A" }, { id: "a", title: "B" }] })).toThrow(SlackSendError);
    expect(() => buildPostMessage({ to: "D1X", text: "  " })).toThrow(SlackSendError);
  });
});
