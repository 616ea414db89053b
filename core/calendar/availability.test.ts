// Availability as pure functions: hours, split shifts, closures, buffers, the grid, the
// bookable window, spreading, and DST transition days in London and New York.
import { describe, expect, it } from "vitest";
import { fromWall, toWall } from "../../agent/nlu/zone.js";
import { bookableWindow, freeSlots, openMinutes, spreadSlots, type SlotQuery } from "./availability.js";
import type { HoursRow } from "./types.js";

const ZONE = { fromWall, toWall };
const H = (h: number, m = 0) => h * 60 + m;
const week = (opens: number, closes: number, days = [0, 1, 2, 3, 4, 5, 6]): HoursRow[] => days.map((weekday) => ({ resourceId: null, weekday, opensMin: opens, closesMin: closes }));
const iso = (d: Date) => d.toISOString();

function q(over: Partial<SlotQuery>): SlotQuery {
  return {
    timezone: "Europe/London", zone: ZONE, from: new Date("2026-06-10T00:00:00Z"), to: new Date("2026-06-11T00:00:00Z"),
    durationMin: 60, bufferMin: 0, gridMin: 60, resourceIds: ["a"], hours: week(H(9), H(17)), closures: [], busy: [], ...over,
  };
}

describe("freeSlots", () => {
  it("offers grid starts within the hours, ending by closing time (BST: 09:00 local = 08:00Z)", () => {
    const s = freeSlots(q({}));
    expect(s.map((x) => iso(x.start))).toEqual([8, 9, 10, 11, 12, 13, 14, 15].map((h) => `2026-06-10T${String(h).padStart(2, "0")}:00:00.000Z`));
    expect(iso(s.at(-1)!.end)).toBe("2026-06-10T16:00:00.000Z");
  });

  it("split shifts: a lunch gap is not offered", () => {
    const hours = [{ resourceId: null, weekday: 3, opensMin: H(9), closesMin: H(12) }, { resourceId: null, weekday: 3, opensMin: H(14), closesMin: H(17) }];
    const s = freeSlots(q({ hours }));
    expect(s.map((x) => toWall(x.start, "Europe/London").hour)).toEqual([9, 10, 11, 14, 15, 16]);
  });

  it("a closure closes the day; special hours replace the week; a resource's time off only blocks that resource", () => {
    expect(freeSlots(q({ closures: [{ resourceId: null, date: "2026-06-10", opensMin: null, closesMin: null }] }))).toEqual([]);
    const special = freeSlots(q({ closures: [{ resourceId: null, date: "2026-06-10", opensMin: H(12), closesMin: H(14) }] }));
    expect(special.map((x) => toWall(x.start, "Europe/London").hour)).toEqual([12, 13]);
    const two = freeSlots(q({ resourceIds: ["a", "b"], closures: [{ resourceId: "b", date: "2026-06-10", opensMin: null, closesMin: null }] }));
    expect(two.every((x) => x.resourceIds.join() === "a")).toBe(true);
  });

  it("a resource's own weekly hours replace the business's", () => {
    const hours = [...week(H(9), H(17)), { resourceId: "b", weekday: 3, opensMin: H(15), closesMin: H(17) }];
    const s = freeSlots(q({ resourceIds: ["b"], hours }));
    expect(s.map((x) => toWall(x.start, "Europe/London").hour)).toEqual([15, 16]);
  });

  it("existing bookings block with their buffers, and the new service's buffer must not run into the next booking", () => {
    // a booking 11:00–12:00 local with a 30 min buffer → blocked until 12:30 local (11:30Z)
    const busy = [{ resourceId: "a", start: Date.parse("2026-06-10T10:00:00Z"), end: Date.parse("2026-06-10T11:30:00Z") }];
    const s = freeSlots(q({ busy, gridMin: 30, bufferMin: 15 }));
    const hours = s.map((x) => { const w = toWall(x.start, "Europe/London"); return `${w.hour}:${String(w.minute).padStart(2, "0")}`; });
    // 10:00 + 60 + 15 buffer = 11:15 > 11:00 → not offered; 09:30 + 75 = 10:45 ok
    expect(hours).toContain("9:30");
    expect(hours).not.toContain("10:00");
    expect(hours).not.toContain("11:00");
    expect(hours).not.toContain("12:00");
    expect(hours).toContain("12:30");
  });

  it("two resources: a slot stays free while one of them is", () => {
    const busy = [{ resourceId: "a", start: Date.parse("2026-06-10T08:00:00Z"), end: Date.parse("2026-06-10T09:00:00Z") }];
    const s = freeSlots(q({ resourceIds: ["a", "b"], busy }));
    expect(s[0]!.resourceIds).toEqual(["b"]);
    expect(s[1]!.resourceIds.sort()).toEqual(["a", "b"]);
  });

  it("London spring-forward Sunday (29 Mar 2026): 09:00–17:00 is 08:00Z–16:00Z, no slot in the 01:00–02:00 gap", () => {
    const day = { from: new Date("2026-03-29T00:00:00Z"), to: new Date("2026-03-30T00:00:00Z") };
    const s = freeSlots(q({ ...day }));
    expect(iso(s[0]!.start)).toBe("2026-03-29T08:00:00.000Z");
    expect(iso(s.at(-1)!.start)).toBe("2026-03-29T15:00:00.000Z");
    // the local day is 23 hours long: 00:00Z → 23:00Z
    const night = freeSlots(q({ from: day.from, to: new Date("2026-03-29T23:00:00Z"), hours: week(H(0), H(4)), gridMin: 30, durationMin: 30 }));
    const walls = night.map((x) => { const w = toWall(x.start, "Europe/London"); return w.hour * 60 + w.minute; });
    expect(walls).not.toContain(H(1, 30));
    expect(walls).not.toContain(H(1));
    expect(walls).toEqual([0, 30, H(2), H(2, 30), H(3), H(3, 30)]);
  });

  it("London fall-back Sunday (25 Oct 2026): 09:00 is 09:00Z", () => {
    const s = freeSlots(q({ from: new Date("2026-10-25T00:00:00Z"), to: new Date("2026-10-26T00:00:00Z") }));
    expect(iso(s[0]!.start)).toBe("2026-10-25T09:00:00.000Z");
    expect(s).toHaveLength(8);
  });

  it("New York spring-forward (8 Mar 2026) and fall-back (1 Nov 2026): 09:00 local is 13:00Z then 14:00Z; no 02:30", () => {
    const ny = { timezone: "America/New_York" };
    const spring = freeSlots(q({ ...ny, from: new Date("2026-03-08T05:00:00Z"), to: new Date("2026-03-09T04:00:00Z") }));
    expect(iso(spring[0]!.start)).toBe("2026-03-08T13:00:00.000Z");
    expect(spring).toHaveLength(8);
    const gap = freeSlots(q({ ...ny, hours: week(H(1), H(4)), gridMin: 30, durationMin: 30, from: new Date("2026-03-08T05:00:00Z"), to: new Date("2026-03-09T04:00:00Z") }));
    const walls = gap.map((x) => { const w = toWall(x.start, "America/New_York"); return `${w.hour}:${w.minute}`; });
    expect(walls).not.toContain("2:30");
    expect(walls).not.toContain("2:0");
    const fall = freeSlots(q({ ...ny, from: new Date("2026-11-01T04:00:00Z"), to: new Date("2026-11-02T05:00:00Z") }));
    expect(iso(fall[0]!.start)).toBe("2026-11-01T14:00:00.000Z");
  });

  it("only starts inside [from, to) are returned (\"after 5\" → from 17:00)", () => {
    const s = freeSlots(q({ from: new Date("2026-06-10T14:00:00Z"), hours: week(H(9), H(20)) }));
    expect(toWall(s[0]!.start, "Europe/London").hour).toBe(15);
  });
});

