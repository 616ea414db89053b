import { describe, expect, it } from "vitest";
import { monthOf, monthRange } from "./month.js";

describe("budget months in the tenant's timezone", () => {
  it.each([
    ["2026-11-30T20:00:00Z", "UTC", "2026-11"],
    ["2026-11-30T20:00:00Z", "Asia/Kolkata", "2026-12"],
    ["2026-12-01T03:00:00Z", "America/Los_Angeles", "2026-11"],
    ["2026-12-31T23:30:00Z", "Europe/London", "2026-12"],
    ["2026-12-31T23:30:00Z", "Europe/Berlin", "2027-01"],
  ])("%s in %s is %s", (at, tz, month) => {
    expect(monthOf(new Date(at), tz)).toBe(month);
  });

  it.each([
    ["2026-11", "UTC", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
    ["2026-12", "Asia/Kolkata", "2026-11-30T18:30:00.000Z", "2026-12-31T18:30:00.000Z"],
    ["2026-03", "Europe/London", "2026-03-01T00:00:00.000Z", "2026-03-31T23:00:00.000Z"], // BST starts on 29 March
    ["2026-12", "America/New_York", "2026-12-01T05:00:00.000Z", "2027-01-01T05:00:00.000Z"],
  ])("%s in %s is [%s, %s)", (month, tz, from, to) => {
    const r = monthRange(month, tz);
    expect([r.from.toISOString(), r.to.toISOString()]).toEqual([from, to]);
  });

  it("refuses what is not a month", () => {
    expect(() => monthRange("2026-13", "UTC")).toThrow(/not a month/);
  });
});
