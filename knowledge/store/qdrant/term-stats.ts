// Per-tenant keyword statistics in PostgreSQL (KnowledgeTerm): the document frequency of
// each stem over the tenant's searchable chunks, plus two reserved rows holding the chunk
// count (N) and their total length in stems (so avgdl = length / N). The reserved names
// start with a space, which analysis never produces. Changes are atomic increments
// (INSERT … ON CONFLICT DO UPDATE, terms in sorted order so concurrent writers lock rows
// in the same order) made inside the caller's transaction: they commit or roll back with
// the entry change they describe.
import type { Db, Prisma } from "../../../core/db.js";
import type { CorpusStats } from "./sparse.js";

export const CHUNKS_ROW = " chunks";
export const LENGTH_ROW = " length";

type Tx = Prisma.TransactionClient | Db;

/** What a set of chunks contributes to the stats (sign +1 to add them, −1 to remove them). */
export function chunkContribution(chunksStems: ReadonlyArray<readonly string[]>, sign: 1 | -1): Map<string, number> {
  const delta = new Map<string, number>();
  let length = 0;
  for (const stems of chunksStems) {
    length += stems.length;
    for (const t of new Set(stems)) delta.set(t, (delta.get(t) ?? 0) + sign);
  }
  if (chunksStems.length) {
    delta.set(CHUNKS_ROW, sign * chunksStems.length);
    delta.set(LENGTH_ROW, sign * length);
  }
  return delta;
}

/** Apply increments (negative to remove); rows that reach 0 are deleted. */
export async function applyTermDelta(tx: Tx, tenantId: string, delta: ReadonlyMap<string, number>): Promise<void> {
  const rows = [...delta].filter(([, d]) => d !== 0).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (!rows.length) return;
  const names = rows.map(([t]) => t);
  const counts = rows.map(([, d]) => d);
  await tx.$executeRaw`
    INSERT INTO "KnowledgeTerm" ("tenantId", "term", "df")
    SELECT ${tenantId}::uuid, u.term, u.df FROM unnest(${names}::text[], ${counts}::int[]) AS u(term, df)
    ORDER BY u.term
    ON CONFLICT ("tenantId", "term") DO UPDATE SET "df" = "KnowledgeTerm"."df" + EXCLUDED."df"`;
  if (counts.some((d) => d < 0)) {
    await tx.$executeRaw`
      DELETE FROM "KnowledgeTerm" WHERE "tenantId" = ${tenantId}::uuid AND "term" = ANY(${names}::text[]) AND "df" <= 0`;
  }
}

/** N, total length and the df of the given stems for one tenant (one indexed query). */
export async function readStats(db: Tx, tenantId: string, stems: readonly string[]): Promise<CorpusStats> {
  const wanted = [...new Set([CHUNKS_ROW, LENGTH_ROW, ...stems])];
  const rows = await db.knowledgeTerm.findMany({ where: { tenantId, term: { in: wanted } }, select: { term: true, df: true } });
  const df = new Map<string, number>();
  let chunks = 0;
  let length = 0;
  for (const r of rows) {
    if (r.term === CHUNKS_ROW) chunks = r.df;
    else if (r.term === LENGTH_ROW) length = r.df;
    else df.set(r.term, r.df);
  }
  return { chunks, length, df };
}

/**
 * Replace the tenant's statistics with a recount from `chunksStems` (its searchable chunks),
 * for when entries left PostgreSQL without going through the store (a cascade).
 */
export async function replaceStats(tx: Tx, tenantId: string, chunksStems: ReadonlyArray<readonly string[]>): Promise<void> {
  await tx.knowledgeTerm.deleteMany({ where: { tenantId } });
  await applyTermDelta(tx, tenantId, chunkContribution(chunksStems, 1));
}
