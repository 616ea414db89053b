// `npm start`: one command from a fresh checkout to a running GrowAI.
// Installs dependencies if needed, writes generated secrets to .env on first run,
// creates the database, applies migrations, seeds the demo salon and starts the server
// (HTTP + workers). With no provider keys everything runs locally: the local model tier,
// the embedded knowledge store, and the web/terminal chat.
import { existsSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
process.chdir(root);

if (!existsSync("node_modules/.bin/tsx")) {
  console.log("› installing dependencies (npm ci)…");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { PRISMA_ENV, bin, ensureDatabase, run } = await import("./lib.mjs");
const pg = (await import("pg")).default;
const { Redis } = await import("ioredis");

// .env: read it, and on first run create it with generated secrets.
const env = {};
if (existsSync(".env")) {
  for (const line of readFileSync(".env", "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, "$2");
  }
}
const generated = {};
const need = (key, make) => {
  if (!process.env[key] && !env[key]) generated[key] = make();
};
need("DATABASE_URL", () => "postgresql://postgres@127.0.0.1:5432/growai");
need("ADMIN_TOKEN", () => randomBytes(24).toString("base64url"));
need("CREDENTIALS_KEY", () => randomBytes(32).toString("hex"));
if (Object.keys(generated).length) {
  const lines = Object.entries(generated).map(([k, v]) => `${k}=${v}`);
  writeFileSync(".env", `${existsSync(".env") ? readFileSync(".env", "utf8").trimEnd() + "\n" : "# Written by npm start on first run. Keep it secret; see README for every setting.\n"}${lines.join("\n")}\n`, { mode: 0o600 });
  Object.assign(env, generated);
  console.log(`› wrote ${Object.keys(generated).join(", ")} to .env`);
}
const merged = { ...env, ...process.env };

// PostgreSQL and Redis must be up.
const dbUrl = new URL(merged.DATABASE_URL);
const dbName = dbUrl.pathname.slice(1);
const adminUrl = new URL(merged.DATABASE_URL);
adminUrl.pathname = "/postgres";
try {
  if (await ensureDatabase(adminUrl.toString(), dbName)) console.log(`› created database ${dbName}`);
} catch (err) {
  console.error(`PostgreSQL is not reachable at ${dbUrl.host} (${err.message}).\nStart it (e.g. \`docker compose up -d postgres redis\`) or set DATABASE_URL.`);
  process.exit(1);
}
const redisUrl = merged.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
try {
  await redis.connect();
  await redis.ping();
  await redis.quit();
} catch (err) {
  console.error(`Redis is not reachable at ${redisUrl} (${err.message}).\nStart it (e.g. \`docker compose up -d redis\`) or set REDIS_URL.`);
  process.exit(1);
}

// Prisma client and migrations (the CLI is only run when a migration is pending).
await run(bin("prisma"), ["generate"], { ...PRISMA_ENV, DATABASE_URL: merged.DATABASE_URL });
const local = readdirSync("prisma/migrations").filter((d) => /^\d+_/.test(d));
const client = new pg.Client({ connectionString: merged.DATABASE_URL });
await client.connect();
const applied = await client
  .query("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
  .then((r) => new Set(r.rows.map((x) => x.migration_name)), () => new Set());
await client.end();
if (local.some((m) => !applied.has(m))) {
  console.log("› applying migrations…");
  await run(bin("prisma"), ["migrate", "deploy"], { ...PRISMA_ENV, DATABASE_URL: merged.DATABASE_URL });
}

// The demo salon (and its public web chat) is for trying GrowAI out, not for production.
if (merged.NODE_ENV !== "production" || merged.DEMO_WEB_CHAT === "true") await run(bin("tsx"), ["prisma/seed.ts"], merged);

console.log("› starting GrowAI");
const server = spawn(bin("tsx"), ["api/main.ts"], { stdio: "inherit", env: merged });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
