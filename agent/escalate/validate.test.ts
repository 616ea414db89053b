import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionClaims } from "./claims.js";
import { ceilingFor, nextTier } from "./policy.js";
import { clockTimes, validateMessage, type ValidateContext } from "./validate.js";

const search = tool(async () => "", { name: "knowledge_search", description: "search", schema: z.object({ query: z.string().min(1) }) });
const book = tool(async () => "", { name: "book_appointment", description: "book", schema: z.object({ service: z.string(), start: z.string() }) });
const nlu = { timezone: "Europe/London", locale: "en-GB", currency: "GBP" };
const ctx = (window: ValidateContext["window"], prompt = ""): ValidateContext => ({ tools: [search, book], prompt, window, nlu, minScore: 0.25 });
const searchResult = (hits: { title: string; text: string; score: number }[]) =>
  new ToolMessage({ tool_call_id: "c1", name: "knowledge_search", content: JSON.stringify({ query: "q", hits: hits.map((h, i) => ({ ...h, entryId: `e${i}` })) }) });

describe("validateMessage: tool calls", () => {
  it("accepts a well-formed call and refuses unparsable or schema-breaking ones", () => {
    const w = [new HumanMessage("how much is a cut?")];
    const good = new AIMessage({ content: "", tool_calls: [{ id: "1", name: "knowledge_search", args: { query: "cut" }, type: "tool_call" }] });
    expect(validateMessage(good, ctx(w))).toEqual({ ok: true });
    const broken = new AIMessage({ content: "", invalid_tool_calls: [{ id: "1", name: "knowledge_search", args: '{"query": "cu', error: "bad json", type: "invalid_tool_call" }] });
    expect(validateMessage(broken, ctx(w))).toMatchObject({ ok: false, kind: "malformed_tool_call", reason: "unparsable tool call (knowledge_search)" });
    const badArgs = new AIMessage({ content: "", tool_calls: [{ id: "1", name: "book_appointment", args: { service: "cut" }, type: "tool_call" }] });
    expect(validateMessage(badArgs, ctx(w))).toMatchObject({ ok: false, kind: "malformed_tool_call", reason: expect.stringMatching(/^bad arguments for book_appointment \(start:/) });
  });

  it("leaves a tool the role lacks to the tools step (refused and logged there)", () => {
    const m = new AIMessage({ content: "", tool_calls: [{ id: "1", name: "list_contacts", args: {}, type: "tool_call" }] });
    expect(validateMessage(m, ctx([new HumanMessage("hi")]))).toEqual({ ok: true });
  });
});

describe("validateMessage: claims", () => {
  const w = [new HumanMessage("how much is a cut on saturday?"), searchResult([{ title: "Prices", text: "Women's cut £45, men's cut £25. Open Sat 9am-5:30pm.", score: 0.8 }])];

  it("accepts prices, times and percentages found in the evidence, however written", () => {
    expect(validateMessage(new AIMessage("A women's cut is £45.00 and we're open until 5.30pm on Saturday."), ctx(w))).toEqual({ ok: true });
    expect(validateMessage(new AIMessage("It's 45 GBP; we open at 09:00."), ctx(w))).toEqual({ ok: true });
  });

  it("refuses a price, time or percentage in no source", () => {
    expect(validateMessage(new AIMessage("A women's cut is £40."), ctx(w))).toMatchObject({ ok: false, kind: "unsupported_claim", reason: "price £40 is in no source" });
    expect(validateMessage(new AIMessage("We close at 6pm on Saturdays."), ctx(w))).toMatchObject({ ok: false, reason: "time 18:00 is in no source" });
    expect(validateMessage(new AIMessage("Students get 10% off."), ctx(w))).toMatchObject({ ok: false, reason: "percentage 10% is in no source" });
  });

  it("counts the system prompt, the customer's own words and tool JSON amounts as evidence", () => {
    const booking = new ToolMessage({ tool_call_id: "c2", name: "check_availability", content: JSON.stringify({ tool: "check_availability", ok: true, slots: [{ start: "2026-11-28T17:30:00+00:00", label: "Sat 28 Nov, 17:30", priceMinor: 4500, currency: "GBP" }] }) });
    const win = [new HumanMessage("anything after 5pm for £45?"), booking];
    expect(validateMessage(new AIMessage("Yes — 5:30 pm on Saturday, £45."), ctx(win))).toEqual({ ok: true });
    expect(validateMessage(new AIMessage("Deposit is £10."), ctx(win, "Deposits are £10 per booking."))).toEqual({ ok: true });
  });

  it("refuses an action claim without a successful tool result this turn", () => {
    const claim = new AIMessage("Great, I've booked you in for Saturday at 5:30pm!");
    const ask = [new HumanMessage("book me saturday 5:30pm")];
    expect(validateMessage(claim, ctx(ask))).toMatchObject({ ok: false, kind: "unsupported_claim", reason: expect.stringMatching(/no booking this turn/) });
    const failed = new ToolMessage({ tool_call_id: "b", name: "book_appointment", content: JSON.stringify({ tool: "book_appointment", ok: false, reason: "slot_taken", message: "taken" }) });
    expect(validateMessage(claim, ctx([...ask, failed]))).toMatchObject({ ok: false });
    const done = new ToolMessage({ tool_call_id: "b", name: "book_appointment", content: JSON.stringify({ tool: "book_appointment", ok: true, booking: { label: "Sat 28 Nov, 17:30" }, message: "Booked" }) });
    expect(validateMessage(claim, ctx([...ask, done]))).toEqual({ ok: true });
    // a result of an earlier turn does not back this turn's claim
    expect(validateMessage(claim, ctx([...ask, done, new AIMessage("Booked."), new HumanMessage("and sunday too at 5:30pm")]))).toMatchObject({ ok: false });
  });

  it("does not read questions, negations or conditionals as claims", () => {
    expect(actionClaims("Shall I book you in for 5:30?")).toEqual([]);
    expect(actionClaims("I haven't booked anything yet.")).toEqual([]);
    expect(actionClaims("Once you pay, your booking is confirmed.")).toEqual([]);
    expect(actionClaims("Done! You're booked. Your refund has been processed.").map((c) => c.what)).toEqual(["booking", "refund"]);
  });
});

describe("validateMessage: low confidence", () => {
  it("escalates the local tier's unsure flag and a 'don't know' with a near miss, not a clear miss", () => {
    const unsure = new AIMessage({ content: "Did you mean 5am or 5pm?", response_metadata: { unsure: true, unsureReason: "time without am/pm" } });
    expect(validateMessage(unsure, ctx([new HumanMessage("5 works")]))).toMatchObject({ ok: false, kind: "low_confidence", reason: "local tier unsure: time without am/pm" });
    const dontKnow = new AIMessage({ content: "I'm sorry, I don't have that information.", response_metadata: { grounded: false } });
    const near = [new HumanMessage("want to go blonde"), searchResult([{ title: "Colour", text: "Highlights from £80", score: 0.2 }])];
    expect(validateMessage(dontKnow, ctx(near))).toMatchObject({ ok: false, kind: "low_confidence", reason: "no knowledge entry clearly answers (best 0.20 < 0.25)" });
    const far = [new HumanMessage("do you sell cars"), searchResult([{ title: "Colour", text: "Highlights from £80", score: 0.05 }])];
    expect(validateMessage(dontKnow, ctx(far))).toEqual({ ok: true });
  });
});

describe("clockTimes", () => {
  it("reads 12- and 24-hour clocks and ISO instants as minutes of the day", () => {
    expect(clockTimes("5pm, 5:30 p.m., 12am, 12pm, 17:45, T09:05:00")).toEqual(new Set([1020, 1050, 0, 720, 1065, 545]));
  });
});

describe("nextTier", () => {
  it("goes one usable tier up, never above the ceiling, never back to a rejected tier", () => {
    const all = ["fast", "smart"] as const;
    expect(nextTier("local", { ceiling: "smart", usable: all, failedValidation: ["local"] })).toBe("fast");
    expect(nextTier("local", { ceiling: "smart", usable: ["smart"], failedValidation: ["local"] })).toBe("smart");
    expect(nextTier("fast", { ceiling: "fast", usable: all, failedValidation: ["fast"] })).toBeNull();
    expect(nextTier("local", { ceiling: "local", usable: all, failedValidation: ["local"] })).toBeNull();
    expect(nextTier("local", { ceiling: "smart", usable: all, failedValidation: ["local", "fast"] })).toBe("smart");
    expect(nextTier("smart", { ceiling: "smart", usable: all, failedValidation: ["smart"] })).toBeNull();
  });
  it("takes its ceiling from the budget level", () => {
    expect([ceilingFor("hard"), ceilingFor("soft"), ceilingFor("ok"), ceilingFor(undefined)]).toEqual(["local", "fast", "smart", "smart"]);
  });
});
