// Campaign sending across processes: two workers, one SIGKILLed mid-run — every recipient
// is sent at most once (the database's claim), nobody is left behind; and a campaign
// scheduled for later survives a restart (its start is a delayed job in Redis).
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCampaign, seedContacts, tally } from "../support/campaigns.js";
import { APP_SECRET, eventually, startHarness, type Harness } from "../support/harness.js";

const SETTINGS = { rates: { whatsapp: 30 }, tickMs: 200, leaseMs: 2000, uncertainAfterMs: 2000, sweepEveryMs: 2000, lockDuration: 2000, stalledInterval: 1000 };

let h: Harness;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  // this process schedules and inspects; the campaign workers run in child processes
  h = await startHarness({ workers: false, overrides: { campaigns: SETTINGS } });
  // like Meta: a "delivered" status webhook for every accepted send, applied by the workers
  h.graph.postReceipts({ url: `${h.baseUrl}/webhooks/whatsapp`, appSecret: APP_SECRET, delayMs: 100 });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await h?.close();
});

function spawnWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/campaign-worker-process.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      DATABASE_URL: h.config.DATABASE_URL, REDIS_URL: h.config.REDIS_URL, REDIS_PREFIX: h.config.REDIS_PREFIX,
      ADMIN_TOKEN: h.config.ADMIN_TOKEN, CREDENTIALS_KEY: h.config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: h.graph.baseUrl,
      DEMO_WEB_CHAT: "false", CAMPAIGN_SETTINGS: JSON.stringify(SETTINGS), DB_POOL: "5",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  const log = { out: "" };
  child.stdout!.on("data", (d: Buffer) => (log.out += d.toString()));
  return { child, ready: eventually(async () => log.out.includes("ready"), 30_000) };
}

const kill = async (child: ChildProcess) => {
  child.kill("SIGKILL");
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
};
const sendsTo = (phoneNumberId: string) =>
  h.graph.sends().filter((s) => s.phoneNumberId === phoneNumberId).map((s) => String((s.body as { to: string }).to));

it("two workers, one killed mid-run: nobody gets it twice, nobody is left behind", async () => {
  const t = await h.createTenant();
  h.graph.limitRate(t.phoneNumberId, { perSecond: 30 });
  const contacts = await seedContacts(h.c.db, t.tenantId, 150);
  const id = await createCampaign(h.c.db, t.tenantId);
  const a = spawnWorker();
  const b = spawnWorker();
  await Promise.all([a.ready, b.ready]);
  await h.c.campaigns.service.schedule(t.tenantId, id, { contactIds: contacts.map((c) => c.id) });
  await eventually(async () => sendsTo(t.phoneNumberId).length >= 40, 20_000);
  await kill(a.child);
  const atKill = sendsTo(t.phoneNumberId).length;
  expect(atKill).toBeLessThan(150); // killed mid-run

  await eventually(async () => (await h.c.db.campaign.findUniqueOrThrow({ where: { id } })).status === "completed", 40_000);
  const seen = tally(sendsTo(t.phoneNumberId));
  expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]); // no duplicates
  expect(new Set(seen.keys())).toEqual(new Set(contacts.map((c) => c.phone))); // nobody lost
  // every row ends accepted: a row whose call was under way when its worker died was settled
  // by its receipt, or (no receipt while later sends got theirs) sent again — never twice
  await eventually(async () => {
    await h.c.campaigns.service.syncStatuses(t.tenantId, id);
    const rows = await h.c.db.campaignRecipient.findMany({ where: { campaignId: id } });
    return rows.length === 150 && rows.every((r) => r.status === "delivered") ? rows : null;
  }, 20_000);
  const stats = await h.c.campaigns.service.stats(t.tenantId, id);
  expect(stats).toMatchObject({ status: "completed", total: 150, accepted: 150, uncertain: 0 });
  expect(await h.c.db.message.count({ where: { tenantId: t.tenantId, direction: "outbound" } })).toBe(150);
  await kill(b.child);
}, 120_000);

it("a campaign scheduled for later starts after the worker that was running restarts", async () => {
  const t = await h.createTenant();
  const contacts = await seedContacts(h.c.db, t.tenantId, 5);
  const id = await createCampaign(h.c.db, t.tenantId);
  const first = spawnWorker();
  await first.ready;
  const r = await h.c.campaigns.service.schedule(t.tenantId, id, { at: new Date(Date.now() + 4000), contactIds: contacts.map((c) => c.id) });
  // the start is a delayed job in Redis, not a timer in a process
  const job = await h.c.campaigns.context.control.getJob(`campaign-start:${id}:${r.version}`);
  expect(await job?.getState()).toBe("delayed");
  await kill(first.child);
  expect(sendsTo(t.phoneNumberId)).toHaveLength(0);

  const second = spawnWorker();
  await second.ready;
  await eventually(async () => (await h.c.db.campaign.findUniqueOrThrow({ where: { id } })).status === "completed", 30_000);
  const seen = tally(sendsTo(t.phoneNumberId));
  expect(new Set(seen.keys())).toEqual(new Set(contacts.map((c) => c.phone)));
  expect([...seen.values()].every((n) => n === 1)).toBe(true);
  await kill(second.child);
}, 90_000);
