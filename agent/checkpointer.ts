// LangGraph's PostgreSQL checkpointer in its own schema, so its tables never mix with
// Prisma's. setup() runs once at boot under an advisory lock (several processes or test
// files may boot at once; the library's own migrations are not concurrency-safe).
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";

export const CHECKPOINT_SCHEMA = "langgraph";
const SETUP_LOCK_KEY = 0x6c67_6370; // "lgcp"

export interface CheckpointerOptions {
  schema?: string;
  /** Pool size (default 5). */
  max?: number;
  /** Told about idle-connection errors (logged by the caller). */
  onError?: (err: Error) => void;
}

export async function createCheckpointer(
  databaseUrl: string,
  opts: CheckpointerOptions = {},
): Promise<PostgresSaver> {
  const schema = opts.schema ?? CHECKPOINT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid checkpoint schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 5 });
  // An idle client's connection dropping (a restart, a failover) must not crash the process:
  // the pool discards that client and opens a new one on the next checkout.
  pool.on("error", (err) => opts.onError?.(err));
  const saver = new PostgresSaver(pool, undefined, { schema });
  const lock = await pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [SETUP_LOCK_KEY]);
    await saver.setup();
  } catch (err) {
    lock.release();
    await pool.end().catch(() => undefined);
    throw err;
  }
  await lock.query("SELECT pg_advisory_unlock($1)", [SETUP_LOCK_KEY]).finally(() => lock.release());
  return saver;
}
