// A worker killed (SIGKILL) in the middle of a turn: the message is still answered, once.
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

it("answers exactly once after the worker running the turn is killed", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  // one process (not the tsx CLI, which would run the script in a grandchild SIGKILL misses)
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/worker-process.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      DATABASE_URL: h.config.DATABASE_URL, REDIS_URL: h.config.REDIS_URL, REDIS_PREFIX: h.config.REDIS_PREFIX,
      ADMIN_TOKEN: h.config.ADMIN_TOKEN, CREDENTIALS_KEY: h.config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: h.graph.baseUrl,
      BURST_WINDOW_MS: "0", DEMO_WEB_CHAT: "false", TURN_DELAY_MS: "20000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  try {
    await eventually(async () => out.includes("ready"), 20_000);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900500", text: "How much is a men's haircut?" }));
    await eventually(async () => out.includes("turn-started"), 10_000);
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
