// The local tier's booking dialogue across turns: the LocalChatModel with the calendar tools
// bound, a conversation built message by message, tool calls run by the in-memory calendar
// (tools/testing/memory-calendar.ts). State lives only in the messages.
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { bookAppointmentTool, checkAvailabilityTool, myBookingsTool } from "../../tools/calendar/tools.js";
import { MemoryCalendar, type MemoryService } from "../../tools/testing/memory-calendar.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import { toolsFor } from "../../tools/registry.js";
import { bookingStage } from "./booking/index.js";
import { Talk } from "./booking/testing.js";
import { LocalChatModel } from "./local.js";

// Tue 24 Nov 2026, 10:00 in London (GMT, offset +00:00)
const NOW = new Date("2026-11-24T10:00:00Z");
const TENANT = "t-glow";
const SERVICES: MemoryService[] = [
  { name: "Haircut", durationMin: 45, priceMinor: 3000, currency: "GBP" },
  { name: "Colour", durationMin: 90, priceMinor: 6500, currency: "GBP", paymentRequired: true },
  { name: "Blow-dry", durationMin: 30, priceMinor: 2550, currency: "GBP" },
];
const HOURS = { 1: ["09:00", "19:00"], 2: ["09:00", "19:00"], 3: ["09:00", "19:00"], 4: ["09:00", "19:00"], 5: ["09:00", "19:00"], 6: ["09:00", "17:00"] } as const;

