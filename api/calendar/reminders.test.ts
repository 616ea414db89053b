// The hold sweep's schedule on the real Redis: one scheduler per queue however many workers
// register it, and its job is the sweep (reminderProcessor runs expireHolds for it).
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { testRedis, uniquePrefix } from "../../test/support/db.js";
import { redisOptions } from "../redis-options.js";
import type { ReminderJob } from "../pipeline/queues.js";
import { EXPIRE_HOLDS_JOB, reminderProcessor, scheduleHoldSweep } from "./reminders.js";

const prefix = uniquePrefix("hold-sweep");
const queue = new Queue<ReminderJob>("reminders", { connection: redisOptions(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"), prefix });
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await testRedis().quit();
});

describe("hold sweep", () => {
  it("is scheduled once per queue, every minute, however many workers register it", async () => {
    await scheduleHoldSweep(queue);
    await scheduleHoldSweep(queue);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: EXPIRE_HOLDS_JOB, every: 60_000 });
  });

  it("its job runs the sweep, not a reminder", async () => {
    let swept = 0;
    const run = reminderProcessor({
      booking: async () => { throw new Error("a sweep reads no single booking"); },
      send: async () => false,
      expireHolds: async () => ++swept && 3,
      logger: { warn() {}, error() {}, info() {}, debug() {} } as never,
    });
    expect(await run({ name: EXPIRE_HOLDS_JOB, data: { tenantId: "", bookingId: "", version: 0, kind: EXPIRE_HOLDS_JOB } } as never)).toBe("expired 3");
    expect(swept).toBe(1);
  });
});
