// LLM markdown → WhatsApp formatting (*bold*, _italic_, ~strike~, ```mono```), capped at
// the text-message limit. Pure string functions; code spans and blocks are left untouched.
import { BOLD, chatEmphasis, headingText, isRule, rewriteLinks } from "../markdown.js";

export const WHATSAPP_TEXT_LIMIT = 4096;

const CODE = "\u0000"; // placeholder delimiter for protected code

function protectCode(text: string, saved: string[]): string {
  const keep = (s: string) => `${CODE}${saved.push(s) - 1}${CODE}`;
  return text
    .replace(/```[^\n`]*\n([\s\S]*?)```/g, (_m, body: string) => keep(`\`\`\`${body.replace(/\n$/, "")}\`\`\``))
    .replace(/```([\s\S]*?)```/g, (m) => keep(m))
    .replace(/`[^`\n]+`/g, (m) => keep(m));
}

function restoreCode(text: string, saved: string[]): string {
  return text.replace(new RegExp(`${CODE}(\\d+)${CODE}`, "g"), (_m, i: string) => saved[Number(i)] ?? "");
}

function lines(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const heading = headingText(line);
      if (heading !== null) {
        const title = heading.replace(/\*\*|__/g, "").replace(/^\*(.*)\*$/, "$1").trim();
        return title ? `${BOLD}${title}${BOLD}` : "";
      }
      if (isRule(line)) return "———";
      return line.replace(/^(\s*)[*+]\s+/, "$1- ");
    })
    .join("\n");
}

// Converts common markdown to WhatsApp syntax: **b** and __b__ become *b*, *i* becomes _i_,
// ~~s~~ becomes ~s~, headings become bold lines, [text](url) becomes "text: url" and
// "* item" / "+ item" become "- item".
export function markdownToWhatsApp(markdown: string): string {
  const saved: string[] = [];
  const text = protectCode(markdown.replace(/\r\n?/g, "\n").replaceAll(CODE, "").replaceAll(BOLD, ""), saved);
  const converted = chatEmphasis(lines(rewriteLinks(text, ": ")));
  return restoreCode(converted, saved).replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Caps `text` at `max` UTF-16 units (WhatsApp counts characters; this never exceeds it).
 * Cuts at the last sentence end, else the last word break, in the final 40% of the
 * budget, else hard; never splits a surrogate pair; marks the cut with "…".
 */
export function truncateText(text: string, max = WHATSAPP_TEXT_LIMIT): string {
  if (text.length <= max) return text;
  if (max < 2) return text.slice(0, Math.max(0, max));
  const budget = max - 2; // room for " …" after a sentence or "…" after a word
  const window = text.slice(0, budget + 1);
  const floor = Math.floor(budget * 0.6);
  let sentenceEnd = -1;
  for (const m of window.matchAll(/[.!?](?=\s)/g)) if (m.index + 1 >= floor) sentenceEnd = m.index + 1;
  if (sentenceEnd > 0) return `${text.slice(0, sentenceEnd)} …`;
  let cut = window.slice(0, budget + 1).search(/\s\S*$/);
  if (cut < floor) cut = budget + 1;
  let kept = text.slice(0, cut).trimEnd();
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/** Markdown conversion, then the 4096-character cap. */
export function formatWhatsAppText(markdown: string, max = WHATSAPP_TEXT_LIMIT): string {
  return truncateText(markdownToWhatsApp(markdown), max);
}
