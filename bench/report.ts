// Turns the measured results into tables, the aims verdicts and the results files
// (bench/results/latest.json and latest.md).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { Redis } from "ioredis";
import type { IngressResult } from "./ingress.js";
import type { PassResult } from "./pipeline-driver.js";
import type { Checks, PipelineResult } from "./pipeline.js";
import type { ProfileSummary } from "./profile.js";
import { PG_ADMIN_URL, type BenchEnv } from "./setup.js";
import { ms, rate, renderMarkdown, renderText, type Table } from "./table.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  postgres: string;
  redis: string;
  date: string;
}

export interface Aim {
  aim: string;
  measured: string;
  met: boolean;
}

export interface Results {
  machine: Machine;
  durationSeconds: number;
  ingress: IngressResult | null;
  pipeline: PipelineResult | null;
  aims: Aim[];
  checks: Array<{ check: string; ok: boolean; detail: string }>;
  profiles: ProfileSummary[];
}

export async function machineInfo(env: BenchEnv): Promise<Machine> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  const postgres = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?";
  await client.end();
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 2 });
  const info = await redis.info("server");
  redis.disconnect();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres: postgres.split(" ")[0] ?? postgres,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? "?",
    date: new Date().toISOString(),
  };
}

export const machineLine = (m: Machine) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}, ${m.os}, ${m.date}`;

export function evaluate(ingress: IngressResult | null, pipeline: PipelineResult | null): Pick<Results, "aims" | "checks"> {
  const aims: Aim[] = [];
  const checks: Results["checks"] = [];
  if (ingress) {
    const ratio = ingress.app.measured.rps / ingress.bare.measured.rps;
    aims.push({ aim: "ingress req/s ≥ 0.5× bare node:http", measured: `${ratio.toFixed(2)}× (${rate(ingress.app.measured.rps)} vs ${rate(ingress.bare.measured.rps)})`, met: ratio >= 0.5 });
    const p99 = ingress.app.measured.latencyMs.p99;
    aims.push({ aim: "ingress ack p99 ≤ 25 ms", measured: `${ms(p99)} ms`, met: p99 <= 25 });
    const q = ingress.queue;
    const refused = Object.entries(ingress.app.statuses).filter(([s]) => s !== "200").reduce((n, [, c]) => n + c, 0);
    checks.push({
      check: "ingress: every accepted webhook is one inbound job",
      ok: q.ok && refused === 0 && ingress.app.errors === 0,
      detail: `${q.accepted} answered 200, ${q.inboundJobs} jobs in the inbound queue, ${refused} refused, ${ingress.app.errors} socket errors`,
    });
  }
  if (pipeline) {
    const m = pipeline.local.moderate.latencyMs;
    aims.push({ aim: `pipeline p50 ≤ 15 ms (local tier, ${pipeline.settings.moderate.rate} msg/s)`, measured: `${ms(m.p50)} ms`, met: m.p50 <= 15 });
    aims.push({ aim: `pipeline p99 ≤ 50 ms (local tier, ${pipeline.settings.moderate.rate} msg/s)`, measured: `${ms(m.p99)} ms`, met: m.p99 <= 50 });
    const c = (name: string, k: Checks) =>
      checks.push({
        check: `pipeline ${name}: exactly one reply per message`,
        ok: k.ok,
        detail: `${k.sent} sent; ${k.inbound} inbound stored, ${k.handled} handled, ${k.turns} turns, ${k.outboundSent} replies sent, ${k.graphAccepted} accepted by the fake (${k.graphRefused} refused), ${k.unexpectedReplies} extra`,
      });
    c("echo agent", pipeline.echo.checks);
    c("local agent", pipeline.local.checks);
    c(`local agent, BURST_WINDOW_MS=${pipeline.burst.burstWindowMs}`, pipeline.burst.checks);
  }
  return { aims, checks };
}

function ingressTable(r: IngressResult): Table {
  const row = (name: string, x: IngressResult["bare"]) => {
    const statuses = Object.entries(x.statuses).map(([s, n]) => `${n}×${s}`).join(" ");
    return [name, rate(x.measured.rps), ms(x.measured.latencyMs.p50), ms(x.measured.latencyMs.p99), ms(x.measured.latencyMs.max), statuses, `${x.generatorCpuPercent.toFixed(0)}%`];
  };
  const s = r.settings;
  return {
    title: `Ingress: signed WhatsApp webhooks, ${s.connections} keep-alive connections, ${s.warmupMs / 1000} s warm-up + ${s.durationMs / 1000} s measured`,
    header: ["server", "req/s", "ack p50 ms", "p99 ms", "max ms", "responses", "load gen CPU"],
    rows: [row("bare node:http (ceiling)", r.bare), row("GrowAI webhook → BullMQ (no workers)", r.app)],
    notes: [
      `GrowAI / bare = ${(r.app.measured.rps / r.bare.measured.rps).toFixed(2)}×. Each request: fresh wamid, HMAC-SHA256 signature over the raw body, a registered tenant.`,
      `Queue check: ${r.queue.accepted} webhooks answered 200 → ${r.queue.inboundJobs} jobs in the inbound queue (${r.queue.ok ? "equal" : "MISMATCH"}).`,
      "The load generator is a separate process (raw keep-alive sockets); its CPU share shows it was not the bottleneck.",
    ],
  };
}

const passRow = (agent: string, load: string, p: PassResult) => [
  agent, load, rate(p.throughput), ms(p.latencyMs.p50), ms(p.latencyMs.p99), ms(p.latencyMs.max), `${p.replied}/${p.messages}`,
];

function pipelineTable(r: PipelineResult): Table {
  const s = r.settings;
  const open = (l: { rate: number; conversations: number; perConversation: number }) =>
    `${l.rate} msg/s, ${l.conversations}×${l.perConversation} msgs`;
  const sat = `saturation: ${s.saturation.conversations} convs closed loop`;
  const rows = (name: string, a: PipelineResult["echo"]) => [
    passRow(name, open(s.light), a.light),
    passRow(name, open(s.moderate), a.moderate),
    passRow(name, sat, a.saturation),
  ];
  return {
    title: "Pipeline: webhook ack → reply received by the fake Graph API (workers in-process)",
    header: ["agent", "offered load", "msg/s", "p50 ms", "p99 ms", "max ms", "replies"],
    rows: [...rows("echo (baseline)", r.echo), ...rows("real, local tier", r.local)],
    notes: [
      `BURST_WINDOW_MS=0 here: no deliberate wait for a burst to end. WORKER_CONCURRENCY=${r.local.workerConcurrency}, SEND_CONCURRENCY=${r.local.sendConcurrency} (defaults).`,
      `SEND_RATE_PER_SECOND=${r.sendRatePerSecond} for the benchmark: the default 20/s per sending number would cap one tenant at 20 replies/s.`,
      `Open loop: messages go out on schedule whatever the replies; msg/s = messages ÷ (last reply − first ack). A conversation's messages are conversations÷rate seconds apart.`,
      `Saturation: each conversation sends its next message when its previous reply arrives; msg/s = replies in the ${s.saturation.durationMs / 1000} s window after ${s.saturation.warmupMs / 1000} s warm-up.`,
      "Tenant seeded with DEMO_KNOWLEDGE (knowledge/demo/salon.ts); messages are the lead questions of knowledge/demo/questions.ts; logs at info to /dev/null.",
    ],
  };
}

