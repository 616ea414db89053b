// An in-process GrowAI (HTTP server + workers) on the run's real PostgreSQL and Redis,
// with a unique Redis prefix, talking to a fake Graph API over real HTTP.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { loadConfig, type Config } from "../../core/config.js";
import { createContainer, type Container, type ContainerOverrides } from "../../api/container.js";
import type { Workers } from "../../api/pipeline/workers.js";
import { startFakeGraphApi, type FakeGraphApi } from "../fakes/graph-api.js";
import { TEST_CREDENTIALS_KEY, testDatabaseUrl, uniquePrefix, uniqueSlug } from "./db.js";
import { sign } from "./webhooks.js";

export const APP_SECRET = "test-app-secret-0123456789abcdef";
export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

export interface Harness {
  config: Config;
  c: Container;
  graph: FakeGraphApi;
  baseUrl: string;
  workers: Workers | null;
  startWorkers(): Workers;
  admin(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  postWebhook(body: unknown, opts?: { secret?: string; signature?: string | null; raw?: string }): Promise<{ status: number; body: any }>;
  /** A tenant with a WhatsApp number registered through the admin API. */
  createTenant(opts?: { knowledge?: Array<{ title: string; content: string }> }): Promise<{ tenantId: string; phoneNumberId: string; token: string }>;
  close(): Promise<void>;
}

export async function startHarness(o: { env?: Record<string, string>; overrides?: ContainerOverrides; workers?: boolean } = {}): Promise<Harness> {
  const graph = await startFakeGraphApi();
  const config = loadConfig({
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: uniquePrefix("e2e").replaceAll(":", "-"),
    ADMIN_TOKEN,
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    GRAPH_API_BASE_URL: graph.baseUrl,
    LOG_LEVEL: "silent",
    BURST_WINDOW_MS: "0",
    JOB_ATTEMPTS: "3",
    ...o.env,
  });
  const c = await createContainer(config, { dbPoolSize: 5, workers: { lockDuration: 2000, stalledInterval: 1000 }, ...o.overrides });
  const server: Server = await new Promise((resolve) => {
    const s = c.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (method: string, path: string, init: RequestInit) => {
    const res = await fetch(`${baseUrl}${path}`, { method, ...init });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as any };
  };

  const h: Harness = {
    config, c, graph, baseUrl, workers: null,
    startWorkers() {
      h.workers = c.startWorkers();
      return h.workers;
    },
    admin(method, path, body, token = ADMIN_TOKEN) {
      return call(method, `/api/v1${path}`, {
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
    postWebhook(body, opts = {}) {
      const raw = opts.raw ?? JSON.stringify(body);
      const signature = opts.signature === undefined ? sign(raw, opts.secret ?? APP_SECRET) : opts.signature;
      return call("POST", "/webhooks/whatsapp", {
        headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) },
        body: raw,
      });
    },
    async createTenant(opts = {}) {
      const t = await h.admin("POST", "/tenants", { slug: uniqueSlug("salon"), name: "Test Salon", timezone: "Europe/London", currency: "GBP" });
      if (t.status !== 201) throw new Error(`create tenant: ${t.status} ${JSON.stringify(t.body)}`);
      const phoneNumberId = String(100000000000000 + Math.floor(Math.random() * 1e12));
      const token = `EAAG${randomBytes(24).toString("hex")}`;
      graph.setToken(phoneNumberId, token);
      const a = await h.admin("PUT", `/tenants/${t.body.id}/channels/whatsapp`, { phoneNumberId, accessToken: token });
      if (a.status !== 200) throw new Error(`register whatsapp: ${a.status} ${JSON.stringify(a.body)}`);
      for (const k of opts.knowledge ?? []) {
        const r = await h.admin("POST", `/tenants/${t.body.id}/knowledge`, k);
        if (r.status !== 201) throw new Error(`knowledge: ${r.status} ${JSON.stringify(r.body)}`);
      }
      return { tenantId: t.body.id as string, phoneNumberId, token };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await c.close();
      await graph.close();
    },
  };
  if (o.workers !== false) h.startWorkers();
  return h;
}

/** Poll until `fn` returns a truthy value or the deadline passes. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}

export const SALON_KNOWLEDGE = [
  { title: "Opening hours", content: "We are open Tuesday to Saturday from 9am to 7pm. We are closed on Sundays and Mondays." },
  { title: "Haircut prices", content: "A women's cut and blow-dry costs £45. A men's cut costs £25. Children under 12 pay £15." },
  { title: "Location", content: "Find us at 12 Harbour Street, Bristol BS1 4QA, next to the ferry landing." },
];
