// Deciding "no good answer". EmbeddedKnowledgeStore hit scores are relevances in [0, 1]
// (0.2 × cosine + 0.8 × normalized BM25 by default). A top hit below NO_ANSWER_THRESHOLD
// means the tenant's knowledge does not answer the question: the agent should say it does
// not know (or escalate), not quote the hit. Calibrated on the Glow Studio question set
// (knowledge/README.md); valid for EmbeddedKnowledgeStore with its default weights and
// the local embedder — another store or embedder needs its own calibration.
import type { KnowledgeHit } from "./types.js";

export const NO_ANSWER_THRESHOLD = 0.25;

/** The hits worth grounding an answer on (may be empty: "I don't know"). */
export function confidentHits(hits: readonly KnowledgeHit[], threshold = NO_ANSWER_THRESHOLD): KnowledgeHit[] {
  return hits.filter((h) => h.score >= threshold);
}
