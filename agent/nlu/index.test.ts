// understandEntities(): everything from one message, spans that point into it, and the
// `unsure` flag the router escalates on.
import { describe, expect, it } from "vitest";
import { GLOW_CTX } from "./fixtures.js";
import { understandEntities } from "./index.js";

describe("understandEntities", () => {
  it("pulls a service, a day-and-window and nothing else from a booking request", () => {
    const text = "can I get a blow dry tomorrow after 5pm";
    const u = understandEntities(text, GLOW_CTX);
    expect(u.services.map((s) => s.service)).toEqual(["Blow-dry and styling"]);
    expect(u.datetimes).toHaveLength(1);
    expect(u.datetimes[0]).toMatchObject({ localDate: "2025-06-12", hasDate: true, hasTime: true, ambiguous: false });
    expect(u.money).toEqual([]);
    expect(u.yesno).toBeUndefined();
    expect(u.unsure).toBe(false);
    for (const e of u.entities) expect(text.slice(e.span.start, e.span.end)).toBe(e.span.text);
  });

  it("is unsure when the time could be am or pm", () => {
    expect(understandEntities("tomorrow at 5 for balayage", GLOW_CTX).unsure).toBe(true);
  });

  it("is unsure on a hedged answer", () => {
    const u = understandEntities("hmm not sure, maybe", GLOW_CTX);
    expect(u.yesno?.value).toBe("unsure");
    expect(u.unsure).toBe(true);
  });

  it("money is not read as a clock time", () => {
    const u = understandEntities("lunch deal £9.95 mon-fri", GLOW_CTX);
    expect(u.money[0]).toMatchObject({ minor: 995, currency: "GBP" });
    expect(u.datetimes.every((d) => !d.span.text.includes("9.95"))).toBe(true);
  });

  it("percent and choice", () => {
    const u = understandEntities("the second one please, with the 20% off", GLOW_CTX);
    expect(u.choice?.index).toBe(2);
    expect(u.percents[0]?.basisPoints).toBe(2000);
  });

  it("a plain question yields nothing", () => {
    expect(understandEntities("is there parking nearby?", GLOW_CTX).entities).toEqual([]);
  });

  it("uses chat spellings and keeps the span on what was written", () => {
    const u = understandEntities("can i book mens cut thurs 6pm", GLOW_CTX);
    expect(u.datetimes[0]).toMatchObject({ localDate: "2025-06-12", localTime: "18:00", span: { text: "thurs 6pm" } });
  });
});
