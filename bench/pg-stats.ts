// Transactions the benchmark database committed or rolled back, from pg_stat_database
// (every statement outside BEGIN…COMMIT is one). PostgreSQL publishes a backend's counts
// when it goes idle, at most once a second, hence the pause before reading.
import pg from "pg";
import { PG_ADMIN_URL } from "./setup.js";
import { sleep } from "./stats.js";

export async function transactions(dbName: string, settleMs = 1100): Promise<number> {
  await sleep(settleMs);
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>("SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1", [dbName]);
    return Number(r.rows[0]?.n ?? Number.NaN);
  } finally {
    await client.end();
  }
}
