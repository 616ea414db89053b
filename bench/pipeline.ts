// Pipeline: webhook → inbound worker → turn (agent) → outbox → fake Graph API, workers
// in-process at the configured concurrency. Latency per message: webhook acknowledged →
// reply received by the fake. The same loads run with a trivial echo agent (the
// pipeline's own cost) and with the real agent on the local tier (no LLM keys).
import type { Agent } from "../agent/types.js";
import { APP_SECRET, BENCH_SEND_RATE, boot, type Booted, type Tenant } from "./boot.js";
import { echoAgent } from "./echo-agent.js";
import { transactions } from "./pg-stats.js";
import { PipelineDriver, type PassResult } from "./pipeline-driver.js";
import type { Profiler } from "./profile.js";
import type { BenchEnv } from "./setup.js";
import { stageSpans, type Span } from "./stages.js";
import { sleep } from "./stats.js";

export interface OpenLoad {
  rate: number;
  conversations: number;
  perConversation: number;
}

export interface PipelineSettings {
  warmup: OpenLoad;
  /** Well under capacity: the latency of a message that does not queue. */
  light: OpenLoad;
  moderate: OpenLoad;
  saturation: { conversations: number; warmupMs: number; durationMs: number; maxMessages: number };
  burst: { spaced: OpenLoad; followUps: { conversations: number; gapMs: number } };
}

export const DEFAULT_PIPELINE: PipelineSettings = {
  warmup: { rate: 40, conversations: 40, perConversation: 2 },
  light: { rate: 10, conversations: 30, perConversation: 2 },
  moderate: { rate: 50, conversations: 200, perConversation: 3 },
  saturation: { conversations: 200, warmupMs: 2_000, durationMs: 8_000, maxMessages: 20_000 },
  burst: { spaced: { rate: 10, conversations: 30, perConversation: 2 }, followUps: { conversations: 20, gapMs: 300 } },
};

/** What the database and the fake say happened, against what the driver sent. */
export interface Checks {
  sent: number;
  inbound: number;
  handled: number;
  turns: number;
  outboundSent: number;
  graphAccepted: number;
  graphRefused: number;
  unexpectedReplies: number;
  ok: boolean;
}

export interface AgentRun {
  agent: "echo" | "local";
  burstWindowMs: number;
  workerConcurrency: number;
  sendConcurrency: number;
  light: PassResult;
  /** Where a light-load message's time goes (BullMQ job timestamps). */
  lightStages: Span[];
  moderate: PassResult;
  saturation: PassResult;
  /** PostgreSQL transactions per message over the moderate pass (all connections). */
  dbTransactionsPerMessage: number;
  checks: Checks;
}

export interface BurstRun {
  burstWindowMs: number;
  spaced: PassResult;
  followUp: PassResult;
  gapMs: number;
  checks: Checks;
}

export interface PipelineResult {
  settings: PipelineSettings;
  sendRatePerSecond: number;
  echo: AgentRun;
  local: AgentRun;
  burst: BurstRun;
}

async function checks(b: Booted, t: Tenant, d: PipelineDriver, passes: PassResult[]): Promise<Checks> {
  const sent = d.all.length;
  const count = async () => {
    const where = { tenantId: t.tenantId };
    const [inbound, handled, turns, outboundSent] = await Promise.all([
      b.c.db.message.count({ where: { ...where, direction: "inbound" } }),
      b.c.db.message.count({ where: { ...where, direction: "inbound", status: "handled" } }),
      b.c.db.turn.count({ where }),
      b.c.db.message.count({ where: { ...where, direction: "outbound", status: "sent" } }),
    ]);
    return { inbound, handled, turns, outboundSent };
  };
  // the last replies are marked sent just after the fake answered them
  let c = await count();
  for (let i = 0; i < 50 && c.outboundSent < sent; i++) {
    await sleep(100);
    c = await count();
  }
  const mine = b.graph.requests.filter((r) => r.phoneNumberId === t.phoneNumberId && r.kind === "message");
  const graphAccepted = mine.filter((r) => r.status === 200).length;
  const graphRefused = mine.length - graphAccepted;
  const unexpectedReplies = passes.reduce((n, p) => n + p.unexpectedReplies, 0);
  const replied = passes.reduce((n, p) => n + p.replied, 0);
  const all = [c.inbound, c.handled, c.turns, c.outboundSent, graphAccepted, replied];
  return { sent, ...c, graphAccepted, graphRefused, unexpectedReplies, ok: all.every((n) => n === sent) && graphRefused === 0 && unexpectedReplies === 0 };
}

