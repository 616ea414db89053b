// The calendar tools take the tenant, role, conversation and contact from the run context
// only; leads get their own tools, owners the owner-scoped ones; a wiring mistake fails closed.
import { describe, expect, it } from "vitest";
import { toolConfigurable } from "../context.js";
import { OWNER_TOOL_NAMES, toolsFor } from "../registry.js";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import type { CalendarResult } from "./contract.js";
import type { CalendarActor, CalendarService } from "./types.js";

class RecordingCalendar implements CalendarService {
  calls: Array<{ method: string; actor: CalendarActor; args: unknown }> = [];
  private rec(method: string, actor: CalendarActor, args: unknown): Promise<CalendarResult> {
    this.calls.push({ method, actor, args });
    return Promise.resolve({ tool: "my_bookings", ok: true, bookings: [], message: "none" });
  }
  checkAvailability(a: CalendarActor, x: unknown) { return this.rec("checkAvailability", a, x); }
  book(a: CalendarActor, x: unknown) { return this.rec("book", a, x); }
  myBookings(a: CalendarActor) { return this.rec("myBookings", a, {}); }
  reschedule(a: CalendarActor, x: unknown) { return this.rec("reschedule", a, x); }
  cancel(a: CalendarActor, x: unknown) { return this.rec("cancel", a, x); }
  listBookings(a: CalendarActor, x: unknown) { return this.rec("listBookings", a, x); }
}

const knowledge = new MemoryKnowledgeStore();
const names = (role: "lead" | "owner", calendar?: CalendarService) => toolsFor(role, { knowledge, minScore: 0.5, ...(calendar ? { calendar } : {}) }).map((t) => t.name).sort();
const tool = (role: "lead" | "owner", cal: CalendarService, name: string) => toolsFor(role, { knowledge, minScore: 0.5, calendar: cal }).find((t) => t.name === name)!;
const T = "11111111-1111-4111-8111-111111111111";

describe("calendar tools", () => {
  it("are offered only when the calendar is wired; leads get theirs, owners the owner-scoped ones", () => {
    expect(names("lead")).not.toContain("book_appointment");
    expect(names("lead", new RecordingCalendar())).toEqual(
      ["book_appointment", "cancel_booking", "check_availability", "knowledge_search", "my_bookings", "request_human", "reschedule_booking"],
    );
    expect(names("owner", new RecordingCalendar())).toEqual(
      ["cancel_booking", "check_availability", "knowledge_search", "list_bookings", "request_human", "reschedule_booking"],
    );
    expect(names("lead", new RecordingCalendar()).filter((n) => OWNER_TOOL_NAMES.has(n))).toEqual([]);
  });

  it("take the tenant and contact from the run context, never from the model's arguments", async () => {
    const cal = new RecordingCalendar();
    await tool("lead", cal, "book_appointment").invoke(
      { service: "Haircut", start: "2026-12-01 10:00", tenantId: "evil", contactId: "someone-else" } as never,
      { configurable: toolConfigurable({ tenantId: T, role: "lead", conversationId: "c1", contactId: "me" }) },
    );
    expect(cal.calls[0]).toEqual({ method: "book", actor: { tenantId: T, role: "lead", conversationId: "c1", contactId: "me" }, args: { service: "Haircut", start: "2026-12-01 10:00" } });
  });

  it("a lead's tool refuses a run with no contact; an owner's refuses a lead's run", async () => {
    const cal = new RecordingCalendar();
    await expect(tool("lead", cal, "my_bookings").invoke({}, { configurable: toolConfigurable({ tenantId: T, role: "lead", conversationId: "c1" }) })).rejects.toThrow(/without a contact/);
    await expect(tool("owner", cal, "list_bookings").invoke({}, { configurable: toolConfigurable({ tenantId: T, role: "lead", conversationId: "c1", contactId: "x" }) })).rejects.toThrow(/not available/);
    await expect(tool("owner", cal, "cancel_booking").invoke({ which: "Priya's 4pm" }, { configurable: toolConfigurable({ tenantId: T, role: "lead", conversationId: "c1", contactId: "x" }) })).rejects.toThrow(/not available/);
    expect(cal.calls).toEqual([]);
  });

  it("the owner-scoped cancel passes the owner's actor", async () => {
    const cal = new RecordingCalendar();
    await tool("owner", cal, "cancel_booking").invoke({ which: "Priya's 4pm" }, { configurable: toolConfigurable({ tenantId: T, role: "owner", conversationId: "c2" }) });
    expect(cal.calls[0]).toMatchObject({ method: "cancel", actor: { tenantId: T, role: "owner", conversationId: "c2" }, args: { which: "Priya's 4pm" } });
  });
});
