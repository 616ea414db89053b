// knowledge_search handler: KnowledgeStore.search scoped to the tenant of the run context.
import type { KnowledgeHit, KnowledgeStore } from "../../knowledge/types.js";
import type { ToolContext } from "../context.js";
import type { KnowledgeSearchArgs } from "./schema.js";

export const SEARCH_K = 5;
/** Entry text longer than this is cut before it reaches a model (keeps prompts small). */
export const MAX_HIT_CHARS = 600;

export interface SearchResultHit {
  title: string;
  text: string;
  score: number;
  entryId: string;
  /** "owner-note" for facts the owner taught in chat, else "knowledge". */
  kind?: "owner-note" | "knowledge";
  /** When the entry last changed (ISO time): where results disagree, the newest wins. */
  updated?: string;
}

/** The tool's output as the model reads it (and the local model parses it back). */
export interface SearchResult {
  query: string;
  hits: SearchResultHit[];
}

function compact(hit: KnowledgeHit): SearchResultHit {
  const text = hit.text.length > MAX_HIT_CHARS ? `${hit.text.slice(0, MAX_HIT_CHARS - 1)}…` : hit.text;
  return {
    title: hit.title, text, score: Math.round(hit.score * 1000) / 1000, entryId: hit.entryId,
    kind: hit.source === "chat" ? "owner-note" : "knowledge",
    updated: hit.updatedAt.toISOString(),
  };
}

export async function searchKnowledge(
  store: KnowledgeStore,
  ctx: ToolContext,
  args: KnowledgeSearchArgs,
): Promise<SearchResult> {
  const hits = await store.search(ctx.tenantId, args.query, { k: SEARCH_K });
  return { query: args.query, hits: hits.map(compact) };
}

/** Parse a knowledge_search tool message back into hits; null when it is not one. */
export function parseSearchResult(content: string): SearchResult | null {
  try {
    const v = JSON.parse(content) as Partial<SearchResult>;
    if (!v || typeof v.query !== "string" || !Array.isArray(v.hits)) return null;
    const hits = v.hits.filter(
      (h): h is SearchResultHit =>
        !!h && typeof h.text === "string" && typeof h.title === "string" && typeof h.score === "number",
    );
    return { query: v.query, hits };
  } catch {
    return null;
  }
}
