import { defineConfig } from "prisma/config";
import { MigrationAdapter } from "./prisma/migration-adapter.js";

// With a config file, Prisma does not read .env: scripts/start.mjs and .ci/run export
// DATABASE_URL. The CLI runs the WASM schema engine through a driver adapter, so nothing
// is downloaded (see prisma/README.md).
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/growai";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new MigrationAdapter(url),
});
