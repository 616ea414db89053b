// LLM markdown → WhatsApp formatting (*bold*, _italic_, ~strike~, ```mono```), capped at
// the text-message limit. Pure string functions; code spans and blocks are left untouched.

export const WHATSAPP_TEXT_LIMIT = 4096;

const CODE = "\u0000"; // placeholder delimiter for protected code
const BOLD = "\u0001"; // placeholder for a WhatsApp bold marker, so italics do not re-read it

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

const sameTarget = (label: string, url: string) =>
  label.replace(/^https?:\/\//, "").replace(/\/$/, "") === url.replace(/^https?:\/\//, "").replace(/\/$/, "");

function links(text: string): string {
  const render = (label: string, url: string) => (!label || sameTarget(label, url) ? url : `${label}: ${url}`);
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, alt: string, url: string) => render(alt.trim(), url))
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => render(label.trim(), url))
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1");
}

function lines(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        const title = (heading[1] ?? "").replace(/\*\*|__/g, "").replace(/^\*(.*)\*$/, "$1").trim();
        return title ? `${BOLD}${title}${BOLD}` : "";
      }
      if (/^\s{0,3}([*_-])(\s*\1){2,}\s*$/.test(line)) return "———";
      return line.replace(/^(\s*)[*+]\s+/, "$1- ");
    })
    .join("\n");
}

function inline(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w])__(?=\S)([^\n]*?\S)__(?![\w])/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, "_$1_")
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, "~$1~")
    .replaceAll(BOLD, "*");
}

// Converts common markdown to WhatsApp syntax: **b** and __b__ become *b*, *i* becomes _i_,
// ~~s~~ becomes ~s~, headings become bold lines, [text](url) becomes "text: url" and
// "* item" / "+ item" become "- item".
export function markdownToWhatsApp(markdown: string): string {
  const saved: string[] = [];
  const text = protectCode(markdown.replace(/\r\n?/g, "\n").replaceAll(CODE, "").replaceAll(BOLD, ""), saved);
  const converted = inline(lines(links(text)));
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