async function runAgent(
  env: BenchEnv, s: PipelineSettings, name: "echo" | "local", agent: Agent | undefined, profiler: Profiler, log: (m: string) => void,
): Promise<AgentRun> {
  const b = await boot(env, { label: `pipe-${name}`, workers: true, burstWindowMs: 0, ...(agent ? { agent } : {}) });
  try {
    const tenant = await b.createTenant({ demoKnowledge: true });
    const d = new PipelineDriver(b, tenant, APP_SECRET);
    try {
      const tag = `pipeline[${name}, BURST_WINDOW_MS=0]`;
      log(`${tag}: warm-up, ${s.warmup.conversations * s.warmup.perConversation} messages`);
      const warmup = await d.openLoop(s.warmup);
      log(`${tag}: light load ${s.light.rate} msg/s, ${s.light.conversations} conversations × ${s.light.perConversation}`);
      const lightFrom = Date.now();
      const light = await d.openLoop(s.light);
      const lightStages = await stageSpans(b, tenant, lightFrom, Date.now());
      const before = await transactions(env.dbName);
      log(`${tag}: moderate load ${s.moderate.rate} msg/s, ${s.moderate.conversations} conversations × ${s.moderate.perConversation}`);
      const moderate = await d.openLoop(s.moderate);
      const after = await transactions(env.dbName);
      const sat = s.saturation;
      log(`${tag}: saturation, ${sat.conversations} conversations in closed loop, ${sat.warmupMs} ms + ${sat.durationMs} ms`);
      const saturation = await profiler.run(`pipeline-${name}-saturation`, () => d.closedLoop(sat));
      return {
        agent: name, burstWindowMs: b.c.config.BURST_WINDOW_MS,
        workerConcurrency: b.c.config.WORKER_CONCURRENCY, sendConcurrency: b.c.config.SEND_CONCURRENCY,
        light, lightStages, moderate, saturation,
        dbTransactionsPerMessage: (after - before) / moderate.messages,
        checks: await checks(b, tenant, d, [warmup, light, moderate, saturation]),
      };
    } finally {
      d.close();
    }
  } finally {
    await b.close();
  }
}

async function runBurst(env: BenchEnv, s: PipelineSettings, log: (m: string) => void): Promise<BurstRun> {
  const b = await boot(env, { label: "pipe-burst", workers: true }); // BURST_WINDOW_MS: the configuration's default
  try {
    const tenant = await b.createTenant({ demoKnowledge: true });
    const d = new PipelineDriver(b, tenant, APP_SECRET);
    try {
      const windowMs = b.c.config.BURST_WINDOW_MS;
      const sp = s.burst.spaced;
      const tag = `pipeline[local, BURST_WINDOW_MS=${windowMs}]`;
      log(`${tag}: ${sp.rate} msg/s, a conversation's messages ${Math.round((sp.conversations / sp.rate) * 1000)} ms apart`);
      // warm-up spaced wider than the window too: here every message must get its own turn
      const warmup = await d.openLoop({ rate: 10, conversations: 20, perConversation: 2 });
      const spaced = await d.openLoop(sp);
      const f = s.burst.followUps;
      log(`${tag}: ${f.conversations} follow-ups, each sent ${f.gapMs} ms after the reply to the previous message`);
      const { first, followUp } = await d.followUps(f);
      return {
        burstWindowMs: windowMs, spaced, followUp, gapMs: f.gapMs,
        checks: await checks(b, tenant, d, [warmup, spaced, first, followUp]),
      };
    } finally {
      d.close();
    }
  } finally {
    await b.close();
  }
}

export async function benchPipeline(env: BenchEnv, s: PipelineSettings, profiler: Profiler, log: (m: string) => void): Promise<PipelineResult> {
  const echo = await runAgent(env, s, "echo", echoAgent, profiler, log);
  const local = await runAgent(env, s, "local", undefined, profiler, log);
  const burst = await runBurst(env, s, log);
  return { settings: s, sendRatePerSecond: BENCH_SEND_RATE, echo, local, burst };
}
