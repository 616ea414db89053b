// LLM markdown → Slack mrkdwn: **b** → *b*, *i* → _i_, ~~s~~ → ~s~, headings → bold lines,
// [t](u) → <u|t>, bullets → •. &, < and > are escaped as Slack requires (&amp; &lt; &gt;),
// everywhere but inside the link markup we generate. Code spans and blocks keep their text.
import { truncateText } from "../whatsapp/format.js";
import { BOLD, chatEmphasis, headingText, isRule } from "../markdown.js";

/** Longest mrkdwn text we put in one section block (Slack's limit is 3000 characters). */
export const SLACK_SECTION_LIMIT = 3000;

const HOLD = "\u0000"; // placeholder delimiter for protected fragments

export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Link text may not contain the `|` or `>` that would end the markup early. */
const linkLabel = (label: string) => escapeSlack(label.replace(/\|/g, "¦"));
const linkUrl = (url: string) => escapeSlack(url).replace(/\|/g, "%7C");

function protect(text: string, saved: string[]): string {
  const keep = (s: string) => `${HOLD}${saved.push(s) - 1}${HOLD}`;
  return text
    .replace(/```[^\n`]*\n([\s\S]*?)```/g, (_m, body: string) => keep(`\`\`\`${escapeSlack(body.replace(/\n$/, ""))}\`\`\``))
    .replace(/```([\s\S]*?)```/g, (_m, body: string) => keep(`\`\`\`${escapeSlack(body)}\`\`\``))
    .replace(/`[^`\n]+`/g, (m) => keep(escapeSlack(m)))
    .replace(/!?\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) =>
      keep(/^(https?:|mailto:)/.test(url) ? `<${linkUrl(url)}|${linkLabel(label.trim())}>` : `${escapeSlack(label)} (${escapeSlack(url)})`),
    )
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_m, url: string) => keep(`<${linkUrl(url)}>`));
}

function restore(text: string, saved: string[]): string {
  return text.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, "g"), (_m, i: string) => saved[Number(i)] ?? "");
}

function lines(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const heading = headingText(line);
      if (heading !== null) {
        const title = heading.replace(/\*\*|__/g, "").trim();
        return title ? `${BOLD}${title}${BOLD}` : "";
      }
      if (isRule(line)) return "———";
      return line.replace(/^(\s*)[*+-]\s+/, "$1• ").replace(/^&gt;\s?/, "> "); // block quotes stay quotes
    })
    .join("\n");
}

/** Markdown → Slack mrkdwn (escaped). */
export function markdownToSlack(markdown: string): string {
  const saved: string[] = [];
  const clean = markdown.replace(/\r\n?/g, "\n").replaceAll(HOLD, "").replaceAll(BOLD, "");
  const text = escapeSlack(protect(clean, saved));
  return restore(chatEmphasis(lines(text)), saved).replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Markdown conversion, then capped at `max` characters on a sentence or word boundary;
 * a cut never leaves half a `<link|markup>` or half an `&amp;` entity behind.
 */
export function formatSlackText(markdown: string, max = SLACK_SECTION_LIMIT): string {
  const text = markdownToSlack(markdown);
  if (text.length <= max) return text;
  const cut = truncateText(text, max);
  const ellipsis = cut.endsWith(" …") ? " …" : cut.endsWith("…") ? "…" : "";
  let body = cut.slice(0, cut.length - ellipsis.length);
  if (body.lastIndexOf("<") > body.lastIndexOf(">")) body = body.slice(0, body.lastIndexOf("<")).trimEnd();
  body = body.replace(/&[a-z]{0,3}$/, "").trimEnd();
  return `${body}${ellipsis || "…"}`;
}
