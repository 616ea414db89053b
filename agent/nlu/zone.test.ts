// DST arithmetic: wall clock ↔ UTC across the Europe/London and America/New_York transitions.
import { describe, expect, it } from "vitest";
import { fromWall, offsetMinutes, toWall } from "./zone.js";

const w = (year: number, month: number, day: number, hour: number, minute = 0) => ({ year, month, day, hour, minute });

describe("fromWall", () => {
  it.each([
    ["London winter", "Europe/London", w(2025, 1, 15, 9), "2025-01-15T09:00:00.000Z"],
    ["London summer", "Europe/London", w(2025, 7, 15, 9), "2025-07-15T08:00:00.000Z"],
    ["London spring-forward day, 09:00 (BST)", "Europe/London", w(2025, 3, 30, 9), "2025-03-30T08:00:00.000Z"],
    ["London spring-forward day, 00:30 (still GMT)", "Europe/London", w(2025, 3, 30, 0, 30), "2025-03-30T00:30:00.000Z"],
    ["London gap 01:30 never happens → 02:30 BST", "Europe/London", w(2025, 3, 30, 1, 30), "2025-03-30T01:30:00.000Z"],
    ["London fall-back day, 09:00 (GMT)", "Europe/London", w(2025, 10, 26, 9), "2025-10-26T09:00:00.000Z"],
    ["London overlap 01:30 happens twice → the first (BST)", "Europe/London", w(2025, 10, 26, 1, 30), "2025-10-26T00:30:00.000Z"],
    ["New York spring-forward day, 09:00 EDT", "America/New_York", w(2025, 3, 9, 9), "2025-03-09T13:00:00.000Z"],
    ["New York gap 02:30 → 03:30 EDT", "America/New_York", w(2025, 3, 9, 2, 30), "2025-03-09T07:30:00.000Z"],
    ["New York fall-back day, 09:00 EST", "America/New_York", w(2025, 11, 2, 9), "2025-11-02T14:00:00.000Z"],
    ["New York overlap 01:30 → the first (EDT)", "America/New_York", w(2025, 11, 2, 1, 30), "2025-11-02T05:30:00.000Z"],
    ["Kolkata (no DST, +05:30)", "Asia/Kolkata", w(2025, 3, 30, 9), "2025-03-30T03:30:00.000Z"],
    ["midnight rollover hour 24", "Europe/London", w(2025, 6, 11, 24), "2025-06-11T23:00:00.000Z"],
  ])("%s", (_, tz, wall, iso) => {
    expect(fromWall(wall, tz).toISOString()).toBe(iso);
  });

  it("round-trips every hour of both London transition days", () => {
    for (const day of [w(2025, 3, 30, 0), w(2025, 10, 26, 0)]) {
      for (let h = 3; h < 24; h++) {
        const t = fromWall({ ...day, hour: h }, "Europe/London");
        expect(toWall(t, "Europe/London")).toMatchObject({ ...day, hour: h });
      }
    }
  });
});

describe("offsetMinutes", () => {
  it("reads the offset in force at an instant", () => {
    expect(offsetMinutes(new Date("2025-03-30T00:59:00Z"), "Europe/London")).toBe(0);
    expect(offsetMinutes(new Date("2025-03-30T01:00:00Z"), "Europe/London")).toBe(60);
    expect(offsetMinutes(new Date("2025-11-02T06:00:00Z"), "America/New_York")).toBe(-300);
    expect(offsetMinutes(new Date("2025-11-02T05:59:00Z"), "America/New_York")).toBe(-240);
  });
});
