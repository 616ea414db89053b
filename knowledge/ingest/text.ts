// Plain text and markdown → sections. Headings are ATX (`## Prices`) or setext
// (a line underlined with === or ---); everything else is paragraphs separated by blank
// lines. Text with no headings at all stays one section (split by size later).
import { sectionsFromBlocks, type Block } from "./blocks.js";
import { decodeText, normalizeText } from "./decode.js";
import { DocumentError, type ParsedDocument } from "./types.js";

const ATX = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

export function markdownBlocks(text: string): Block[] {
  const lines = normalizeText(text).split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  let fenced = false;
  const flush = () => {
    if (para.length) blocks.push({ kind: "paragraph", text: para.join("\n") });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced) {
      para.push(line);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      blocks.push({ kind: "heading", level: atx[1]!.length, text: atx[2]! });
      continue;
    }
    const next = lines[i + 1];
    // a single text line underlined: "Prices\n======" (a lone "---" under a paragraph is a rule)
    if (next !== undefined && SETEXT.test(next) && line.trim() && para.length === 0 && next.trim().length >= 3) {
      blocks.push({ kind: "heading", level: next.trim().startsWith("=") ? 1 : 2, text: line });
      i++;
      continue;
    }
    if (!line.trim()) flush();
    else if (!/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) para.push(line);
    else flush();
  }
  flush();
  return blocks;
}

export function parseText(bytes: Uint8Array): ParsedDocument {
  const text = decodeText(bytes, "text file");
  const sections = sectionsFromBlocks(markdownBlocks(text));
  if (!sections.length) throw new DocumentError("The text is empty — there is nothing to add.");
  return { sections, skipped: [] };
}
