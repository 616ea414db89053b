// Sections → knowledge entry inputs: titled "<document>: <heading>", split into parts when
// a section is longer than maxEntryChars (on paragraph, then sentence boundaries), and
// merged when two sections say exactly the same thing (two FAQ questions with one answer
// become one entry titled with both), because the store keeps one entry per content.
import type { Section } from "./types.js";

export interface EntryDraft {
  title: string;
  content: string;
  tags: string[];
}

const TITLE_MAX = 300;
const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

function cut(title: string): string {
  return title.length <= TITLE_MAX ? title : `${title.slice(0, TITLE_MAX - 1).trimEnd()}…`;
}

/** Split on paragraphs, then sentences, then hard, so no part is longer than `max`. */
export function splitContent(content: string, max: number): string[] {
  if (content.length <= max) return [content];
  const units = content.split(/\n{2,}/).flatMap((p) => (p.length <= max ? [p] : p.split(/(?<=[.!?])\s+/)));
  const parts: string[] = [];
  let cur = "";
  for (let u of units) {
    while (u.length > max) {
      if (cur) parts.push(cur);
      cur = "";
      parts.push(u.slice(0, max));
      u = u.slice(max);
    }
    if (cur && cur.length + 2 + u.length > max) {
      parts.push(cur);
      cur = u;
    } else cur = cur ? `${cur}\n\n${u}` : u;
  }
  if (cur) parts.push(cur);
  return parts;
}

export function entryDrafts(docName: string, sections: Section[], maxEntryChars: number): EntryDraft[] {
  const byContent = new Map<string, EntryDraft & { headings: string[] }>();
  let untitled = 0;
  for (const s of sections) {
    const parts = splitContent(s.content.trim(), maxEntryChars);
    parts.forEach((content, i) => {
      const base = s.heading ?? (++untitled === 1 ? null : `part ${untitled}`);
      const heading = base && parts.length > 1 ? `${base} (${i + 1}/${parts.length})` : base;
      const key = collapse(content);
      const seen = byContent.get(key);
      if (seen) {
        if (heading && !seen.headings.includes(heading)) seen.headings.push(heading);
        seen.tags = [...new Set([...seen.tags, ...s.tags])];
        return;
      }
      byContent.set(key, { title: "", content, tags: s.tags, headings: heading ? [heading] : [] });
    });
  }
  return [...byContent.values()].map(({ headings, content, tags }) => ({
    title: cut(headings.length ? `${docName}: ${headings.join(" / ")}` : docName),
    content,
    tags,
  }));
}
