// Which knowledge entry an owner means by "the parking entry". Read-only (it runs again
// when an approval resumes). Title matches first — exact, then every query word in the
// title — and only then the store's own search above its relevance threshold. More than
// one candidate is returned as is: the owner picks, the tool never guesses.
import type { KnowledgeEntry, KnowledgeStore } from "../../knowledge/types.js";
import type { KnowledgeAdmin } from "../owner/types.js";

const SCAN_LIMIT = 500;
const MAX_CANDIDATES = 5;
const STOP = new Set("a an the of about on for our my we entry entries fact info information note".split(" "));

function words(text: string): string[] {
  return (text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !STOP.has(w))
    .map((w) => (w.length > 3 ? w.replace(/s$/, "") : w));
}

export async function findEntries(
  search: Pick<KnowledgeStore, "search">,
  admin: KnowledgeAdmin,
  tenantId: string,
  query: string,
  minScore: number,
): Promise<KnowledgeEntry[]> {
  const entries = await admin.listEntries(tenantId, { limit: SCAN_LIMIT });
  const q = words(query);
  const key = q.join(" ");
  if (!key) return [];
  const exact = entries.filter((e) => words(e.title).join(" ") === key);
  if (exact.length > 0) return exact.slice(0, MAX_CANDIDATES);
  const inTitle = entries.filter((e) => {
    const t = new Set(words(e.title));
    return q.every((w) => t.has(w));
  });
  if (inTitle.length > 0) return inTitle.slice(0, MAX_CANDIDATES);
  const hits = await search.search(tenantId, query, { k: MAX_CANDIDATES });
  const ids = [...new Set(hits.filter((h) => h.score >= minScore).map((h) => h.entryId))];
  const byId = new Map(entries.map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)).filter((e): e is KnowledgeEntry => !!e);
}