describe("openMinutes", () => {
  it("no row for a weekday is closed (\"closed Mondays\")", () => {
    expect(openMinutes("a", { weekday: 1, iso: "2026-06-08" }, week(H(9), H(17), [2, 3, 4, 5, 6]), [])).toEqual([]);
  });
});

describe("spreadSlots and bookableWindow", () => {
  const at = (h: number, m = 0) => ({ start: new Date(Date.UTC(2026, 5, 10, h, m)) });
  it("offers the first free slot, then ones an hour apart rather than three consecutive quarter-hours", () => {
    const slots = [at(9), at(9, 15), at(9, 30), at(9, 45), at(10), at(10, 15), at(11)];
    expect(spreadSlots(slots, 3).map((s) => s.start.getUTCHours() * 60 + s.start.getUTCMinutes())).toEqual([540, 600, 660]);
    expect(spreadSlots(slots.slice(0, 3), 3)).toHaveLength(3);
  });
  it("applies the minimum notice and the horizon", () => {
    const now = new Date("2026-06-10T10:00:00Z");
    const w = bookableWindow(new Date("2026-06-10T00:00:00Z"), new Date("2026-12-31T00:00:00Z"), now, 60, 60);
    expect(iso(w.from)).toBe("2026-06-10T11:00:00.000Z");
    expect(iso(w.to)).toBe("2026-08-09T10:00:00.000Z");
  });
});
