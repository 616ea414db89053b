// Blocks → sections. A block is a heading or a paragraph; every parser that knows where the
// headings are (markdown syntax, a PDF's larger font) produces blocks, and this turns them
// into sections: each heading with the paragraphs under it. Text before the first heading
// is a section of its own; a heading with nothing under it (a title, a parent heading)
// becomes the context of the next heading's section ("Services › Hair").
import type { Section } from "./types.js";

export type Block = { kind: "heading"; text: string; level: number } | { kind: "paragraph"; text: string };

const clean = (s: string) => s.replace(/\s+/g, " ").trim();

export function sectionsFromBlocks(blocks: Block[]): Section[] {
  const sections: Section[] = [];
  /** Open headings by level; a heading closes every heading of its level and deeper. */
  const path: Array<{ level: number; text: string }> = [];
  let body: string[] = [];
  let heading: string | null = null;

  const flush = () => {
    const content = body.join("\n\n").trim();
    if (content) sections.push({ heading, content, tags: [] });
    body = [];
  };
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      const text = b.text.trim();
      if (text) body.push(text);
      continue;
    }
    const text = clean(b.text);
    if (!text) continue;
    flush();
    while (path.length && path.at(-1)!.level >= b.level) path.pop();
    // Parents with no text of their own stay in the title, so "Hair" under "Services" reads "Services › Hair".
    path.push({ level: b.level, text });
    heading = path.map((p) => p.text).slice(-2).join(" › ");
  }
  flush();
  return sections;
}
