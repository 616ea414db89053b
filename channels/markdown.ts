// Markdown pieces every channel's formatter shares. Models write markdown; each channel
// renders it its own way (WhatsApp and Slack emphasis, plain SMS, speech), from these.

/** Placeholder for a chat bold marker, so the italics pass does not re-read it. */
export const BOLD = "\u0001";

/** Markdown links and images → whatever the channel renders for (label, url); <url> → url. */
export function rewriteLinks(text: string, separator: string): string {
  const render = (label: string, url: string) => (!label || sameTarget(label, url) ? url : `${label}${separator}${url}`);
  return text
    .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, alt: string, url: string) => render(alt.trim(), url))
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => render(label.trim(), url))
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1");
}

/** A link whose label is its own address is shown once. */
function sameTarget(label: string, url: string): boolean {
  const bare = (s: string) => s.replace(/^https?:\/\//, "").replace(/\/$/, "");
  return bare(label) === bare(url);
}

/** The text of a markdown heading line, or null. */
export function headingText(line: string): string | null {
  const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
  return m ? (m[1] ?? "") : null;
}

/** A horizontal rule line (---, ***, ___). */
export function isRule(line: string): boolean {
  return /^\s{0,3}([*_-])(\s*\1){2,}\s*$/.test(line);
}

/**
 * Markdown emphasis → chat emphasis, as WhatsApp and Slack both write it: **b** and __b__
 * become *b*, *i* becomes _i_, ~~s~~ becomes ~s~ (and BOLD placeholders become *).
 */
export function chatEmphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w])__(?=\S)([^\n]*?\S)__(?![\w])/g, `${BOLD}$1${BOLD}`)
    .replace(/(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, "_$1_")
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, "~$1~")
    .replaceAll(BOLD, "*");
}
