// Pipeline: webhook → inbound worker → turn (agent) → outbox → fake Graph API, workers
// in-process at the configured concurrency. Latency per message: webhook acknowledged →
// reply received by the fake. The same loads run with a trivial echo agent (the
// pipeline's own cost) and with the real agent on the local tier (no LLM keys).
import type { Agent } from "../agent/types.js";
import { APP_SECRET, BENCH_SEND_RATE, boot, type Booted, type Tenant } from "./boot.js";
import { echoAgent } from "./echo-agent.js";
import { PipelineDriver, type PassResult } from "./pipeline-driver.js";
import type { BenchEnv } from "./setup.js";
import { sleep } from "./stats.js";

export interface PipelineSettings {
  warmup: { rate: number; conversations: number; perConversation: number };
  moderate: { rate: number; conversations: number; perConversation: number };
  saturation: { conversations: number; warmupMs: number; durationMs: number; maxMessages: number };
  burst: { spaced: { rate: number; conversations: number; perConversation: number }; followUps: { conversations: number; gapMs: number } };
}

export const DEFAULT_PIPELINE: PipelineSettings = {
  warmup: { rate: 40, conversations: 40, perConversation: 2 },
  moderate: { rate: 50, conversations: 200, perConversation: 3 },
  saturation: { conversations: 200, warmupMs: 2_000, durationMs: 8_000, maxMessages: 20_000 },
  burst: { spaced: { rate: 50, conversations: 120, perConversation: 2 }, followUps: { conversations: 20, gapMs: 300 } },
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
  moderate: PassResult;
  saturation: PassResult;
  checks: Checks;
}

export interface BurstRun {
  burstWindowMs: number;
  spaced: PassResult;
  followUpFirst: PassResult;
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

async function checks(b: Booted, t: Tenant, d: PipelineDriver, unexpectedReplies: number): Promise<Checks> {
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
  const all = [c.inbound, c.handled, c.turns, c.outboundSent, graphAccepted];
  return { sent, ...c, graphAccepted, graphRefused, unexpectedReplies, ok: all.every((n) => n === sent) && graphRefused === 0 && unexpectedReplies === 0 };
}

async function runAgent(env: BenchEnv, s: PipelineSettings, name: "echo" | "local", agent: Agent | undefined, log: (m: string) => void): Promise<AgentRun> {
  const b = await boot(env, { label: `pipe-${name}`, workers: true, burstWindowMs: 0, ...(agent ? { agent } : {}) });
  try {
    const tenant = await b.createTenant({ demoKnowledge: true });
    const d = new PipelineDriver(b, tenant, APP_SECRET);
    try {
      log(`pipeline[${name}]: warm-up ${s.warmup.conversations * s.warmup.perConversation} messages`);
      const w = await d.openLoop(s.warmup);
      log(`pipeline[${name}]: moderate load ${s.moderate.rate} msg/s, ${s.moderate.conversations} conversations × ${s.moderate.perConversation}`);
      const moderate = await d.openLoop(s.moderate);
      log(`pipeline[${name}]: saturation, ${s.saturation.conversations} conversations in closed loop, ${s.saturation.warmupMs} ms + ${s.saturation.durationMs} ms`);
      const saturation = await d.closedLoop(s.saturation);
      const unexpected = w.unexpectedReplies + moderate.unexpectedReplies + saturation.unexpectedReplies;
      return {
        agent: name, burstWindowMs: b.c.config.BURST_WINDOW_MS,
        workerConcurrency: b.c.config.WORKER_CONCURRENCY, sendConcurrency: b.c.config.SEND_CONCURRENCY,
        moderate, saturation, checks: await checks(b, tenant, d, unexpected),
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
      log(`pipeline[local, burst window ${windowMs} ms]: ${sp.rate} msg/s, messages of a conversation ${Math.round((sp.conversations / sp.rate) * 1000)} ms apart`);
      const w = await d.openLoop(s.warmup);
      const spaced = await d.openLoop(sp);
      log(`pipeline[local, burst window ${windowMs} ms]: ${s.burst.followUps.conversations} follow-ups sent ${s.burst.followUps.gapMs} ms after the previous reply`);
      const f = await d.followUps(s.burst.followUps);
      return {
        burstWindowMs: windowMs, spaced, followUpFirst: f.first, followUp: f.followUp, gapMs: s.burst.followUps.gapMs,
        checks: await checks(b, tenant, d, w.unexpectedReplies + spaced.unexpectedReplies + f.first.unexpectedReplies),
      };
    } finally {
      d.close();
    }
  } finally {
    await b.close();
  }
}

export async function benchPipeline(env: BenchEnv, s: PipelineSettings = DEFAULT_PIPELINE, log = console.log): Promise<PipelineResult> {
  const echo = await runAgent(env, s, "echo", echoAgent, log);
  const local = await runAgent(env, s, "local", undefined, log);
  const burst = await runBurst(env, s, log);
  return { settings: s, sendRatePerSecond: BENCH_SEND_RATE, echo, local, burst };
}
