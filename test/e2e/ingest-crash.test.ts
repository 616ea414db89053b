// A worker killed (SIGKILL) in the middle of ingesting a document: BullMQ's stalled check
// re-runs the job in another worker, which finishes it with no duplicate entries and
// without re-creating the entries written before the kill.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

it("finishes a document whose worker was killed mid-way, once, with no duplicates", async () => {
  const t = await h.createTenant();
  const rows = Array.from({ length: 80 }, (_, i) => `Question number ${i + 1} about our service?,Answer number ${i + 1}: yes we do offer option ${i + 1}.`);
  const up = await h.admin("POST", `/tenants/${t.tenantId}/knowledge/documents`, {
    name: "big-faq.csv", contentBase64: Buffer.from(`question,answer\n${rows.join("\n")}\n`).toString("base64"),
  });
  expect(up.status).toBe(202);
  const doc = async () => (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents/${up.body.id}`)).body;

  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/ingest-worker-process.ts", import.meta.url).pathname], {
    env: {
      ...process.env, DATABASE_URL: h.config.DATABASE_URL, REDIS_URL: h.config.REDIS_URL, REDIS_PREFIX: h.config.REDIS_PREFIX,
      ADMIN_TOKEN: h.config.ADMIN_TOKEN, CREDENTIALS_KEY: h.config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: h.graph.baseUrl,
      DEMO_WEB_CHAT: "false", INGEST_THROTTLE_MS: "60",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await eventually(async () => (await doc()).doneParts >= 10, 30_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  const cut = await doc();
  expect(cut.status).toBe("processing");
  expect(cut.doneParts).toBeLessThan(80);
  const writtenBefore = (await h.c.knowledge.listEntries(t.tenantId, { documentId: up.body.id, limit: 200 })).map((e) => e.id);
  expect(writtenBefore.length).toBeGreaterThanOrEqual(10);

  h.startWorkers();
  await eventually(async () => (await doc()).status === "done", 40_000, 100);
  const done = await doc();
  expect(done).toMatchObject({ entries: 80, doneParts: 80, totalParts: 80, error: null });
  const entries = await h.c.knowledge.listEntries(t.tenantId, { limit: 500 });
  expect(entries).toHaveLength(80);
  expect(new Set(entries.map((e) => e.content)).size).toBe(80);
  const ids = new Set(entries.map((e) => e.id));
  expect(writtenBefore.every((id) => ids.has(id))).toBe(true);
  expect((await h.c.knowledge.search(t.tenantId, "option 77"))[0]?.text).toMatch(/option 77\./);
}, 90_000);