function setup(opts: { services?: MemoryService[]; extraTools?: StructuredToolInterface[]; withCtx?: boolean; contactId?: string } = {}) {
  const cal = new MemoryCalendar({
    timezone: "Europe/London", now: () => NOW, services: opts.services ?? SERVICES,
    hours: HOURS as unknown as Record<number, [string, string]>,
  });
  const knowledge = toolsFor("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5 });
  const tools = [...knowledge, ...cal.tools(), ...(opts.extraTools ?? [])];
  const model = new LocalChatModel({ minScore: 0.5 });
  const talk = new Talk({
    model, tools, ctx: { tenantId: TENANT, role: "lead", conversationId: "conv-1", contactId: opts.contactId ?? "c-1" },
    callOptions: {
      businessName: "Glow Salon",
      ...(opts.withCtx === false ? {} : { booking: { timezone: "Europe/London", locale: "en-GB", currency: "GBP", now: NOW } }),
    },
  });
  return { cal, talk, model, tools };
}

const meta = (m: AIMessage) => m.response_metadata as Record<string, unknown> & { booking?: { stage: string; start?: string; slots?: Array<{ start: string }> } };
const booked = (cal: MemoryCalendar) => cal.all(TENANT).filter((b) => b.status === "confirmed" || b.status === "held");

describe("local tier booking: happy path", () => {
  it("asks the service, offers real slots, confirms, and books only after yes", async () => {
    const { cal, talk } = setup();
    const r1 = await talk.say("do you have anything tomorrow after 5?");
    expect(r1.text).toBe("Which service would you like? We do Haircut, Colour or Blow-dry.");
    expect(bookingStage(talk.messages)).toBe("need_service");

    const r2 = await talk.say("a haircut please");
    expect(r2.text).toBe("I have 17:00, 17:30 or 18:00 on Wed 25 Nov for a Haircut (45 min, £30). Which suits you?");
    expect(talk.calls.at(-1)).toEqual({ name: "check_availability", args: { service: "Haircut", when: "tomorrow after 5" } });
    expect(bookingStage(talk.messages)).toBe("offer");

    const r3 = await talk.say("the second one");
    expect(r3.text).toBe("Shall I book a Haircut on Wed 25 Nov at 17:30?");
    expect(meta(r3).booking?.start).toBe("2026-11-25T17:30:00+00:00");
    expect(booked(cal)).toHaveLength(0);
    expect(bookingStage(talk.messages)).toBe("confirm");

    const r4 = await talk.say("yes please");
    expect(talk.calls.at(-1)).toEqual({ name: "book_appointment", args: { service: "Haircut", start: "2026-11-25T17:30:00+00:00" } });
    expect(r4.text).toBe("You're booked: Haircut on Wed 25 Nov, 17:30.");
    expect(booked(cal)).toMatchObject([{ service: "Haircut", start: "2026-11-25T17:30:00+00:00", status: "confirmed" }]);
    expect(bookingStage(talk.messages)).toBe("none");
  });

  it("with the service in the first message it goes straight to slots (need_service answered from the options)", async () => {
    const { talk } = setup({ withCtx: false });
    const r = await talk.say("can I book a blow dry tomorrow at 5pm?");
    expect(talk.calls.map((c) => c.name)).toEqual(["check_availability", "check_availability"]);
    expect(talk.calls[1]!.args).toEqual({ service: "Blow-dry", when: "tomorrow at 5pm" });
    // the exact time asked for is free: straight to the confirmation, nothing booked yet
    expect(r.text).toBe("17:00 on Wed 25 Nov is free for a Blow-dry (30 min, £25.50). Shall I book it?");
    expect(bookingStage(talk.messages)).toBe("confirm");
    const r2 = await talk.say("no, 17:30 please");
    expect(r2.text).toBe("Shall I book a Blow-dry on Wed 25 Nov at 17:30?");
    const r3 = await talk.say("Y");
    expect(r3.text).toBe("You're booked: Blow-dry on Wed 25 Nov, 17:30.");
  });

  it("with the tenant's services known it asks which one without a tool call", async () => {
    const { talk } = setup();
    const ctxServices = { booking: { timezone: "Europe/London", locale: "en-GB", currency: "GBP", now: NOW, services: SERVICES.map((s) => ({ name: s.name })) } };
    const t = new Talk({ ...(talk as unknown as { o: ConstructorParameters<typeof Talk>[0] }).o, callOptions: { businessName: "Glow Salon", ...ctxServices } });
    const r = await t.say("any slots on friday?");
    expect(t.calls).toHaveLength(0);
    expect(r.text).toMatch(/^Which service would you like\? We do Haircut, Colour or Blow-dry\.$/);
    const r2 = await t.say("colour");
    expect(t.calls[0]).toEqual({ name: "check_availability", args: { service: "Colour", when: "on friday" } });
    expect(r2.text).toContain("on Fri 27 Nov for a Colour (90 min, £65)");
  });

  it.each([
    ["5:30", "17:30"],
    ["17:30 works", "17:30"],
    ["yes the first", "17:00"],
    ["the last one", "18:00"],
    ["3", "18:00"],
    ["6pm please", "18:00"],
  ])("picks a slot from %j", async (answer, time) => {
    const { talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    const r = await talk.say(answer);
    expect(r.text).toBe(`Shall I book a Haircut on Wed 25 Nov at ${time}?`);
    expect(meta(r).booking?.start).toBe(`2026-11-25T${time}:00+00:00`);
  });

  it("a bare yes to several slots asks which one", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    const r = await talk.say("yes");
    expect(r.text).toBe("Which one would you like — 17:00, 17:30 or 18:00?");
    expect(booked(cal)).toHaveLength(0);
    expect(bookingStage(talk.messages)).toBe("offer");
  });
});

describe("local tier booking: declining and other times", () => {
  it("'none of those' asks for another time; a new day gets a new check", async () => {
    const { talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    const r = await talk.say("none of those work");
    expect(r.text).toBe("No problem — what other day or time would suit you?");
    expect(bookingStage(talk.messages)).toBe("need_time");
    const r2 = await talk.say("thursday at 10am");
    expect(talk.calls.at(-1)).toEqual({ name: "check_availability", args: { service: "Haircut", when: "thursday at 10am" } });
    expect(r2.text).toBe("10:00 on Thu 26 Nov is free for a Haircut (45 min, £30). Shall I book it?");
  });

  it("a different time on the offered day is checked on that day", async () => {
    const { talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("what about 11am?");
    expect(talk.calls.at(-1)).toEqual({ name: "check_availability", args: { service: "Haircut", when: "2026-11-25 11:00" } });
  });

  it("'no' at the confirmation books nothing and asks for another time", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    const r = await talk.say("no");
    expect(r.text).toBe("No problem — what other day or time would suit you?");
    expect(booked(cal)).toHaveLength(0);
    expect(talk.calls.some((c) => c.name === "book_appointment")).toBe(false);
  });

  it("at the confirmation, another offered slot is confirmed again, not booked", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    const r = await talk.say("actually 18:00");
    expect(r.text).toBe("Shall I book a Haircut on Wed 25 Nov at 18:00?");
    expect(booked(cal)).toHaveLength(0);
  });
});

describe("local tier booking: the calendar says no", () => {
  it("a slot taken between offer and yes: offers the result's alternatives, then books one", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("17:30");
    cal.take(TENANT, "Haircut", "2026-11-25 17:30");
    const r = await talk.say("yes");
    expect(talk.calls.at(-1)!.name).toBe("book_appointment");
    expect(r.text).toMatch(/^Sorry, Wed 25 Nov, 17:30 has just been taken\. The nearest free times are /);
    expect(bookingStage(talk.messages)).toBe("offer");
    const offered = meta(r).booking!.slots!.map((s) => s.start);
    expect(offered).not.toContain("2026-11-25T17:30:00+00:00");
    for (const s of offered) expect(r.text).toContain(s.slice(11, 16));
    await talk.say("the first one");
    await talk.say("yes");
    const mine = booked(cal).filter((b) => b.start !== "2026-11-25T17:30:00+00:00" || b.status !== "confirmed");
    expect(mine.map((b) => b.start)).toContain(offered[0]);
  });

  it("no slots that day: says so and offers the nearest free times", async () => {
    const { cal, talk } = setup();
    for (const t of ["17:00", "17:30", "18:00"]) cal.take(TENANT, "Blow-dry", `2026-11-25 ${t}`);
    cal.take(TENANT, "Blow-dry", "2026-11-25 18:30");
    const r = await talk.say("can I book a haircut tomorrow evening?");
    expect(r.text).toMatch(/^Nothing is free for a Haircut then\. The nearest free times are /);
    expect(r.text).not.toContain("17:00 on Wed");
    expect(bookingStage(talk.messages)).toBe("offer");
  });

  it("a closed day: the tool's sentence and its alternatives", async () => {
    const { talk } = setup();
    const r = await talk.say("do you have any haircut slots on sunday?");
    expect(r.text).toMatch(/^We're closed on Sun 29 Nov\. The nearest free times are /);
  });
});

describe("local tier booking: cancel, reschedule, my bookings", () => {
  it("cancel asks first, cancels only after yes", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-26 11:00", "c-1");
    const r1 = await talk.say("I need to cancel my booking");
    expect(talk.calls.map((c) => c.name)).toEqual(["my_bookings"]);
    expect(r1.text).toBe("Shall I cancel your Haircut on Thu 26 Nov at 11:00?");
    expect(booked(cal)).toHaveLength(1);
    const r2 = await talk.say("yes");
    expect(talk.calls.at(-1)).toEqual({ name: "cancel_booking", args: { booking_id: "bk_1" } });
    expect(r2.text).toBe("Cancelled: your Haircut on Thu 26 Nov, 11:00.");
    expect(booked(cal)).toHaveLength(0);
  });

  it("cancel declined keeps the booking", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-26 11:00", "c-1");
    await talk.say("cancel my appointment please");
    const r = await talk.say("no");
    expect(r.text).toBe("No problem — I've left your booking as it is.");
    expect(booked(cal)).toHaveLength(1);
    expect(talk.calls.some((c) => c.name === "cancel_booking")).toBe(false);
  });

  it("several bookings: asks which, then confirms that one", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-26 11:00", "c-1");
    cal.take(TENANT, "Blow-dry", "2026-11-28 10:00", "c-1");
    const r = await talk.say("cancel my booking");
    expect(r.text).toBe("Which booking would you like to cancel? 1) Haircut on Thu 26 Nov at 11:00, 2) Blow-dry on Sat 28 Nov at 10:00.");
    const r2 = await talk.say("the second one");
    expect(r2.text).toBe("Shall I cancel your Blow-dry on Sat 28 Nov at 10:00?");
  });

  it("no bookings to cancel", async () => {
    const { talk } = setup();
    expect((await talk.say("cancel my appointment")).text).toBe("I can't see any upcoming bookings for you.");
  });

  it("reschedule: checks the booking's service on the new day, confirms, then moves it", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-25 17:30", "c-1");
    const r1 = await talk.say("can I move it to Friday?");
    expect(talk.calls.map((c) => c.name)).toEqual(["my_bookings", "check_availability"]);
    expect(talk.calls[1]!.args).toEqual({ service: "Haircut", when: "Friday" });
    expect(r1.text).toBe("I can move your Haircut to 09:00, 09:30 or 10:00 on Fri 27 Nov. Which suits you?");
    const r2 = await talk.say("10 am");
    expect(r2.text).toBe("Shall I move your Haircut from Wed 25 Nov at 17:30 to Fri 27 Nov at 10:00?");
    expect(booked(cal)[0]!.start).toBe("2026-11-25T17:30:00+00:00");
    const r3 = await talk.say("yes");
    expect(talk.calls.at(-1)).toEqual({ name: "reschedule_booking", args: { booking_id: "bk_1", new_start: "2026-11-27T10:00:00+00:00" } });
    expect(r3.text).toBe("Done — your Haircut is now on Fri 27 Nov, 10:00.");
    expect(booked(cal)).toMatchObject([{ id: "bk_1", start: "2026-11-27T10:00:00+00:00" }]);
  });

  it("reschedule without a day asks when", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-25 17:30", "c-1");
    const r = await talk.say("I need to reschedule my appointment");
    expect(r.text).toBe("When would you like to move your Haircut to?");
    await talk.say("saturday morning");
    expect(talk.calls.at(-1)).toEqual({ name: "check_availability", args: { service: "Haircut", when: "saturday morning" } });
  });

  it("my bookings: the tool's own sentence", async () => {
    const { cal, talk } = setup();
    cal.take(TENANT, "Haircut", "2026-11-26 11:00", "c-1");
    cal.take(TENANT, "Haircut", "2026-11-26 12:00", "c-other");
    const r = await talk.say("when is my appointment?");
    expect(talk.calls).toEqual([{ name: "my_bookings", args: {} }]);
    expect(r.text).toBe("You have 1 upcoming booking: Haircut on Thu 26 Nov, 11:00.");
  });
});

