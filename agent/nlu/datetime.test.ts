// Dates and times in the tenant's zone: the brief's phrases, DST nights in London and New
// York, am/pm ambiguity, other languages, and texts that hold no date at all.
import { describe, expect, it } from "vitest";
import { extractDateTimes } from "./datetime.js";
import { GLOW_CTX } from "./fixtures.js";
import type { NluContext } from "./types.js";

// GLOW_CTX.now: Wednesday 11 June 2025, 10:00 BST in Bristol (09:00Z).
const one = (text: string, ctx: NluContext = GLOW_CTX) => {
  const r = extractDateTimes(text, ctx);
  expect(r, text).toHaveLength(1);
  return r[0]!;
};
const iso = (d: Date) => d.toISOString();

describe("phrases (Europe/London, summer)", () => {
  it.each([
    // text, start, end, ambiguous
    ["tomorrow after 5", "2025-06-12T16:00:00.000Z", "2025-06-12T23:00:00.000Z", true],
    ["tomorrow after 5pm", "2025-06-12T16:00:00.000Z", "2025-06-12T23:00:00.000Z", false],
    ["next Friday morning", "2025-06-20T07:00:00.000Z", "2025-06-20T11:00:00.000Z", false],
    ["friday", "2025-06-12T23:00:00.000Z", "2025-06-13T23:00:00.000Z", false],
    ["the 3rd", "2025-07-02T23:00:00.000Z", "2025-07-03T23:00:00.000Z", false],
    ["on the 22nd", "2025-06-21T23:00:00.000Z", "2025-06-22T23:00:00.000Z", false],
    ["half 4", "2025-06-11T15:30:00.000Z", "2025-06-11T15:30:00.000Z", true],
    ["tomorrow at half 4", "2025-06-12T15:30:00.000Z", "2025-06-12T15:30:00.000Z", true],
    ["half past 4", "2025-06-11T15:30:00.000Z", "2025-06-11T15:30:00.000Z", true],
    ["this weekend", "2025-06-13T23:00:00.000Z", "2025-06-15T23:00:00.000Z", false],
    ["next week", "2025-06-15T23:00:00.000Z", "2025-06-22T23:00:00.000Z", false],
    ["in 2 hours", "2025-06-11T11:00:00.000Z", "2025-06-11T11:00:00.000Z", false],
    ["between 2 and 4", "2025-06-11T13:00:00.000Z", "2025-06-11T15:00:00.000Z", true],
    ["from 2 to 4pm", "2025-06-11T13:00:00.000Z", "2025-06-11T15:00:00.000Z", false],
    ["after 5", "2025-06-11T16:00:00.000Z", "2025-06-11T23:00:00.000Z", true],
    ["before 10am on saturday", "2025-06-13T23:00:00.000Z", "2025-06-14T09:00:00.000Z", false],
    ["at 5", "2025-06-11T16:00:00.000Z", "2025-06-11T16:00:00.000Z", true],
    ["at 9pm", "2025-06-11T20:00:00.000Z", "2025-06-11T20:00:00.000Z", false],
    ["at 5am", "2025-06-12T04:00:00.000Z", "2025-06-12T04:00:00.000Z", false], // 05:00 has passed today
    ["tonight", "2025-06-11T16:00:00.000Z", "2025-06-11T23:00:00.000Z", false],
    ["tonight at 8", "2025-06-11T19:00:00.000Z", "2025-06-11T19:00:00.000Z", false],
    ["saturday at 10:30am", "2025-06-14T09:30:00.000Z", "2025-06-14T09:30:00.000Z", false],
    ["12 December", "2025-12-12T00:00:00.000Z", "2025-12-13T00:00:00.000Z", false], // GMT by then
  ])("%s", (text, start, end, ambiguous) => {
    const e = one(text);
    expect([iso(e.start), iso(e.end), e.ambiguous]).toEqual([start, end, ambiguous]);
    expect(e.span.text.length).toBeGreaterThan(0);
    expect(text.slice(e.span.start, e.span.end)).toBe(e.span.text);
  });

  it("keeps the span inside a sentence and merges a day with its time", () => {
    const text = "hi can I get a blow dry tomorrow after 5 please";
    const e = one(text);
    expect(e.span.text).toBe("tomorrow after 5");
    expect(e).toMatchObject({ hasDate: true, hasTime: true, localDate: "2025-06-12" });
  });

  it("flags am/pm ambiguity with lower confidence, and reads it in business hours", () => {
    const e = one("can you do 4:30 on thursday");
    expect(e).toMatchObject({ ambiguous: true, localTime: "16:30", localDate: "2025-06-12" });
    expect(e.confidence).toBeLessThan(0.7);
    expect(one("tomorrow at 10").localTime).toBe("10:00");
    expect(one("tomorrow at 10am").confidence).toBeGreaterThanOrEqual(0.9);
  });
});

