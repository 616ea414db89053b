// `npm run bench:campaign` — campaign sending (api/campaigns) at scale, against fake
// WhatsApp Cloud API and Twilio servers that enforce a per-number rate (token bucket, one
// second of burst; over it: WhatsApp HTTP 400 / 130429, Twilio HTTP 429 / 20429):
//   paced run: 10,000 recipients over 2 WhatsApp numbers (80 msg/s each) and 4 Twilio numbers
//   (10 msg/s each — bench-friendly; a US long code is 1 msg/s), two worker processes, one
//   SIGKILLed once 40 % have been accepted;
//   baseline: the same recipients sent with Promise.all in batches of 200, no pacing, no retry.
// Figures: achieved rate as a share of the allowed rate (per number, over its active span),
// limit violations (requests the fake refused), lost (recipients never accepted), duplicates
// (recipients accepted more than once), uncertain rows, wall time.
// Its own throwaway database and Redis prefix. Writes bench/results/campaign.md and .json.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { createContainer } from "../api/container.js";
import { createSmsSender } from "../channels/sms/adapter.js";
import type { ChannelSender } from "../channels/types.js";
import { createWhatsAppSender } from "../channels/whatsapp/adapter.js";
import { loadConfig } from "../core/config.js";
import { peakInWindow, type RateDecision } from "../test/fakes/rate-limit.js";
import { newAccountSid, newAuthToken } from "../test/fakes/twilio.js";
import type { FakesRequest } from "./campaign-fakes.js";
import { deleteRedisKeys, dropDatabase, newBenchEnv, prepareDatabase } from "./setup.js";
import { renderMarkdown, renderText, type Table } from "./table.js";

const WA = { numbers: Number(process.env.CAMPAIGN_WA_NUMBERS ?? 2), per: Number(process.env.CAMPAIGN_WA_PER ?? 3600), rate: 80 };
const SMS = { numbers: Number(process.env.CAMPAIGN_SMS_NUMBERS ?? 4), per: Number(process.env.CAMPAIGN_SMS_PER ?? 700), rate: 10 };
const KILL_AT = Number(process.env.CAMPAIGN_KILL_AT ?? 0.4);
const NAIVE_BATCH = 200;
/** Receipts ("delivered") reach the app this long after the fake accepted a send. */
const RECEIPT_DELAY_MS = 300;
const SETTINGS = {
  rates: { whatsapp: WA.rate, sms: SMS.rate }, tickMs: 500, leaseMs: 5000, uncertainAfterMs: 5000, sweepEveryMs: 5000,
  lockDuration: 2000, stalledInterval: 1000, sweepScope: "own" as const,
};

interface Sender {
  channel: "whatsapp" | "sms";
  tenantId: string;
  /** phone_number_id or the Twilio From number: what the fake limits. */
  externalId: string;
  credentials: Record<string, string>;
  allowed: number;
  recipients: Array<{ id: string; phone: string }>;
  campaignId: string;
}

