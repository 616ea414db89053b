// Reading `when` / `start` in the tenant's zone (agent/nlu underneath) and matching services.
import { describe, expect, it } from "vitest";
import type { CalendarTenant, ServiceRow } from "../../core/calendar/types.js";
import { DEFAULT_CALENDAR_SETTINGS } from "../../core/calendar/types.js";
import { isoInZone, labelOf } from "./format.js";
import { matchService, parseStart, parseWhen } from "./when.js";

const london: CalendarTenant = { id: "t", name: "Glow", timezone: "Europe/London", locale: "en-GB", currency: "GBP", settings: DEFAULT_CALENDAR_SETTINGS };
const ny: CalendarTenant = { ...london, timezone: "America/New_York", locale: "en-US", currency: "USD" };
const svc = (name: string, aliases: string[] = []): ServiceRow => ({
  id: name, tenantId: "t", name, aliases, description: null, durationMin: 30, bufferMin: 0, priceMinor: null, currency: null, prepay: false, active: true, resourceIds: [],
});
const services = [svc("Women's cut and finish", ["haircut", "women's cut"]), svc("Men's cut", ["gents cut"]), svc("Full head colour", ["colour", "dye"]), svc("Glow Signature facial", ["facial"])];

describe("parseWhen", () => {
  const now = new Date("2026-11-24T10:00:00Z"); // Tue
  it("\"tomorrow after 5\" is [17:00, 24:00) local tomorrow", () => {
    const w = parseWhen("tomorrow after 5", london, now)!;
    expect(w.from.toISOString()).toBe("2026-11-25T17:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-11-26T00:00:00.000Z");
  });
  it("an exact time gives `exact`", () => {
    expect(parseWhen("tomorrow at 3pm", ny, now)!.exact!.toISOString()).toBe("2026-11-25T20:00:00.000Z");
  });
  it("nothing time-like → null", () => {
    expect(parseWhen("whenever works", london, now)).toBeNull();
  });
});

describe("parseStart", () => {
  const now = new Date("2026-03-28T12:00:00Z");
  it("takes an ISO instant with offset as is, a local \"YYYY-MM-DD HH:MM\" in the tenant's zone (DST-correct)", () => {
    expect(parseStart("2026-03-29T09:00:00+01:00", london, now)!.toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(parseStart("2026-03-29 09:00", london, now)!.toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(parseStart("2026-03-28 09:00", london, now)!.toISOString()).toBe("2026-03-28T09:00:00.000Z");
    expect(parseStart("2026-13-01 09:00", london, now)).toBeNull();
    expect(parseStart("sometime", london, now)).toBeNull();
  });
  it("round-trips with isoInZone and labels in the tenant's zone", () => {
    const d = new Date("2026-03-29T08:00:00Z");
    expect(isoInZone(d, "Europe/London")).toBe("2026-03-29T09:00:00+01:00");
    expect(parseStart(isoInZone(d, "America/New_York"), ny, now)!.getTime()).toBe(d.getTime());
    expect(labelOf(d, london)).toMatch(/Sun 29 Mar.*09:00/);
  });
});

describe("matchService", () => {
  const now = new Date();
  it("exact names and aliases, fuzzy words, unknowns and ties", () => {
    expect(matchService("colour", services, london, now)).toEqual({ match: services[2] });
    expect(matchService("a facial please", services, london, now)).toEqual({ match: services[3] });
    expect(matchService("mens cut", services, london, now)).toEqual({ match: services[1] });
    expect(matchService("tattoo", services, london, now)).toBeNull();
  });
});
