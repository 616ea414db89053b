// LLM markdown → plain SMS text. SMS has no formatting: emphasis markers are dropped,
// headings become plain lines, bullets become plain lines, links become "text url".
// Also the typographic characters that would flip a message to UCS-2 for no reason.

import { headingText, isRule, rewriteLinks } from "../markdown.js";

const URL_MARK = "\u0000"; // placeholder delimiter protecting URLs from emphasis stripping

function lines(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (/^\s*```/.test(line)) return null; // code fences: keep the code, drop the fence
      if (isRule(line)) return ""; // horizontal rule
      const heading = headingText(line);
      if (heading !== null) return heading;
      return line
        .replace(/^\s{0,3}>\s?/, "") // blockquote
        .replace(/^\s*[*+•‣◦-]\s+/, "") // bullet → plain line
        .replace(/\s+$/, "");
    })
    .filter((line): line is string => line !== null)
    .join("\n");
}

function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, "$1")
    .replace(/(?<!\w)__(?=\S)([^\n]*?\S)__(?!\w)/g, "$1")
    .replace(/(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, "$1")
    .replace(/(?<![\w\\])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, "$1")
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, "$1")
    .replace(/`([^`\n]+)`/g, "$1");
}

/** Markdown → plain text lines; URLs are kept byte for byte. */
export function markdownToPlain(markdown: string): string {
  const urls: string[] = [];
  const protectedText = rewriteLinks(markdown.replace(/\r\n?/g, "\n").replaceAll(URL_MARK, ""), " ").replace(
    /https?:\/\/[^\s<>"]+/g,
    (url) => `${URL_MARK}${urls.push(url) - 1}${URL_MARK}`,
  );
  const plain = emphasis(lines(protectedText));
  return plain
    .replace(new RegExp(`${URL_MARK}(\\d+)${URL_MARK}`, "g"), (_m, i: string) => urls[Number(i)] ?? "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Common typographic characters outside GSM-7 and their GSM-7 stand-ins. */
const GSM_FRIENDLY: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"], // ‘ ’ ‚ ‛ ′
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'], // “ ” „ ‟ ″
  [/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, "-"], // hyphens, en/em dashes, minus
  [/\u2026/g, "..."], // …
  [/[\u00A0\u2002\u2003\u2007\u2009\u200A\u202F]/g, " "], // no-break and thin spaces
  [/[\u200B\uFEFF]/g, ""], // zero-width space, BOM
  [/\u2022/g, "-"], // • left inside a line
];

/** Replaces typographic quotes, dashes, ellipsis and odd spaces with GSM-7 equivalents. */
export function toGsmFriendly(text: string): string {
  return GSM_FRIENDLY.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}
