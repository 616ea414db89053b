// The PostgreSQL client. Only core/repos and knowledge/ stores touch it.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../prisma/generated/client.js";
import { Sql, createPgPool } from "./sql.js";

export type Db = PrismaClient;
export { Prisma } from "../prisma/generated/client.js";
export { Sql } from "./sql.js";

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  const db = new PrismaClient({ adapter });
  return guardBulkWrites(db);
}

/** Refuse updateMany/deleteMany with an empty `where`: a missing filter must never touch every tenant. */
function guardBulkWrites(db: PrismaClient): Db {
  return db.$extends({
    query: {
      $allModels: {
        async updateMany({ model, args, query }) {
          assertFiltered(model, "updateMany", args.where);
          return query(args);
        },
        async deleteMany({ model, args, query }) {
          assertFiltered(model, "deleteMany", args.where);
          return query(args);
        },
      },
    },
  }) as unknown as Db;
}

function assertFiltered(model: string, op: string, where: unknown): void {
  if (!where || (typeof where === "object" && Object.keys(where).length === 0)) {
    throw new Error(`${model}.${op} without a where clause is refused`);
  }
}

/**
 * The pg pool of the hot-path repository statements (core/sql.ts), next to Prisma's: a
 * plain parameterized query costs a fraction of a Prisma call's CPU.
 */
export function createSql(databaseUrl: string, poolSize = 10): Sql {
  return new Sql(createPgPool(databaseUrl, poolSize));
}
