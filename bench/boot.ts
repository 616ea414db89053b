// One in-process GrowAI for a benchmark: createContainer with production defaults (except
// what the caller overrides, named in the output), its express app on a loopback port, a
// fake Graph API, and tenants provisioned through the admin API.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { pino } from "pino";
import { createContainer, type Container } from "../api/container.js";
import type { Workers } from "../api/pipeline/workers.js";
import type { Agent } from "../agent/types.js";
import { loadConfig } from "../core/config.js";
import { DEMO_KNOWLEDGE, DEMO_TENANT } from "../knowledge/demo/salon.js";
import { startFakeGraphApi, type FakeGraphApi } from "../test/fakes/graph-api.js";
import type { BenchEnv } from "./setup.js";

export const APP_SECRET = `bench-app-secret-${randomBytes(8).toString("hex")}`;
const ADMIN_TOKEN = `bench-admin-${randomBytes(16).toString("hex")}`;
const CREDENTIALS_KEY = randomBytes(32).toString("hex");

/**
 * The per-sending-number rate limit is raised for every benchmark: its default (20/s) would
 * cap one tenant's replies at 20 msg/s, below the offered load, and measure the limiter.
 */
export const BENCH_SEND_RATE = 10_000;

export interface Tenant {
  tenantId: string;
  phoneNumberId: string;
}

export interface Booted {
  c: Container;
  graph: FakeGraphApi;
  host: string;
  port: number;
  baseUrl: string;
  workers: Workers | null;
  createTenant(opts?: { demoKnowledge?: boolean }): Promise<Tenant>;
  close(): Promise<void>;
}

export interface BootOptions {
  /** Distinguishes this instance's Redis prefix (queues, locks) inside the run's prefix. */
  label: string;
  workers: boolean;
  /** Unset: the configuration's default. */
  burstWindowMs?: number;
  agent?: Agent;
}

/** Production logs at info: the benchmark keeps that cost but writes the lines to /dev/null. */
function devNullLogger() {
  return pino(
    { level: "info", base: { svc: "growai" }, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: ["*.accessToken", "*.authorization", "*.token", "*.secret", "*.credentials"], censor: "[redacted]" } },
    pino.destination({ dest: "/dev/null", sync: true }),
  );
}

export async function boot(env: BenchEnv, o: BootOptions): Promise<Booted> {
  const graph = await startFakeGraphApi();
  const config = loadConfig({
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: `${env.redisPrefix}-${o.label}`,
    ADMIN_TOKEN,
    CREDENTIALS_KEY,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: "bench-verify",
    GRAPH_API_BASE_URL: graph.baseUrl,
    SEND_RATE_PER_SECOND: String(BENCH_SEND_RATE),
    ...(o.burstWindowMs !== undefined ? { BURST_WINDOW_MS: String(o.burstWindowMs) } : {}),
  });
  const c = await createContainer(config, { logger: devNullLogger(), ...(o.agent ? { agent: o.agent } : {}) });
  const host = "127.0.0.1";
  const server: Server = await new Promise((resolve) => {
    const s = c.app.listen(0, host, () => resolve(s));
  });
  server.keepAliveTimeout = 65_000; // as api/main.ts
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://${host}:${port}`;
  const workers = o.workers ? c.startWorkers() : null;

  const admin = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300) throw new Error(`admin ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  return {
    c, graph, host, port, baseUrl, workers,
    async createTenant(opts = {}) {
      const { slug: _slug, ...profile } = DEMO_TENANT;
      const t = await admin("POST", "/tenants", { ...profile, slug: `bench-${o.label}-${randomBytes(4).toString("hex")}` });
      const tenantId = String(t.id);
      const phoneNumberId = String(100000000000000 + Math.floor(Math.random() * 1e12));
      const token = `EAAG${randomBytes(24).toString("hex")}`;
      graph.setToken(phoneNumberId, token);
      await admin("PUT", `/tenants/${tenantId}/channels/whatsapp`, { phoneNumberId, accessToken: token });
      if (opts.demoKnowledge) for (const entry of DEMO_KNOWLEDGE) await c.knowledge.addEntry(tenantId, entry);
      return { tenantId, phoneNumberId };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await c.close();
      await graph.close();
    },
  };
}