function burstTable(r: PipelineResult): Table {
  const b = r.burst;
  const sp = r.settings.burst.spaced;
  return {
    title: `Burst window: default BURST_WINDOW_MS=${b.burstWindowMs}, real agent (local tier)`,
    header: ["messages", "offered load", "msg/s", "p50 ms", "p99 ms", "max ms", "replies"],
    rows: [
      passRow(`${Math.round((sp.conversations / sp.rate) * 1000)} ms after the previous one`, `${sp.rate} msg/s, ${sp.conversations}×${sp.perConversation} msgs`, b.spaced),
      passRow(`${b.gapMs} ms after the previous reply`, `${r.settings.burst.followUps.conversations} follow-ups`, b.followUp),
    ],
    notes: [
      `Every message waits ${b.burstWindowMs} ms after the newest message of its conversation before its turn runs, so a burst is answered once; this pass spaces messages wider than the window, so each is its own turn.`,
      `Compare with the light-load row above (BURST_WINDOW_MS=0): the window adds its length to every reply — the price of one answer per burst.`,
    ],
  };
}

function stagesTable(r: PipelineResult): Table {
  const e = r.echo.lightStages;
  const l = r.local.lightStages;
  const f = (v: number | undefined) => (v === undefined ? "—" : ms(v));
  return {
    title: `Where a message's time goes at light load (${r.settings.light.rate} msg/s), ms`,
    header: ["span", "echo p50", "echo p90", "local p50", "local p90"],
    rows: [
      ["end to end: webhook ack → reply at the fake", ms(r.echo.light.latencyMs.p50), ms(r.echo.light.latencyMs.p90), ms(r.local.light.latencyMs.p50), ms(r.local.light.latencyMs.p90)],
      ...e.map((span, i) => [span.stage, f(span.p50), f(span.p90), f(l[i]?.p50), f(l[i]?.p90)]),
    ],
    notes: [
      "From BullMQ's job timestamps (whole ms) and Turn.latencyMs; the turn's processor time includes the agent.",
      `PostgreSQL transactions per message (moderate pass, all connections): echo ${r.echo.dbTransactionsPerMessage.toFixed(1)}, local ${r.local.dbTransactionsPerMessage.toFixed(1)}.`,
    ],
  };
}

