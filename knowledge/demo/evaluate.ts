// Retrieval metrics over the labelled questions: recall@1, recall@5, MRR, and the top
// score of every question, so a "no answer" threshold can be judged against both sets.
import type { KnowledgeHit } from "../types.js";
import type { LabelledQuestion } from "./questions.js";

export interface RetrievalReport {
  recallAt1: number;
  recallAt5: number;
  mrr: number;
  /** Top-1 score of each in-scope question (0 when nothing came back). */
  inScopeTop: number[];
  /** Top-1 score of each out-of-scope question. */
  outOfScopeTop: number[];
  misses: Array<{ q: string; got: string[] }>;
  /** 0-based rank of the first right hit of each in-scope question, -1 when none came back. */
  ranks: number[];
}

export async function evaluate(
  search: (q: string) => Promise<KnowledgeHit[]>,
  inScope: LabelledQuestion[],
  outOfScope: string[],
): Promise<RetrievalReport> {
  let at1 = 0, at5 = 0, rr = 0;
  const inScopeTop: number[] = [];
  const misses: RetrievalReport["misses"] = [];
  const ranks: number[] = [];
  for (const { q, expect } of inScope) {
    const hits = await search(q);
    const rank = hits.findIndex((h) => expect.includes(h.title));
    ranks.push(rank);
    if (rank === 0) at1++;
    if (rank >= 0 && rank < 5) at5++;
    if (rank >= 0) rr += 1 / (rank + 1);
    else misses.push({ q, got: hits.slice(0, 3).map((h) => h.title) });
    inScopeTop.push(hits[0]?.score ?? 0);
  }
  const outOfScopeTop: number[] = [];
  for (const q of outOfScope) outOfScopeTop.push((await search(q))[0]?.score ?? 0);
  const n = inScope.length;
  return { recallAt1: at1 / n, recallAt5: at5 / n, mrr: rr / n, inScopeTop, outOfScopeTop, misses, ranks };
}

/** Share of scores strictly below the threshold. */
export function shareBelow(scores: number[], threshold: number): number {
  return scores.length ? scores.filter((s) => s < threshold).length / scores.length : 0;
}
