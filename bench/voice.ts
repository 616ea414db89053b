// `npm run bench:voice` — a voice turn's server-added time, on this machine, local tier:
//   (a) TwiML: signed speech-result POSTs on loopback → the <Say>+<Gather> answer, per turn
//   (b) ConversationRelay: prompt sent → first text token received, per turn
//   (c) floor: a bare node:http server answering a fixed <Response><Say>…</Say></Response>
// Its own throwaway database and Redis prefix, cleaned up at the end. Writes
// bench/results/voice.json.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import WebSocket from "ws";
import { createContainer } from "../api/container.js";
import { twilioSignature } from "../channels/twilio/verify.js";
import { loadConfig } from "../core/config.js";
import { DEMO_KNOWLEDGE } from "../knowledge/demo/salon.js";
import { deleteRedisKeys, dropDatabase, newBenchEnv, prepareDatabase } from "./setup.js";
import { summarize, type Summary } from "./stats.js";
import { ms, renderText } from "./table.js";

const CALLS = Number(process.env.VOICE_CALLS ?? 10);
const TURNS = Number(process.env.VOICE_TURNS ?? 30);
const RELAY_TURNS = Number(process.env.VOICE_RELAY_TURNS ?? 10);
const WARMUP_TURNS = 40;
const QUESTIONS = [
  "what time do you open on Saturday", "how much is a haircut", "where are you", "do you do facials",
  "can I cancel my appointment", "hello", "are you open on Sunday", "how much is a manicure",
];
const BARE = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Response><Say>We open at nine.</Say></Response>');
const sid = () => `CA${randomBytes(16).toString("hex")}`;
const form = (p: Record<string, string>) => new URLSearchParams(p).toString();

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const env = newBenchEnv();
  await prepareDatabase(env);
  const bare = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/xml", "content-length": BARE.length }).end(BARE));
  });
  const config = loadConfig({
    ...process.env, DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: env.redisPrefix, LOG_LEVEL: "silent",
    ADMIN_TOKEN: randomBytes(24).toString("hex"), CREDENTIALS_KEY: randomBytes(32).toString("hex"), DEMO_WEB_CHAT: "false",
    OPENAI_API_KEY: "", GOOGLE_API_KEY: "",
  });
  const c = await createContainer(config, { dbPoolSize: 10 });
  const server = createServer(c.app);
  server.on("upgrade", (req, socket, head) => void (c.voice.handleUpgrade(req, socket, head) || socket.destroy()));
  try {
    await Promise.all([new Promise<void>((r) => server.listen(0, "127.0.0.1", r)), new Promise<void>((r) => bare.listen(0, "127.0.0.1", r))]);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const tenant = await c.tenants.create({ slug: "bench-voice", name: "Glow Studio", timezone: "Asia/Kolkata", currency: "INR" });
    for (const k of DEMO_KNOWLEDGE) await c.knowledge.addEntry(tenant.id, k);
    const authToken = randomBytes(16).toString("hex");
    const accountSid = `AC${randomBytes(16).toString("hex")}`;
    const number = "+15550100000";
    const relayNumber = "+15550100001";
    await c.tenants.upsertChannelAccount(tenant.id, { channel: "voice", externalId: number, credentials: { accountSid, authToken } });
    await c.tenants.upsertChannelAccount(tenant.id, { channel: "voice", externalId: relayNumber, credentials: { accountSid, authToken, relay: "true" } });

    const post = async (path: string, p: Record<string, string>) => {
      const url = `${base}/webhooks/twilio/voice${path}`;
      const res = await fetch(url, {
        method: "POST", body: form(p),
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(authToken, url, p) },
      });
      const text = await res.text();
      if (res.status !== 200 || !text.includes("<Say")) throw new Error(`voice webhook ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text;
    };
    const gatherTurns = async (calls: number, turns: number): Promise<number[]> => {
      const out: number[] = [];
      for (let k = 0; k < calls; k++) {
        const call = { CallSid: sid(), AccountSid: accountSid, From: `+1555020${String(k).padStart(4, "0")}`, To: number };
        await post("", call);
        for (let n = 1; n <= turns; n++) {
          const q = QUESTIONS[(k + n) % QUESTIONS.length]!;
          out.push(await timed(() => post(`/gather?turn=${n}`, { ...call, SpeechResult: q, Confidence: "0.92" })));
        }
        await post("/status", { ...call, CallStatus: "completed" }).catch(() => undefined); // 204: no <Say>
      }
      return out;
    };
    const relayTurns = async (calls: number, turns: number): Promise<number[]> => {
      const out: number[] = [];
      for (let k = 0; k < calls; k++) {
        const url = `${base.replace(/^http/, "ws")}/voice/relay?to=${encodeURIComponent(relayNumber)}`;
        const ws = new WebSocket(url, { headers: { "x-twilio-signature": twilioSignature(authToken, url, {}) } });
        await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
        let waiter: ((m: { last: boolean }) => void) | null = null;
        ws.on("message", (d) => waiter?.(JSON.parse(d.toString())));
        ws.send(JSON.stringify({ type: "setup", sessionId: `VX${k}`, callSid: sid(), from: `+1555030${String(k).padStart(4, "0")}`, to: relayNumber, customParameters: {} }));
        for (let n = 1; n <= turns; n++) {
          let first = 0;
          const t0 = performance.now();
          await new Promise<void>((resolve) => {
            waiter = (m) => {
              if (!first) first = performance.now() - t0;
              if (m.last) resolve();
            };
            ws.send(JSON.stringify({ type: "prompt", voicePrompt: QUESTIONS[(k + n) % QUESTIONS.length], lang: "en-US", last: true }));
          });
          out.push(first);
        }
        ws.close();
      }
      return out;
    };
    const floor = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await timed(async () => (await fetch(bareUrl, { method: "POST", body: "SpeechResult=hi" })).text()));
      return out;
    };

    await floor(WARMUP_TURNS);
    await gatherTurns(2, WARMUP_TURNS / 2);
    await relayTurns(2, 10);
    const results: Record<string, Summary> = {
      "(c) bare TwiML responder (floor)": summarize(await floor(CALLS * TURNS)),
      "(a) TwiML speech turn, local tier": summarize(await gatherTurns(CALLS, TURNS)),
      "(b) ConversationRelay first token": summarize(await relayTurns(CALLS, RELAY_TURNS)),
    };
    const rows = Object.entries(results).map(([name, s]) => [name, String(s.n), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max), ms(s.mean)]);
    console.log(renderText({
      title: `Voice turn latency (ms) — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`,
      header: ["", "n", "p50", "p90", "p99", "max", "mean"], rows,
      notes: ["Aim: p50 ≤ 100 ms, p99 ≤ 1 s (server-added time; Twilio's own speech recognition and TTS not included)."],
    }));
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/voice.json", import.meta.url), `${JSON.stringify({
      at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
      calls: CALLS, turnsPerCall: TURNS, relayTurnsPerCall: RELAY_TURNS, results,
    }, null, 2)}\n`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    bare.closeAllConnections();
    await new Promise((r) => bare.close(r));
    await c.close();
    await dropDatabase(env);
    await deleteRedisKeys(env);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
