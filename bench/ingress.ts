// Ingress: signed WhatsApp webhooks against the real express app built by createContainer,
// workers not running, so a response measures the acknowledgement alone (verify the
// signature, resolve the tenant, parse, enqueue into BullMQ). Baseline in the same run: a
// bare node:http server. The generator runs in its own process (load-process.ts).
import { startBareServer } from "./bare-server.js";
import { APP_SECRET, boot } from "./boot.js";
import type { LoadResult } from "./http-load.js";
import { runLoadInChild } from "./load-process.js";
import type { Profiler } from "./profile.js";
import type { BenchEnv } from "./setup.js";

export interface IngressSettings {
  connections: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
}

export interface IngressResult {
  settings: IngressSettings;
  bare: LoadResult;
  app: LoadResult;
  /** Every accepted (200) webhook must be one job in the inbound queue: nothing dropped, nothing merged. */
  queue: { accepted: number; bodiesBuilt: number; inboundJobs: number; ok: boolean };
}

export const DEFAULT_INGRESS: IngressSettings = { connections: 32, warmupMs: 2_000, durationMs: 8_000, maxRequests: 500_000 };

export async function benchIngress(env: BenchEnv, s: IngressSettings, profiler: Profiler, log: (m: string) => void): Promise<IngressResult> {
  const load = { connections: s.connections, warmupMs: s.warmupMs, durationMs: s.durationMs, maxRequests: s.maxRequests, path: "/webhooks/whatsapp", appSecret: APP_SECRET };

  log(`ingress: bare node:http baseline, ${s.connections} connections, ${s.warmupMs} ms warm-up + ${s.durationMs} ms`);
  const bareServer = await startBareServer();
  let bare: LoadResult;
  try {
    ({ result: bare } = await runLoadInChild({ ...load, host: bareServer.host, port: bareServer.port, phoneNumberId: "100000000000001" }));
  } finally {
    await bareServer.close();
  }

  log("ingress: GrowAI webhook ack (createContainer, workers not running)");
  const b = await boot(env, { label: "ingress", workers: false });
  try {
    const tenant = await b.createTenant();
    const { result: app, issued } = await profiler.run("ingress-app", () =>
      runLoadInChild({ ...load, host: b.host, port: b.port, phoneNumberId: tenant.phoneNumberId }),
    );
    const counts = await b.c.queues.inbound.getJobCounts("wait", "active", "delayed", "prioritized", "waiting-children", "completed", "failed");
    const inboundJobs = Object.values(counts).reduce((a, n) => a + n, 0);
    const accepted = app.statuses["200"] ?? 0;
    return { settings: s, bare, app, queue: { accepted, bodiesBuilt: issued, inboundJobs, ok: accepted === inboundJobs && accepted > 0 } };
  } finally {
    await b.close();
  }
}
