// An owner's read-only bookings question on the local tier (no LLM keys): the owner intent
// step calls list_bookings with the owner's words, and the reply is the tool's own sentence.
// The calendar is the in-memory double of the calendar tools' contract.
import { randomUUID } from "node:crypto";
import type { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../test/support/db.js";
import { MemoryCalendar } from "../tools/testing/memory-calendar.js";
import { createAgent, createCheckpointer, type GrowAgent } from "./index.js";
import { seededStore, tenant, turn } from "./testing/fixtures.js";

let checkpointer: PostgresSaver;
let agent: GrowAgent;
let calendar: MemoryCalendar;
const glow = { ...tenant("Glow Salon"), timezone: "Europe/London", locale: "en-GB", currency: "GBP" };
const other = tenant("Other Spa");

beforeAll(async () => {
  checkpointer = await createCheckpointer(testDatabaseUrl());
  calendar = new MemoryCalendar({
    timezone: "Europe/London", now: () => new Date("2026-11-24T10:00:00Z"),
    services: [{ name: "Haircut", durationMin: 45, priceMinor: 3000, currency: "GBP" }],
    hours: { 1: ["09:00", "18:00"], 2: ["09:00", "18:00"], 3: ["09:00", "18:00"], 4: ["09:00", "18:00"], 5: ["09:00", "18:00"] },
  });
  calendar.take(glow.id, "Haircut", "2026-11-25 11:00");
  calendar.take(other.id, "Haircut", "2026-11-25 12:00");
  const store = await seededStore(glow, other);
  agent = createAgent({ knowledge: store, checkpointer, models: { timeoutMs: 1000, maxRetries: 0 }, minScore: 0.5, calendar, now: () => new Date("2026-11-24T10:00:00Z") });
});
afterAll(async () => {
  await checkpointer?.end();
});

describe("owner bookings on the local tier", () => {
  it("'what's booked tomorrow?' lists the tenant's bookings from the calendar tool, in words", async () => {
    const r = await agent.runTurn(turn(glow, randomUUID(), "what's booked tomorrow?", { role: "owner" }));
    expect(r.tier).toBe("local");
    expect(calendar.calls.at(-1)).toMatchObject({ tenantId: glow.id, name: "list_bookings", args: { when: "what's booked tomorrow?" } });
    // the tool's own sentence (the double's wording), not its JSON; the other tenant's booking is not counted
    expect(r.reply).toBe("1 booking(s).");
  });

  it("a lead saying the same never reaches list_bookings", async () => {
    const before = calendar.calls.length;
    await agent.runTurn(turn(glow, randomUUID(), "what's booked tomorrow?"));
    expect(calendar.calls.slice(before).some((c) => c.name === "list_bookings")).toBe(false);
  });
});
