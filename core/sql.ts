// A small typed helper over a pg.Pool for the message pipeline's hot statements (see
// core/repos): parameterized SQL only, prepared once per connection (named statements),
// one client per transaction. Prisma stays for everything else.
//
// Timestamps: the schema's columns are `timestamp(3)` WITHOUT time zone holding UTC (as
// Prisma writes them). Parameters go in as ISO strings (`iso(date)`, the "Z" is ignored by
// a cast to timestamp, leaving the UTC wall clock) and come back parsed as UTC, whatever
// the process's or the server's time zone.
import pg from "pg";

export type PgPool = pg.Pool;

const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (s: string): Date => new Date(`${s.replace(" ", "T")}Z`);

/** A pg pool whose `timestamp` columns are read as UTC (as Prisma reads them). */
export function createPgPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_OID && format !== "binary" ? parseUtcTimestamp : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
}

/** A Date as a parameter for a `timestamp` (UTC) column. */
export const iso = (d: Date): string => d.toISOString();

/** A strict UUID: the hot-path SQL compares uuid columns; anything else takes the Prisma path (same outcome as before). */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** PostgreSQL unique_violation. */
export function isPgUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";
}

export interface Queryable {
  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
  first<R>(text: string, values?: readonly unknown[]): Promise<R | null>;
  /** Rows affected (UPDATE/INSERT/DELETE). */
  count(text: string, values?: readonly unknown[]): Promise<number>;
}

type Target = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

class Runner implements Queryable {
  constructor(private readonly target: Target, private readonly names: Map<string, string>) {}

  private async run<R extends pg.QueryResultRow>(text: string, values: readonly unknown[]): Promise<pg.QueryResult<R>> {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `growai_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return this.target.query<R>({ name, text, values: values as unknown[] });
  }

  async rows<R>(text: string, values: readonly unknown[] = []): Promise<R[]> {
    return (await this.run<R & pg.QueryResultRow>(text, values)).rows;
  }

  async first<R>(text: string, values: readonly unknown[] = []): Promise<R | null> {
    return (await this.run<R & pg.QueryResultRow>(text, values)).rows[0] ?? null;
  }

  async count(text: string, values: readonly unknown[] = []): Promise<number> {
    return (await this.run(text, values)).rowCount ?? 0;
  }
}

export class Sql implements Queryable {
  /** Statement text → prepared statement name (shared: a name always means one text). */
  private readonly names = new Map<string, string>();
  private readonly runner: Runner;

  constructor(readonly pool: pg.Pool) {
    this.runner = new Runner(pool, this.names);
  }

  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]> {
    return this.runner.rows<R>(text, values);
  }
  first<R>(text: string, values?: readonly unknown[]): Promise<R | null> {
    return this.runner.first<R>(text, values);
  }
  count(text: string, values?: readonly unknown[]): Promise<number> {
    return this.runner.count(text, values);
  }

  /** Run `fn` in one transaction on one client; rolled back if it throws. */
  async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      try {
        const out = await fn(new Runner(client, this.names));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw err;
      }
    } finally {
      client.release(broken);
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
