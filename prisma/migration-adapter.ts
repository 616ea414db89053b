// Driver adapter used by the Prisma CLI only (migrate, db, studio). The application uses a
// plain PrismaPg (core/db.ts). This wrapper works around three bugs of
// @prisma/adapter-pg 6.19.3 (pinned exactly because it touches an internal method):
//  1. the schema engine's introspection reads the system types `name` (oid 19) and
//     `"char"` (oid 18), which the adapter refuses to deserialize (prisma/orm#27403):
//     we report those columns as text (oid 25);
//  2. connectToShadowDb() given a connection string opens the *main* database as the
//     shadow: we create a uniquely named shadow database and connect to it by URL;
//  3. its shadow clean-up drops the database before closing its pool: we close first.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

type Fields = { fields?: Array<{ dataTypeID: number }> };
const SYSTEM_TEXT_OIDS = new Set([18, 19]);

function patchQueryable<T extends object>(queryable: T): T {
  const target = queryable as unknown as { performIO: (q: unknown) => Promise<Fields> };
  const original = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await original(query);
    // a multi-statement query returns one result per statement
    for (const r of Array.isArray(result) ? (result as Fields[]) : [result]) {
      for (const field of r.fields ?? []) if (SYSTEM_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = 25;
    }
    return result;
  };
  const tx = queryable as unknown as { startTransaction?: (...a: unknown[]) => Promise<object> };
  if (tx.startTransaction) {
    const start = tx.startTransaction.bind(queryable);
    tx.startTransaction = async (...args) => patchQueryable(await start(...args));
  }
  return queryable;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export class MigrationAdapter extends PrismaPg {
  constructor(private readonly url: string) {
    super({ connectionString: url, idleTimeoutMillis: 200, allowExitOnIdle: true });
  }

  override async connect() {
    return patchQueryable(await super.connect());
  }

  override async connectToShadowDb() {
    const name = `prisma_shadow_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = patchQueryable(await new PrismaPg({ connectionString: withDatabase(this.url, name), idleTimeoutMillis: 200, allowExitOnIdle: true }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      const cleanup = new pg.Client({ connectionString: this.url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}"`);
      await cleanup.end();
    };
    return shadow;
  }
}
