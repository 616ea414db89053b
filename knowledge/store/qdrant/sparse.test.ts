// The Qdrant store's BM25 must score exactly like the embedded store's Bm25Index, whatever
// avgdl its sparse weights were written with.
import { describe, expect, it } from "vitest";
import { Bm25Index } from "../bm25.js";
import { terms } from "../../text/analyze.js";
import { avgdlOf, documentVector, idf, keywordQuery, rescoreKeyword, termWeight, tfFromWeight, type CorpusStats } from "./sparse.js";
import { CHUNKS_ROW, LENGTH_ROW, chunkContribution } from "./term-stats.js";

const DOCS = [
  "Opening hours: open Tuesday to Saturday, 9am to 6pm. Closed on Mondays.",
  "Parking: free street parking for two hours; a pay-and-display car park is nearby, park park park.",
  "Nails: gel manicure £32, classic pedicure £35, nail art from £5 per nail.",
  "Gift vouchers for any amount, valid twelve months, delivered by email.",
].map(terms);

function statsOf(docs: string[][]): CorpusStats {
  const delta = chunkContribution(docs, 1);
  const df = new Map([...delta].filter(([t]) => t !== CHUNKS_ROW && t !== LENGTH_ROW));
  return { chunks: delta.get(CHUNKS_ROW) ?? 0, length: delta.get(LENGTH_ROW) ?? 0, df };
}

describe("sparse BM25", () => {
  it("gives the embedded Bm25Index's scores and normalizer, even when written with a stale avgdl", () => {
    const index = new Bm25Index(DOCS);
    const stats = statsOf(DOCS);
    for (const question of ["where can I park my car", "gel manicure price", "are you open on mondays", "do you sell cars"]) {
      const qs = terms(question);
      const expected = new Float32Array(DOCS.length);
      const norm = index.scoreInto(qs, expected);
      const kq = keywordQuery(qs, stats);
      expect(kq.norm).toBeCloseTo(norm, 5);
      DOCS.forEach((doc, i) => {
        for (const writtenAvgdl of [avgdlOf(stats), 3, 40]) {
          const vec = documentVector(doc, writtenAvgdl);
          expect(rescoreKeyword(kq, vec, doc.length, writtenAvgdl, avgdlOf(stats))).toBeCloseTo(expected[i]!, 4);
        }
      });
    }
  });

  it("Qdrant's sparse dot product (idf · weight) is BM25 when written with the current avgdl", () => {
    const stats = statsOf(DOCS);
    const kq = keywordQuery(terms("park car"), stats);
    const doc = DOCS[1]!;
    const vec = documentVector(doc, avgdlOf(stats));
    const dotProduct = kq.vector!.indices.reduce((s, id, k) => {
      const j = vec.indices.indexOf(id);
      return s + (j >= 0 ? vec.values[j]! * kq.vector!.values[k]! : 0);
    }, 0);
    expect(dotProduct).toBeCloseTo(rescoreKeyword(kq, vec, doc.length, avgdlOf(stats), avgdlOf(stats)), 6);
  });

  it("recovers tf from a stored float32 weight", () => {
    for (const tf of [1, 2, 3, 7, 50, 400]) {
      for (const [dl, avgdl] of [[5, 12], [40, 10], [400, 30]] as const) {
        const stored = Math.fround(termWeight(tf, dl, avgdl));
        expect(tfFromWeight(stored, dl, avgdl)).toBe(tf);
      }
    }
  });

  it("a query with no terms has no sparse vector and a zero normalizer; unknown terms carry the largest idf", () => {
    const stats = statsOf(DOCS);
    expect(keywordQuery([], stats)).toMatchObject({ vector: null, norm: 0 });
    const kq = keywordQuery(["zebra", "park"], stats);
    const [zebra, park] = kq.terms;
    expect(zebra!.idf).toBeCloseTo(idf(stats.chunks, 0), 10);
    expect(zebra!.idf).toBeGreaterThan(park!.idf);
    expect(kq.vector!.indices).toEqual([...kq.vector!.indices].sort((a, b) => a - b));
  });
});
