// Prometheus metrics (prom-client): queue depth, turn latency by tier, sends by status,
// webhooks by outcome, model cost by tenant. One registry per container, so tests and
// several containers in one process never share counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Queues } from "./pipeline/queues.js";

export interface Metrics {
  registry: Registry;
  webhooks: Counter<"channel" | "outcome">;
  turnSeconds: Histogram<"tier">;
  sends: Counter<"channel" | "status">;
  costMicros: Counter<"tenant" | "tier">;
}

export function createMetrics(queues: Queues, opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "growai_" });
  new Gauge({
    name: "growai_queue_jobs",
    help: "Jobs per queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      for (const [name, queue] of [["inbound", queues.inbound], ["turns", queues.turns], ["outbox", queues.outbox], ["ingest", queues.ingest]] as const) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed");
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });
  return {
    registry,
    webhooks: new Counter({ name: "growai_webhooks_total", help: "Webhook requests by outcome", labelNames: ["channel", "outcome"], registers: [registry] }),
    turnSeconds: new Histogram({
      name: "growai_turn_duration_seconds", help: "Agent turn latency by tier", labelNames: ["tier"], registers: [registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
    sends: new Counter({ name: "growai_sends_total", help: "Outbound sends by final status", labelNames: ["channel", "status"], registers: [registry] }),
    costMicros: new Counter({ name: "growai_model_cost_micros_total", help: "Estimated model cost in micro-USD", labelNames: ["tenant", "tier"], registers: [registry] }),
  };
}