describe("DST: 'tomorrow at 9' across the transition night", () => {
  it.each([
    ["London, night before spring-forward (30 Mar 2025)", "Europe/London", "2025-03-29T12:00:00Z", "2025-03-30T08:00:00.000Z"],
    ["London, night before fall-back (26 Oct 2025)", "Europe/London", "2025-10-25T12:00:00Z", "2025-10-26T09:00:00.000Z"],
    ["New York, night before spring-forward (9 Mar 2025)", "America/New_York", "2025-03-08T17:00:00Z", "2025-03-09T13:00:00.000Z"],
    ["New York, night before fall-back (2 Nov 2025)", "America/New_York", "2025-11-01T16:00:00Z", "2025-11-02T14:00:00.000Z"],
  ])("%s", (_, timezone, now, expected) => {
    const ctx = { ...GLOW_CTX, timezone, now: new Date(now), locale: timezone.startsWith("America") ? "en-US" : "en-GB" };
    expect(iso(one("tomorrow at 9am", ctx).start)).toBe(expected);
    expect(iso(one("tomorrow at 9", ctx).start)).toBe(expected);
  });

  it("the spring-forward day is 23 hours long and the fall-back day 25", () => {
    const spring = one("tomorrow", { ...GLOW_CTX, now: new Date("2025-03-29T12:00:00Z") });
    expect([iso(spring.start), iso(spring.end)]).toEqual(["2025-03-30T00:00:00.000Z", "2025-03-30T23:00:00.000Z"]);
    const fall = one("tomorrow", { ...GLOW_CTX, now: new Date("2025-10-25T12:00:00Z") });
    expect([iso(fall.start), iso(fall.end)]).toEqual(["2025-10-25T23:00:00.000Z", "2025-10-27T00:00:00.000Z"]);
  });

  it("'tomorrow after 5' on the London spring-forward day ends at local midnight", () => {
    const e = one("tomorrow after 5pm", { ...GLOW_CTX, now: new Date("2025-03-29T12:00:00Z") });
    expect([iso(e.start), iso(e.end)]).toEqual(["2025-03-30T16:00:00.000Z", "2025-03-30T23:00:00.000Z"]);
  });

  it("'in 2 hours' across the spring-forward instant is two real hours", () => {
    const e = one("in 2 hours", { ...GLOW_CTX, now: new Date("2025-03-30T00:30:00Z") });
    expect(iso(e.start)).toBe("2025-03-30T02:30:00.000Z");
    expect(e.localTime).toBe("03:30");
  });

  it("a late-evening 'tomorrow' in New York is the tenant's tomorrow, not UTC's", () => {
    const ctx = { ...GLOW_CTX, timezone: "America/New_York", locale: "en-US", now: new Date("2025-06-12T02:30:00Z") }; // 22:30 on the 11th
    expect(one("tomorrow at 10am", ctx).localDate).toBe("2025-06-12");
  });
});

describe("speech and chat spellings", () => {
  it.each([
    ["i booked in for half two", "14:30"],
    ["three o'clock", "15:00"],
    ["a table for four tonight at eight", "20:00"],
    ["skin fade sat 10am", "10:00"],
  ])("%s → %s", (text, time) => {
    expect(one(text).localTime).toBe(time);
  });
  it("tmrw is tomorrow, span on the original word", () => {
    const found = extractDateTimes("is the 6am class full tmrw", GLOW_CTX);
    expect(found.find((e) => e.span.text === "tmrw")?.localDate).toBe("2025-06-12");
  });
  it("'from 1 May' is a day, not 1 o'clock", () => {
    expect(one("from 1 May until October")).toMatchObject({ localDate: "2026-05-01", hasTime: false });
  });
});

describe("other languages (tenant locale)", () => {
  it.each([
    ["es-ES", "mañana a las 5", "2025-06-12", "17:00"],
    ["fr-FR", "samedi matin", "2025-06-14", undefined],
    ["de-DE", "morgen um 10 Uhr", "2025-06-12", "10:00"],
  ])("%s: %s", (locale, text, date, time) => {
    const e = one(text, { ...GLOW_CTX, locale });
    expect(e.localDate).toBe(date);
    expect(e.localTime).toBe(time);
  });
});

describe("no date or time", () => {
  it.each(["Good evening", "Have a good night!", "morning!", "Running 20 mins late sorry!!", "curl up for like 6 weeks", "Waited 1hr 20 for delivery",
    "we'll be at 22 Oldham St", "hi there", "how much is a cut", "I have 3 kids", "can I book for 2 people", "do you do gel nails", "yes please", "my number is 07700 900123"])(
    "%s", (text) => {
      expect(extractDateTimes(text, GLOW_CTX)).toEqual([]);
    });
});