function aimsTable(res: Pick<Results, "aims" | "checks">): Table {
  return {
    title: "Aims",
    header: ["aim", "measured", "result"],
    rows: res.aims.map((a) => [a.aim, a.measured, a.met ? "met" : "MISSED"]),
  };
}

function checksTable(res: Pick<Results, "aims" | "checks">): Table {
  return {
    title: "Checks (a failed one makes the run exit 1)",
    header: ["check", "result"],
    rows: res.checks.map((c) => [c.check, c.ok ? "ok" : "FAILED"]),
    notes: res.checks.map((c) => `${c.check}: ${c.detail}`),
  };
}

function profileTables(ps: ProfileSummary[]): Table[] {
  return ps.map((p) => ({
    title: `CPU profile of the benchmark process: ${p.phase} (self time)`,
    header: ["where", "share"],
    rows: p.top.map((t) => [t.where, `${t.percent.toFixed(1)}%`]),
    notes: [`profile: ${p.file}`],
  }));
}

function tables(r: Results): Table[] {
  return [
    ...(r.ingress ? [ingressTable(r.ingress)] : []),
    ...(r.pipeline ? [pipelineTable(r.pipeline), stagesTable(r.pipeline), burstTable(r.pipeline)] : []),
    aimsTable(r),
    checksTable(r),
    ...profileTables(r.profiles),
  ];
}

export function textReport(r: Results): string {
  return [`GrowAI benchmarks (${r.durationSeconds.toFixed(0)} s)`, `machine: ${machineLine(r.machine)}`, "", ...tables(r).map((t) => `${renderText(t)}\n`)].join("\n");
}

export function markdownReport(r: Results): string {
  const m = r.machine;
  return [
    "## GrowAI benchmarks (`npm run bench`)",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB memory, Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}, ${m.os}. Run ${m.date}, ${r.durationSeconds.toFixed(0)} s.`,
    "",
    ...tables(r).map((t) => `${renderMarkdown(t)}\n`),
  ].join("\n");
}

export function writeResults(r: Results): { json: string; md: string } {
  const dir = new URL("./results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const json = new URL("latest.json", dir);
  const md = new URL("latest.md", dir);
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  writeFileSync(md, markdownReport(r));
  return { json: json.pathname, md: md.pathname };
}
