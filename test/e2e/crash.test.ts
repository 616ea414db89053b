// A worker stopped in the middle of a turn: SIGTERM drains (the turn finishes and is sent);
// SIGKILL loses nothing (another worker answers the message, once). The SIGTERM test runs
// first, while no worker runs in this process.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

function spawnWorker(turnDelayMs: number) {
  // one process (not the tsx CLI, which would run the script in a grandchild SIGKILL misses)
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/worker-process.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      DATABASE_URL: h.config.DATABASE_URL, REDIS_URL: h.config.REDIS_URL, REDIS_PREFIX: h.config.REDIS_PREFIX,
      ADMIN_TOKEN: h.config.ADMIN_TOKEN, CREDENTIALS_KEY: h.config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: h.graph.baseUrl,
      BURST_WINDOW_MS: "0", DEMO_WEB_CHAT: "false", TURN_DELAY_MS: String(turnDelayMs),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log = { out: "" };
  child.stdout.on("data", (d: Buffer) => (log.out += d.toString()));
  return { child, log };
}

it("drains on SIGTERM: the turn under way finishes and its stored reply is sent by the next worker", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const { child, log } = spawnWorker(1500);
  try {
    await eventually(async () => log.out.includes("ready"), 20_000);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900501", text: "Where are you located?" }));
    await eventually(async () => log.out.includes("turn-started"), 10_000);
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code).toBe(0);
    expect(log.out).toContain("closed");
    // the turn under way was committed: the message is answered and its reply waits in the outbox
    const inbound = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "inbound" } });
    expect(inbound.map((m) => m.status)).toEqual(["handled"]);
    const out = await h.c.db.message.findMany({ where: { tenantId: t.tenantId, direction: "outbound" } });
    expect(out).toHaveLength(1);
    // and the next worker to start sends it, once
    h.startWorkers();
    await eventually(async () => h.graph.sends().some((s) => s.phoneNumberId === t.phoneNumberId), 10_000);
    await eventually(async () => (await h.c.db.message.findFirstOrThrow({ where: { id: out[0]!.id } })).status === "sent");
    await h.workers!.close(); // the next test needs the turn to land in its child process
    h.workers = null;
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 60_000);

it("answers exactly once after the worker running the turn is killed", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const { child, log } = spawnWorker(20_000);
  try {
    await eventually(async () => log.out.includes("ready"), 20_000);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900500", text: "How much is a men's haircut?" }));
    await eventually(async () => log.out.includes("turn-started"), 10_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const before = await h.c.db.message.findMany({ where: { tenantId: t.tenantId } });
    expect(before.filter((m) => m.direction === "outbound")).toHaveLength(0);
    expect(before.find((m) => m.direction === "inbound")!.status).toBe("received");

    h.startWorkers();
    await eventually(async () => h.graph.sends().some((s) => s.phoneNumberId === t.phoneNumberId), 20_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
    const rows = await h.c.db.message.findMany({ where: { tenantId: t.tenantId } });
    expect(rows.filter((m) => m.direction === "outbound")).toHaveLength(1);
    expect(rows.find((m) => m.direction === "inbound")!.status).toBe("handled");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}, 60_000);