interface RunFigures {
  wallMs: number;
  perSender: Array<{ channel: string; sender: string; accepted: number; refused: number; share: number; peak1s: number; allowed: number; spanMs: number }>;
  violations: number;
  lost: number;
  duplicates: number;
  uncertain: number;
  accepted: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function senderFigures(decisions: RateDecision[], s: Sender) {
  const mine = decisions.filter((d) => d.sender === s.externalId);
  const ok = mine.filter((d) => d.accepted).map((d) => d.at);
  const spanMs = ok.length > 1 ? ok[ok.length - 1]! - ok[0]! : 0;
  // accepted per second over the span the number was sending, against what it allows
  const share = spanMs > 0 ? ((ok.length - 1) / (spanMs / 1000)) / s.allowed : 0;
  return {
    channel: s.channel, sender: s.externalId, accepted: ok.length, refused: mine.length - ok.length, share,
    peak1s: peakInWindow(decisions, s.externalId), allowed: s.allowed, spanMs,
  };
}

/** The fakes' process (bench/campaign-fakes.ts): one request at a time over IPC. */
function startFakes() {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./campaign-fakes.ts", import.meta.url).pathname], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting: Array<(m: any) => void> = [];
  child.on("message", (m) => waiting.shift()?.(m));
  const started = new Promise<void>((r) => waiting.push(() => r()));
  return {
    child,
    started,
    ask<T = any>(req: FakesRequest): Promise<T> {
      return new Promise<T>((resolve) => {
        waiting.push(resolve);
        child.send(req);
      });
    },
  };
}

function countByRecipient(numbers: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of numbers) {
    const k = `+${n.replace(/^\+/, "")}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

async function main(): Promise<void> {
  const env = newBenchEnv();
  const children: ChildProcess[] = [];
  await prepareDatabase(env);
  const fakes = startFakes();
  await fakes.started;
  // the app's HTTP edge in this process receives the fakes' status webhooks (receipts); the
  // worker processes apply them (inbound queue), as in production
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const publicBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const appSecret = randomBytes(16).toString("hex");
  // numbers and credentials first: the fakes learn them, then the tenants are registered with them
  const plan: Array<{ channel: "whatsapp" | "sms"; i: number; per: number; allowed: number; externalId: string; credentials: Record<string, string> }> = [];
  for (let i = 0; i < WA.numbers; i++) {
    plan.push({ channel: "whatsapp", i, per: WA.per, allowed: WA.rate, externalId: String(109000000000000 + i), credentials: { accessToken: `EAAG${randomBytes(24).toString("hex")}` } });
  }
  for (let i = 0; i < SMS.numbers; i++) {
    plan.push({ channel: "sms", i, per: SMS.per, allowed: SMS.rate, externalId: `+1415555${String(100 + i).padStart(4, "0")}`, credentials: { accountSid: newAccountSid(), authToken: newAuthToken() } });
  }
  const ready = await fakes.ask<{ graphBaseUrl: string; apiVersion: string; twilioBaseUrl: string }>({
    type: "setup",
    wa: plan.filter((p) => p.channel === "whatsapp").map((p) => ({ id: p.externalId, token: p.credentials.accessToken!, rate: p.allowed })),
    sms: plan.filter((p) => p.channel === "sms").map((p) => ({ number: p.externalId, accountSid: p.credentials.accountSid!, authToken: p.credentials.authToken!, rate: p.allowed })),
    receipts: { url: publicBaseUrl, appSecret, delayMs: RECEIPT_DELAY_MS },
  });
  const graph = { baseUrl: ready.graphBaseUrl, apiVersion: ready.apiVersion };
  const twilio = { baseUrl: ready.twilioBaseUrl };
  const config = loadConfig({
    ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix, LOG_LEVEL: "silent",
    ADMIN_TOKEN: randomBytes(24).toString("hex"), CREDENTIALS_KEY: randomBytes(32).toString("hex"), DEMO_WEB_CHAT: "false",
    OPENAI_API_KEY: "", GOOGLE_API_KEY: "", GRAPH_API_BASE_URL: graph.baseUrl, TWILIO_API_BASE_URL: twilio.baseUrl,
    PUBLIC_BASE_URL: publicBaseUrl, WHATSAPP_APP_SECRET: appSecret, WHATSAPP_VERIFY_TOKEN: "bench",
  });
  const c = await createContainer(config, { dbPoolSize: 5, campaigns: SETTINGS });
  server.on("request", c.app);
  try {
    // ---- tenants, numbers, 10,000 contacts, one campaign per number
    const senders: Sender[] = [];
    let phoneBase = 447700000000;
    const addSender = async ({ channel, i, per, allowed, externalId, credentials }: (typeof plan)[number]) => {
      const tenant = await c.tenants.create({ slug: `bench-campaign-${channel}-${i}-${randomBytes(3).toString("hex")}`, name: `Bench ${channel} ${i}` });
      await c.tenants.upsertChannelAccount(tenant.id, { channel, externalId, credentials });
      const recipients = Array.from({ length: per }, () => ({ id: randomUUID(), phone: `+${phoneBase++}` }));
      for (let k = 0; k < recipients.length; k += 1000) {
        const chunk = recipients.slice(k, k + 1000);
        await c.db.contact.createMany({ data: chunk.map((r) => ({ id: r.id, tenantId: tenant.id, consent: "opted_in" as const })) });
        await c.db.contactIdentity.createMany({ data: chunk.map((r) => ({ tenantId: tenant.id, contactId: r.id, channel, address: r.phone })) });
      }
      const campaign = await c.db.campaign.create({
        data: {
          tenantId: tenant.id, name: "Bench offer", channel, audience: {}, body: "20% off cuts this week. Reply BOOK to grab a slot, STOP to opt out.",
          ...(channel === "whatsapp" ? { templateName: "weekly_offer", templateLanguage: "en_GB", templateParams: ["20%"] } : {}),
        },
        select: { id: true },
      });
      senders.push({ channel, tenantId: tenant.id, externalId, credentials, allowed, recipients, campaignId: campaign.id });
    };
    for (const p of plan) await addSender(p);
    const total = senders.reduce((n, s) => n + s.recipients.length, 0);
    console.log(`seeded ${total} recipients over ${senders.length} numbers`);

    // ---- paced run: two worker processes, one killed mid-run
    const spawnWorker = (label: string) => {
      const profile = process.env.CAMPAIGN_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.CAMPAIGN_PROFILE_DIR] : [];
      const child = spawn(process.execPath, [...profile, "--import", "tsx", new URL("../test/support/campaign-worker-process.ts", import.meta.url).pathname], {
        env: {
          ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix,
          ADMIN_TOKEN: config.ADMIN_TOKEN, CREDENTIALS_KEY: config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: graph.baseUrl,
          TWILIO_API_BASE_URL: twilio.baseUrl, DEMO_WEB_CHAT: "false", OPENAI_API_KEY: "", GOOGLE_API_KEY: "",
          PUBLIC_BASE_URL: publicBaseUrl, WHATSAPP_APP_SECRET: appSecret, WHATSAPP_VERIFY_TOKEN: "bench",
          CAMPAIGN_SETTINGS: JSON.stringify(SETTINGS), DB_POOL: "10", LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      let out = "";
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      return { child, label, ready: (async () => { while (!out.includes("ready")) { if (child.exitCode !== null) throw new Error(`${label} exited`); await sleep(50); } })() };
    };
    const a = spawnWorker("worker A");
    const b = spawnWorker("worker B");
    await Promise.all([a.ready, b.ready]);
    console.log("workers ready; scheduling");
    const accepted = async () => (await fakes.ask<{ n: number }>({ type: "count" })).n;
    const t0 = performance.now();
    for (const s of senders) await c.campaigns.service.schedule(s.tenantId, s.campaignId, { contactIds: s.recipients.map((r) => r.id) });
    let killedAt: number | null = null;
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const n = await accepted();
      if (killedAt === null && n >= total * KILL_AT) {
        a.child.kill("SIGKILL");
        killedAt = performance.now() - t0;
        console.log(`killed worker A at ${(killedAt / 1000).toFixed(1)} s (${n} accepted)`);
      }
      const open = await c.db.campaign.count({ where: { id: { in: senders.map((s) => s.campaignId) }, status: { not: "completed" } } });
      if (open === 0) break;
      if (Date.now() > deadline) throw new Error("paced run did not finish in 15 minutes");
      await sleep(100);
    }
    const pacedWall = performance.now() - t0;
    b.child.kill("SIGTERM");
    // receipts of the last sends are still arriving; the report is what the fakes saw
    const pacedReport = await fakes.ask<{ decisions: RateDecision[]; waTo: string[]; smsTo: string[] }>({ type: "report" });
    const pacedNumbers = [...pacedReport.waTo, ...pacedReport.smsTo];
    const pacedCounts = countByRecipient(pacedNumbers);
    const rows = await c.db.campaignRecipient.groupBy({ by: ["status"], _count: true, where: { campaignId: { in: senders.map((s) => s.campaignId) } } });
    const uncertainRows = await c.db.campaignRecipient.findMany({ where: { campaignId: { in: senders.map((s) => s.campaignId) }, status: "failed", reason: { startsWith: "uncertain" } }, select: { address: true } });
    const allPhones = senders.flatMap((s) => s.recipients.map((r) => r.phone));
    const decisions = pacedReport.decisions;
    if (process.env.CAMPAIGN_DUMP) writeFileSync(process.env.CAMPAIGN_DUMP, JSON.stringify(decisions));
    const paced: RunFigures = {
      wallMs: pacedWall,
      perSender: senders.map((s) => senderFigures(decisions, s)),
      violations: decisions.filter((d) => !d.accepted).length,
      lost: allPhones.filter((p) => !pacedCounts.has(p)).length,
      duplicates: [...pacedCounts.values()].filter((n) => n > 1).length,
      uncertain: uncertainRows.length,
      accepted: pacedNumbers.length,
    };
    const uncertainSeen = uncertainRows.filter((r) => pacedCounts.has(r.address)).length;
    // rows a dead worker had claimed (claimed again after the lease), and of those the ones
    // whose provider call had begun: settled by their receipt, or resent for lack of one
    const campaignIds = senders.map((s) => s.campaignId);
    const reclaimed = await c.db.campaignRecipient.count({ where: { campaignId: { in: campaignIds }, attempts: { gt: 1 } } });
    const resentNoReceipt = await c.db.message.count({ where: { tenantId: { in: senders.map((s) => s.tenantId) }, errorReason: { startsWith: "no receipt" } } });
    console.log("paced:", JSON.stringify({ ...paced, perSender: undefined }), JSON.stringify(rows));

    // ---- baseline: everything at once, Promise.all in batches, no pacing, no retry
    await fakes.ask({ type: "reset", receipts: false });
    const wa = createWhatsAppSender({ baseUrl: graph.baseUrl, apiVersion: graph.apiVersion, timeoutMs: 15_000 });
    const sms = createSmsSender({ baseUrl: twilio.baseUrl });
    const jobs = senders.flatMap((s) => s.recipients.map((r) => ({ s, r })));
    const naiveT0 = performance.now();
    for (let k = 0; k < jobs.length; k += NAIVE_BATCH) {
      await Promise.all(jobs.slice(k, k + NAIVE_BATCH).map(async ({ s, r }) => {
        const sender: ChannelSender = s.channel === "whatsapp" ? wa : sms;
        const to = s.channel === "whatsapp" ? r.phone.slice(1) : r.phone;
        await sender.send({ externalId: s.externalId, credentials: s.credentials }, {
          to, text: "20% off cuts this week. Reply BOOK to grab a slot, STOP to opt out.",
          ...(s.channel === "whatsapp" ? { template: { name: "weekly_offer", language: "en_GB", bodyParameters: ["20%"] } } : {}),
        }).catch(() => undefined);
      }));
    }
    const naiveWall = performance.now() - naiveT0;
    const naiveReport = await fakes.ask<{ decisions: RateDecision[]; waTo: string[]; smsTo: string[] }>({ type: "report" });
    const naiveNumbers = [...naiveReport.waTo, ...naiveReport.smsTo];
    const naiveCounts = countByRecipient(naiveNumbers);
    const naiveDecisions = naiveReport.decisions;
    const naive: RunFigures = {
      wallMs: naiveWall,
      perSender: senders.map((s) => senderFigures(naiveDecisions, s)),
      violations: naiveDecisions.filter((d) => !d.accepted).length,
      lost: allPhones.filter((p) => !naiveCounts.has(p)).length,
      duplicates: [...naiveCounts.values()].filter((n) => n > 1).length,
      uncertain: 0,
      accepted: naiveNumbers.length,
    };

    // ---- report
    const machine = { cpu: os.cpus()[0]?.model ?? "unknown", cores: os.cpus().length, node: process.version, os: `${os.type()} ${os.release()}` };
    const when = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
    const machineLine = `${machine.cores} × ${machine.cpu}, Node ${machine.node}, ${when}`;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const shares = (f: RunFigures, ch: string) => f.perSender.filter((p) => p.channel === ch).map((p) => p.share);
    const minMean = (xs: number[]) => (xs.length ? `${pct(xs.reduce((a, b) => a + b, 0) / xs.length)} (min ${pct(Math.min(...xs))})` : "—");
    const summary: Table = {
      title: `Campaign sending, ${total.toLocaleString("en")} recipients — ${machineLine}`,
      header: ["run", "wall", "WhatsApp rate / allowed (mean, min)", "SMS rate / allowed (mean, min)", "violations", "lost", "duplicates", "uncertain"],
      rows: [
        ["paced (api/campaigns, 2 workers, 1 killed)", `${(paced.wallMs / 1000).toFixed(1)} s`, minMean(shares(paced, "whatsapp")), minMean(shares(paced, "sms")),
          String(paced.violations), String(paced.lost), String(paced.duplicates), `${paced.uncertain} (${uncertainSeen} reached the fake)`],
        [`naive (Promise.all × ${NAIVE_BATCH}, no pacing, no retry)`, `${(naive.wallMs / 1000).toFixed(1)} s`, minMean(shares(naive, "whatsapp")), minMean(shares(naive, "sms")),
          String(naive.violations), String(naive.lost), String(naive.duplicates), "—"],
      ],
    };
    const perSender: Table = {
      title: "Per number (paced run)",
      header: ["number", "channel", "allowed/s", "accepted", "refused", "active span", "rate / allowed", "peak in any 1 s"],
      rows: paced.perSender.map((p) => [p.sender, p.channel, String(p.allowed), String(p.accepted), String(p.refused), `${(p.spanMs / 1000).toFixed(1)} s`, pct(p.share), String(p.peak1s)]),
    };
    console.log(renderText(summary));
    console.log(renderText(perSender));
    const aims = [
      ["≥ 95 % of the allowed rate (every number)", Math.min(...paced.perSender.map((p) => p.share)) >= 0.95],
      ["0 violations", paced.violations === 0],
      ["0 lost", paced.lost === 0],
      ["0 duplicates", paced.duplicates === 0],
    ] as const;
    const md = [
      "# Campaign sending (`npm run bench:campaign`)",
      "",
      `Machine: ${machineLine} (${machine.os}). PostgreSQL and Redis on localhost; fakes, scheduler and both worker processes on the same ${machine.cores} cores.`,
      "",
      `Setup: ${WA.numbers} WhatsApp numbers × ${WA.per.toLocaleString("en")} recipients (allowed ${WA.rate} msg/s each, Cloud API default) and ${SMS.numbers} Twilio numbers × ${SMS.per.toLocaleString("en")} (allowed ${SMS.rate} msg/s each: bench-friendly; a US long code is 1 msg/s, which would make this run 12 minutes), one campaign per number, all started at once. The fakes (test/fakes/graph-api.ts, twilio.ts, rate model in test/fakes/rate-limit.ts; in a process of their own, bench/campaign-fakes.ts) enforce each number's rate as a token bucket holding one second of burst and refuse what exceeds it the provider's way (Graph HTTP 400 code 130429, Twilio HTTP 429 code 20429). Paced run: two worker processes (test/support/campaign-worker-process.ts, the production container); worker A is SIGKILLed once ${pct(KILL_AT)} of the recipients were accepted${killedAt !== null ? ` (at ${(killedAt / 1000).toFixed(1)} s)` : ""}; lease ${SETTINGS.leaseMs / 1000} s, uncertain after ${SETTINGS.uncertainAfterMs / 1000} s. Baseline: the same recipients through the same channel senders, Promise.all in batches of ${NAIVE_BATCH}, no pacing, no retry.`,
      "",
      `Rate / allowed = (accepted − 1) / (last − first accepted request) / allowed, per number, over its own active span (the kill and its recovery included). Violations = requests the fake refused for exceeding the rate. Lost = recipients the fake never accepted. Duplicates = recipients it accepted more than once. Peak in any 1 s = most requests the fake accepted within a sliding second: the bucket allows a second's burst on top of the rate, so up to 2 × allowed is within the limit. Receipts: the fakes post a signed "delivered" status webhook ${RECEIPT_DELAY_MS} ms after each accepted send (Meta's statuses change; Twilio's StatusCallback), which the app receives over HTTP and the workers apply to the Message rows. A row whose provider call was under way when its worker died is settled by its receipt if one comes; with no receipt after ${SETTINGS.uncertainAfterMs / 1000} s while later sends of the campaign got theirs, it was not accepted and is sent again; without that evidence it would end failed "uncertain" (never resent) — the "uncertain" column counts those.`,
      "",
      renderMarkdown(summary),
      "",
      renderMarkdown(perSender),
      "",
      "### Aims (issue 7)",
      "",
      "| aim | met |",
      "| --- | --- |",
      ...aims.map(([a, ok]) => `| ${a} | ${ok ? "met" : "MISSED"} |`),
      "",
      `Recipient rows at the end (paced): ${rows.map((r) => `${r.status} ${r._count}`).join(", ")} (receipts of the last sends were still arriving). Rows claimed again after worker A died: ${reclaimed} (claimed by it, never called: back to pending after the ${SETTINGS.leaseMs / 1000} s lease); of those, rows whose Message was already \`sending\` (the call may have begun) and that were sent again because no receipt came while later sends got theirs: ${resentNoReceipt} — the fake had not received them (0 duplicates). Without receipts they would have ended \`failed: uncertain\` (reported, not resent).`,
      "",
    ].join("\n");
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/campaign.md", import.meta.url), md);
    writeFileSync(new URL("./results/campaign.json", import.meta.url), JSON.stringify({ at: new Date().toISOString(), machine, setup: { WA, SMS, KILL_AT, NAIVE_BATCH, SETTINGS }, killedAtMs: killedAt, paced, naive, uncertainSeen, reclaimed, resentNoReceipt, rows }, null, 2));
    console.log("wrote bench/results/campaign.md");
  } finally {
    for (const ch of children) if (ch.exitCode === null) ch.kill("SIGKILL");
    await c.close().catch(() => undefined);
    if (fakes.child.exitCode === null) await Promise.race([fakes.ask({ type: "close" }), sleep(5000)]);
    if (fakes.child.exitCode === null) fakes.child.kill("SIGKILL");
    server.close();
    await dropDatabase(env).catch((e: unknown) => console.error("could not drop database", e));
    await deleteRedisKeys(env).catch(() => 0);
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
