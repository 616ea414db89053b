// Timing spans of the pipeline's three jobs, from BullMQ's own timestamps (ms): how long
// each job waited in its queue and how long its processor ran, plus the agent's share of
// the turn (Turn.latencyMs). Taken over the jobs created in one pass.
import type { Job } from "bullmq";
import type { Booted, Tenant } from "./boot.js";
import { percentile } from "./stats.js";

export interface Span {
  stage: string;
  n: number;
  p50: number;
  p90: number;
}

const spansOf = (name: string, jobs: Job[], what: string): Span[] => {
  const done = jobs.filter((j) => j.processedOn && j.finishedOn);
  const wait = done.map((j) => j.processedOn! - j.timestamp).sort((a, b) => a - b);
  const run = done.map((j) => j.finishedOn! - j.processedOn!).sort((a, b) => a - b);
  return [
    { stage: `${name}: waiting in the queue`, n: done.length, p50: percentile(wait, 50), p90: percentile(wait, 90) },
    { stage: `${name}: processor (${what})`, n: done.length, p50: percentile(run, 50), p90: percentile(run, 90) },
  ];
};

export async function stageSpans(b: Booted, t: Tenant, fromEpochMs: number, toEpochMs: number): Promise<Span[]> {
  const q = b.c.queues;
  const inWindow = (jobs: Job[]) => jobs.filter((j) => j.timestamp >= fromEpochMs && j.timestamp <= toEpochMs && (j.data as { tenantId?: string }).tenantId === t.tenantId);
  const [inbound, turns, outbox] = await Promise.all([
    q.inbound.getJobs(["completed"], 0, -1),
    q.turns.getJobs(["completed"], 0, -1),
    q.outbox.getJobs(["completed"], 0, -1),
  ]);
  const agent = (
    await b.c.db.turn.findMany({ where: { tenantId: t.tenantId, createdAt: { gte: new Date(fromEpochMs), lte: new Date(toEpochMs + 60_000) } }, select: { latencyMs: true } })
  ).map((r) => r.latencyMs).sort((a, b) => a - b);
  return [
    ...spansOf("inbound", inWindow(inbound as Job[]), "store contact + message, enqueue turn"),
    ...spansOf("turn", inWindow(turns as Job[]), "lock, load, agent, commit, enqueue send"),
    { stage: "  of which agent.runTurn", n: agent.length, p50: percentile(agent, 50), p90: percentile(agent, 90) },
    ...spansOf("outbox", inWindow(outbox as Job[]), "load, checks, rate limit, POST to Graph, mark sent"),
  ];
}
