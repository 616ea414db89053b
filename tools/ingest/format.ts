// How ingestion status reads in chat: one line per document, newest first, with progress
// for documents being added and the reason for ones that failed.
import type { DocumentStatusItem } from "./types.js";

const words = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean);
const GENERIC = new Set(["my", "the", "our", "a", "file", "document", "doc", "upload", "pdf", "csv", "sheet"]);

/** The words of a name query worth searching for ("the price list PDF" → ["price", "list"]). */
export function queryWords(query: string): string[] {
  return words(query).filter((w) => !GENERIC.has(w));
}

/** Does `name` contain every meaningful word of `query` ("price list" ~ "Price-List_2026.pdf")? */
export function nameMatches(name: string, query: string): boolean {
  const have = words(name).join(" ");
  const want = words(query).filter((w) => !GENERIC.has(w));
  const loose = words(name).join("");
  return want.length > 0 && want.every((w) => have.includes(w) || loose.includes(w));
}

export function ago(at: Date, now: Date): string {
  const mins = Math.round((now.getTime() - at.getTime()) / 60_000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} min ago`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function statusLine(d: DocumentStatusItem, now: Date): string {
  switch (d.status) {
    case "queued":
      return `• ${d.name} — waiting to be added (sent ${ago(d.updatedAt, now)})`;
    case "processing": {
      const pct = d.totalParts ? Math.floor((100 * d.doneParts) / d.totalParts) : 0;
      return `• ${d.name} — being added: ${d.doneParts} of ${d.totalParts} sections (${pct}%)`;
    }
    case "done": {
      const n = `${d.entries} ${d.entries === 1 ? "entry" : "entries"}`;
      const skipped = d.error ? ` (${d.error.replace(/:.*/, "")} rows)` : "";
      return `• ${d.name} — done ${ago(d.finishedAt ?? d.updatedAt, now)}, ${n}${skipped}`;
    }
    case "failed":
      return `• ${d.name} — failed: ${d.error ?? "unknown reason"}`;
  }
}
