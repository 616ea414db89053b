// No double booking, guaranteed by the database: 20 leads try the same single-resource slot
// at once from TWO worker processes (10 each, each with its own connection pool): exactly
// one live row, 19 clean slot_taken answers, no crash, one confirmation sent. Also: two
// resources can be booked at the same time; a buffer blocks the next start; the exclusion
// constraint refuses an overlapping insert even when availability is bypassed.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/harness.js";
import { callTool, createSalon, leadConversation, startBookingHarness, type BookingHarness, tomorrowAt, type Salon } from "../support/booking.js";

let s: BookingHarness;
let salon: Salon;

beforeAll(async () => {
  s = await startBookingHarness();
  salon = await createSalon(s);
});
afterAll(async () => {
  await s?.close();
});


function spawnRacer(job: unknown): { child: ChildProcessByStdio<Writable, Readable, null>; log: { out: string } } {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/booking-race-worker.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      DATABASE_URL: s.h.config.DATABASE_URL, REDIS_URL: s.h.config.REDIS_URL, REDIS_PREFIX: s.h.config.REDIS_PREFIX,
      ADMIN_TOKEN: s.h.config.ADMIN_TOKEN, CREDENTIALS_KEY: s.h.config.CREDENTIALS_KEY, GRAPH_API_BASE_URL: s.h.graph.baseUrl,
      PUBLIC_BASE_URL: "https://growai.test", DEMO_WEB_CHAT: "false", LOG_LEVEL: "silent", RACE_JOB: JSON.stringify(job),
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const log = { out: "" };
  child.stdout.on("data", (d: Buffer) => (log.out += d.toString()));
  return { child, log };
}

describe("20 simultaneous attempts on one slot, two worker processes", () => {
  it("has exactly one winner and 19 clean slot_taken answers", async () => {
    const leads: Array<{ conversationId: string; contactId: string; address: string }> = [];
    for (let i = 0; i < 20; i++) {
      const l = await leadConversation(s, salon, { channel: "whatsapp", name: `Racer ${i}` });
      leads.push({ conversationId: l.conversationId, contactId: l.contactId, address: l.address });
    }
    const start = tomorrowAt(10).toISOString();
    // Colour: Anna only — one resource, so one winner
    const racers = [0, 1].map((p) => spawnRacer({ tenantId: salon.tenantId, service: "Colour", start, leads: leads.slice(p * 10, p * 10 + 10) }));
    try {
      await eventually(async () => racers.every((r) => r.log.out.includes("ready")), 60_000, 50);
      for (const r of racers) r.child.stdin.write("go\n");
      const codes = await Promise.all(racers.map((r) => new Promise<number | null>((res) => (r.child.exitCode !== null ? res(r.child.exitCode) : r.child.once("exit", res)))));
      expect(codes).toEqual([0, 0]);
      const results = racers.flatMap((r) => JSON.parse(/result (.*)\n/.exec(r.log.out)![1]!) as Array<{ ok: boolean; reason?: string; crash?: string; status?: string }>);
      expect(results).toHaveLength(20);
      expect(results.filter((r) => r.crash)).toEqual([]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => r.ok)[0]!.status).toBe("confirmed");
      expect(results.filter((r) => !r.ok).map((r) => r.reason)).toEqual(Array(19).fill("slot_taken"));
      const live = await s.h.c.db.booking.findMany({ where: { tenantId: salon.tenantId, startsAt: new Date(start), status: { in: ["held", "confirmed"] } } });
      expect(live).toHaveLength(1);
      expect(live[0]!.resourceId).toBe(salon.staff.anna);
      // the winner (and only the winner) gets a confirmation, sent by this process's outbox worker
      const winner = leads.find((l) => l.contactId === live[0]!.contactId)!;
      await eventually(async () => s.h.graph.sends().some((x) => (x.body as { to?: string }).to === winner.address), 15_000);
      const confirmed = s.h.graph.sends().filter((x) => leads.some((l) => l.address === (x.body as { to?: string }).to));
      expect(confirmed.map((x) => (x.body as { to?: string }).to)).toEqual([winner.address]);
    } finally {
      for (const r of racers) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    }
  }, 120_000);
});

describe("resources and buffers", () => {
  it("two resources can be booked at the same time; a third attempt is slot_taken with alternatives", async () => {
    const at = tomorrowAt(12).toISOString();
    const ids = [];
    for (const name of ["Twin A", "Twin B", "Twin C"]) {
      const l = await leadConversation(s, salon, { channel: "whatsapp", name });
      ids.push(await callTool(s, "lead", "book_appointment", { service: "Haircut", start: at }, { tenantId: salon.tenantId, conversationId: l.conversationId, contactId: l.contactId }));
    }
    expect(ids[0]).toMatchObject({ ok: true });
    expect(ids[1]).toMatchObject({ ok: true });
    const used = [ids[0], ids[1]].map((r) => (r!.ok && "booking" in r! ? r!.booking.resource : null));
    expect(new Set(used)).toEqual(new Set(["Anna", "Ben"]));
    expect(ids[2]).toMatchObject({ ok: false, reason: "slot_taken" });
    if (!ids[2]!.ok) expect(ids[2]!.alternatives?.length).toBeGreaterThan(0);
  });

  it("a buffer keeps the resource blocked after the service; the constraint refuses an overlap even when availability is bypassed", async () => {
    const trim = await s.h.admin("POST", `/tenants/${salon.tenantId}/services`, { name: "Beard trim", durationMin: 30, bufferMin: 15, priceMinor: 1500, currency: "GBP", resourceIds: [salon.staff.ben] });
    expect(trim.status).toBe(201);
    const book = async (name: string, h: number, m: number) => {
      const l = await leadConversation(s, salon, { channel: "whatsapp", name });
      return callTool(s, "lead", "book_appointment", { service: "Beard trim", start: tomorrowAt(h, m).toISOString() }, { tenantId: salon.tenantId, conversationId: l.conversationId, contactId: l.contactId });
    };
    expect(await book("Beard 1", 15, 0)).toMatchObject({ ok: true });
    // 15:00–15:30 + 15 min buffer → 15:30 is blocked, 15:45 is free
    expect(await book("Beard 2", 15, 30)).toMatchObject({ ok: false, reason: "slot_taken" });
    expect(await book("Beard 3", 15, 45)).toMatchObject({ ok: true });
    // and a booking ending into the 15:00 one's range is refused too (14:30 + 30 + 15 > 15:00)
    expect(await book("Beard 4", 14, 30)).toMatchObject({ ok: false, reason: "slot_taken" });

    const l = await leadConversation(s, salon, { channel: "whatsapp", name: "Bypass" });
    const start = tomorrowAt(15, 15);
    const out = await s.h.c.calendar.bookings.insert({
      tenantId: salon.tenantId, contactId: l.contactId, serviceId: trim.body.id, resourceId: salon.staff.ben, startsAt: start,
      endsAt: new Date(start.getTime() + 30 * 60_000), blockedUntil: new Date(start.getTime() + 45 * 60_000), status: "confirmed", holdExpiresAt: null,
      priceMinor: null, currency: null, channel: null, conversationId: null, source: "admin", notes: null, idempotencyKey: null,
    });
    expect(out).toEqual({ kind: "taken" });
  });
});
