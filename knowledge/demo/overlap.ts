// Lexical overlap of a labelled question with its answer: the share of the question's
// content stems (text/analyze.ts `terms()`) that occur in the labelled entry's title,
// content or tags (the best of its labels). Low overlap is what a keyword index cannot
// bridge; it says how paraphrased the set really is.
import { terms } from "../text/analyze.js";
import type { KnowledgeEntryInput } from "../types.js";
import type { LabelledQuestion } from "./labels.js";

export interface QuestionOverlap {
  q: string;
  /** Content stems of the question. */
  stems: number;
  /** How many of them occur in the best labelled entry. */
  shared: number;
  /** shared / stems (0 when the question has no content stems). */
  share: number;
}

export interface OverlapSummary {
  n: number;
  meanShare: number;
  /** Questions sharing at most one stem with their answer. */
  atMostOneStem: number;
  noStem: number;
}

export function questionOverlap(questions: LabelledQuestion[], entries: KnowledgeEntryInput[]): QuestionOverlap[] {
  const vocab = new Map(entries.map((e) => [e.title, new Set(terms(`${e.title}\n${e.content}\n${(e.tags ?? []).join(" ")}`))]));
  return questions.map(({ q, expect }) => {
    const stems = [...new Set(terms(q))];
    let shared = 0;
    for (const title of expect) {
      const v = vocab.get(title);
      if (!v) throw new Error(`no entry titled ${title}`);
      shared = Math.max(shared, stems.filter((s) => v.has(s)).length);
    }
    return { q, stems: stems.length, shared, share: stems.length ? shared / stems.length : 0 };
  });
}

export function summarizeOverlap(rows: QuestionOverlap[]): OverlapSummary {
  const n = rows.length;
  return {
    n,
    meanShare: n ? rows.reduce((a, r) => a + r.share, 0) / n : 0,
    atMostOneStem: rows.filter((r) => r.shared <= 1).length,
    noStem: rows.filter((r) => r.shared === 0).length,
  };
}