describe("local tier booking: payment", () => {
  it("a booking that needs payment calls payment_link when it is bound", async () => {
    const paid: unknown[] = [];
    const paymentLink = tool(async (args) => {
      paid.push(args);
      return JSON.stringify({ ok: true, message: "Here's your payment link: https://pay.example/x1", url: "https://pay.example/x1" });
    }, { name: "payment_link", description: "Send a payment link", schema: z.object({ booking_id: z.string() }) });
    const { cal, talk } = setup({ extraTools: [paymentLink as unknown as StructuredToolInterface] });
    expect((await talk.say("can I book a colour on thursday at 10am?")).text).toMatch(/Shall I book it\?$/);
    const r = await talk.say("yes");
    expect(talk.calls.slice(-2).map((c) => c.name)).toEqual(["book_appointment", "payment_link"]);
    expect(paid).toEqual([{ booking_id: "bk_1" }]);
    expect(r.text).toBe("I've held a Colour for you on Thu 26 Nov, 10:00. It's confirmed once the deposit is paid. Here's your payment link: https://pay.example/x1");
    expect(booked(cal)).toMatchObject([{ status: "held" }]);
  });

  it("without a payment tool it says a link follows", async () => {
    const { talk } = setup();
    expect((await talk.say("can I book a colour on thursday at 10am?")).text).toMatch(/Shall I book it\?$/);
    const r = await talk.say("yes");
    expect(r.text).toMatch(/deposit is paid\. I'll send you a payment link to secure it\.$/);
  });
});

describe("local tier booking: unsure and never invented", () => {
  it("a qualified yes does not book and is flagged unsure", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    const r = await talk.say("yes but can it be with Amy not Jess");
    expect(booked(cal)).toHaveLength(0);
    expect(meta(r).unsure).toBe(true);
    expect(bookingStage(talk.messages)).toBe("confirm");
  });

  it.each(["ok bye", "maybe", "hmm not sure"])("%j at the confirmation books nothing", async (answer) => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    await talk.say(answer);
    expect(booked(cal)).toHaveLength(0);
    expect(talk.calls.some((c) => c.name === "book_appointment")).toBe(false);
  });

  it("a booking request in another language is not misread: unsure, no tool call", async () => {
    const { talk } = setup();
    const r = await talk.say("hola, quiero una cita para mañana por la tarde");
    expect(talk.calls).toHaveLength(0);
    expect(meta(r).unsure).toBe(true);
  });

  it("time words it cannot read are flagged unsure, not dropped silently", async () => {
    const { talk } = setup();
    const r = await talk.say("kal 5 baje slot milega?");
    expect(meta(r)).toMatchObject({ unsure: true, unsureReason: "time words the local tier could not read" });
    expect(talk.calls.every((c) => c.name === "check_availability" && !("when" in c.args))).toBe(true);
  });

  it("booking mixed with another question: books the booking part and says unsure", async () => {
    const { talk } = setup();
    const r = await talk.say("can I book a haircut tomorrow after 5 and where do I park?");
    expect(r.text).toMatch(/^I have 17:00, 17:30 or 18:00/);
    expect(meta(r)).toMatchObject({ unsure: true, unsureReason: "the message also asks something else" });
  });

  it("several days in one message: one clarifying question, unsure", async () => {
    const { talk } = setup();
    const r = await talk.say("can I book a haircut tomorrow or friday?");
    expect(talk.calls).toHaveLength(0);
    expect(r.text).toBe("Happy to help — which one day would suit you best?");
    expect(meta(r).unsure).toBe(true);
  });

  it("a time without am/pm that lands outside hours: alternatives, flagged unsure", async () => {
    const { talk } = setup();
    const r = await talk.say("can I book a haircut tomorrow at 8");
    expect(r.text).toMatch(/^We're not open for a Haircut at Wed 25 Nov, 08:00\. The nearest free times are /);
    expect(meta(r).unsure).toBe(true);
  });

  it("every time in a reply comes from a tool result", async () => {
    const { talk } = setup();
    await talk.say("do you have anything tomorrow after 5?");
    await talk.say("haircut");
    await talk.say("the second one");
    await talk.say("yes");
    const toolText = talk.messages.filter((m) => ToolMessage.isInstance(m)).map((m) => m.text).join("\n");
    for (const m of talk.messages) {
      if (!AIMessage.isInstance(m)) continue;
      for (const t of m.text.match(/\b\d{2}:\d{2}\b/g) ?? []) expect(toolText).toContain(t);
    }
  });

  it("questions about booking are not booking requests", async () => {
    const { talk } = setup();
    const r = await talk.say("do I need to book in advance?");
    expect(r.tool_calls ?? []).toHaveLength(0);
    expect(talk.calls.map((c) => c.name)).toEqual(["knowledge_search"]);
  });

  it("without calendar tools the local tier is unchanged (knowledge search)", async () => {
    const model = new LocalChatModel({ minScore: 0.5 });
    const bound = model.bindTools(toolsFor("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5 }));
    const out = await bound.invoke([new HumanMessage("do you have anything tomorrow after 5?")], {});
    expect(out.tool_calls?.[0]?.name).toBe("knowledge_search");
  });
});

describe("the in-memory calendar double", () => {
  it("keeps tenants apart: another tenant's booking does not take this tenant's slot", async () => {
    const { cal, talk } = setup();
    cal.take("t-other", "Haircut", "2026-11-25 17:00");
    const r = await talk.say("can I book a haircut tomorrow at 5pm?");
    expect(r.text).toBe("17:00 on Wed 25 Nov is free for a Haircut (45 min, £30). Shall I book it?");
    expect(cal.all(TENANT)).toHaveLength(0);
  });

  it("refuses a start outside opening hours and one in the past", () => {
    const { cal } = setup();
    const ctx = { tenantId: TENANT, role: "lead" as const, conversationId: "c", contactId: "c-1" };
    expect(cal.execute("book_appointment", { service: "Haircut", start: "2026-11-25 18:30" }, ctx)).toMatchObject({ ok: false, reason: "closed" });
    expect(cal.execute("book_appointment", { service: "Haircut", start: "2026-11-23 12:00" }, ctx)).toMatchObject({ ok: false, reason: "in_past" });
    expect(cal.execute("book_appointment", { service: "Haircut", start: "2026-11-25 18:00" }, ctx)).toMatchObject({ ok: true, booking: { status: "confirmed" } });
    expect(cal.execute("book_appointment", { service: "Blow-dry", start: "2026-11-25 18:30" }, { ...ctx, contactId: "c-2" })).toMatchObject({ ok: false, reason: "slot_taken" });
  });
});

describe("behind the real calendar tool wrappers (tools/calendar/tools.ts)", () => {
  it("the same dialogue books through checkAvailabilityTool / bookAppointmentTool", async () => {
    const { cal } = setup();
    const tools = [checkAvailabilityTool(cal, "lead"), bookAppointmentTool(cal), myBookingsTool(cal)] as unknown as StructuredToolInterface[];
    const talk = new Talk({
      model: new LocalChatModel({ minScore: 0.5 }), tools, ctx: { tenantId: TENANT, role: "lead", conversationId: "conv-1", contactId: "c-1" },
      callOptions: { booking: { timezone: "Europe/London", now: NOW } },
    });
    await talk.say("can I book a haircut tomorrow after 5?");
    expect((await talk.say("17:30")).text).toBe("Shall I book a Haircut on Wed 25 Nov at 17:30?");
    expect((await talk.say("yes")).text).toBe("You're booked: Haircut on Wed 25 Nov, 17:30.");
    expect(booked(cal)).toMatchObject([{ start: "2026-11-25T17:30:00+00:00" }]);
  });
});

describe("local tier booking: interruptions", () => {
  it("an FAQ answered mid-offer does not lose the offered slots", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    const faq = await talk.say("how much is parking?");
    expect(talk.calls.at(-1)!.name).toBe("knowledge_search");
    expect(faq.text).toMatch(/don't have that information/);
    expect(bookingStage(talk.messages)).toBe("offer");
    const r = await talk.say("ok the second one then");
    expect(r.text).toBe("Shall I book a Haircut on Wed 25 Nov at 17:30?");
    expect(booked(cal)).toHaveLength(0);
  });

  it("a plain yes after an unrelated reply does not resume the offer", async () => {
    const { talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("how much is parking?"); // "…Would you like me to connect you with someone from Glow Salon?"
    const r = await talk.say("yes");
    expect(r.text).not.toMatch(/Which one would you like|Shall I book/);
  });

  it("a confirmation is never carried over an unrelated reply", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    await talk.say("how much is parking?");
    expect(bookingStage(talk.messages)).toBe("none");
    await talk.say("yes");
    expect(booked(cal)).toHaveLength(0);
  });

  it("'never mind' drops the booking being arranged", async () => {
    const { cal, talk } = setup();
    await talk.say("can I book a haircut tomorrow after 5?");
    await talk.say("the first one");
    const r = await talk.say("actually never mind");
    expect(r.text).toBe("No problem — I won't book anything. Is there anything else I can help with?");
    expect(bookingStage(talk.messages)).toBe("none");
    expect(booked(cal)).toHaveLength(0);
  });

  it("'I'd like a <service>' starts a booking when the service is known", async () => {
    const { talk } = setup({ withCtx: false });
    const t = new Talk({
      ...(talk as unknown as { o: ConstructorParameters<typeof Talk>[0] }).o,
      callOptions: { booking: { timezone: "Europe/London", now: NOW, services: SERVICES.map((s) => ({ name: s.name })) } },
    });
    const r = await t.say("I'd like a haircut");
    expect(t.calls[0]).toEqual({ name: "check_availability", args: { service: "Haircut" } });
    expect(r.text).toBe("I have 10:30, 11:00 or 11:30 on Tue 24 Nov for a Haircut (45 min, £30). Which suits you?");
  });
});

describe("local tier booking: state only from the messages", () => {
  async function offered() {
    const s = setup();
    await s.talk.say("can I book a haircut tomorrow after 5?");
    return s;
  }

  it("offered slots are used after a checkpoint round trip and a new model instance", async () => {
    const { cal, talk, tools } = await offered();
    const serde = new JsonPlusSerializer();
    const [type, bytes] = await serde.dumpsTyped({ messages: talk.messages });
    const restored = ((await serde.loadsTyped(type, bytes)) as { messages: BaseMessage[] }).messages;
    const fresh = new Talk({
      model: new LocalChatModel({ minScore: 0.5 }), tools, ctx: { tenantId: TENANT, role: "lead", conversationId: "conv-1", contactId: "c-1" },
      callOptions: { booking: { timezone: "Europe/London", now: NOW } },
    });
    fresh.messages = restored;
    expect(bookingStage(fresh.messages)).toBe("offer");
    const r = await fresh.say("the second one");
    expect(r.text).toBe("Shall I book a Haircut on Wed 25 Nov at 17:30?");
    await fresh.say("yes");
    expect(booked(cal)).toMatchObject([{ start: "2026-11-25T17:30:00+00:00" }]);
  });

  it("an offer written by another tier (no metadata) is read from the tool results", async () => {
    const { cal, talk } = await offered();
    talk.messages = talk.messages.map((m) =>
      AIMessage.isInstance(m) ? new AIMessage({ content: m.content, tool_calls: m.tool_calls ?? [] }) : m,
    );
    talk.messages[talk.messages.length - 1] = new AIMessage("Sure! I can do 17:00, 17:30 or 18:00 tomorrow. Which one?");
    expect(bookingStage(talk.messages)).toBe("offer");
    const r = await talk.say("5:30 please");
    expect(r.text).toBe("Shall I book a Haircut on Wed 25 Nov at 17:30?");
    const r2 = await talk.say("yes");
    expect(r2.text).toBe("You're booked: Haircut on Wed 25 Nov, 17:30.");
    expect(booked(cal)).toHaveLength(1);
  });

  it("an LLM's confirmation question naming one slot is read as a confirmation", async () => {
    const { cal, talk } = await offered();
    talk.messages[talk.messages.length - 1] = new AIMessage("Shall I book you in at 18:00 tomorrow?");
    expect(bookingStage(talk.messages)).toBe("confirm");
    await talk.say("yes");
    expect(booked(cal)).toMatchObject([{ start: "2026-11-25T18:00:00+00:00" }]);
  });

  it("another conversation's offer is not this one's", async () => {
    await offered();
    const { talk } = setup();
    const r = await talk.say("the second one");
    expect(r.text).not.toMatch(/Shall I book/);
    expect(bookingStage(talk.messages)).toBe("none");
  });
});
