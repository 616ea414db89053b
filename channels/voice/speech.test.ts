import { describe, expect, it } from "vitest";
import { forTheEar, sayPrices, sayTimes, sentencesOf, stripMarkup } from "./speech.js";

describe("writing for the ear", () => {
  it("reads prices as words a listener follows", () => {
    expect(sayPrices("A cut costs £45 and a blow-dry $12.50; a facial is ₹5,500.")).toBe(
      "A cut costs 45 pounds and a blow-dry 12 dollars 50; a facial is 5,500 rupees.",
    );
    expect(sayPrices("Only £1.")).toBe("Only 1 pound.");
  });

  it("reads times and ranges", () => {
    expect(sayTimes("Open Tuesday-Saturday 9am-7pm, late night 9:30pm.")).toBe("Open Tuesday to Saturday 9 AM to 7 PM, late night 9:30 PM.");
    expect(sayTimes("from 10 a.m. to 6 p.m.")).toBe("from 10 AM to 6 PM.");
    expect(sayTimes("Come at 10 a.m. Bring a towel.")).toBe("Come at 10 AM. Bring a towel.");
  });

  it("removes markdown, bullets and emoji", () => {
    expect(stripMarkup("**Prices** 💇\n- Cut: £25\n- Colour _from_ £60\n# Hours")).toBe("Prices Cut: £25. Colour from £60. Hours");
  });

  it("never reads a link or e-mail aloud: it offers to text it", () => {
    const s = forTheEar("You can pay here: https://pay.example.com/l/abc123. Questions? Mail hello@glow.example.");
    expect(s.text).not.toMatch(/https?:|www\.|@|example/);
    expect(s.text).toMatch(/I'll text you the link after this call\.$/);
    expect(s.offers).toEqual(["https://pay.example.com/l/abc123", "hello@glow.example"]);
  });

  it("says an address but also offers it by text", () => {
    const s = forTheEar("Find us at 12 Harbour Street, Bristol BS1 4QA, next to the ferry landing.");
    expect(s.text).toContain("12 Harbour Street");
    expect(s.offers).toEqual(["12 Harbour Street, Bristol BS1 4QA"]);
    expect(s.text).toMatch(/text you the address/);
  });

  it("keeps it short: at most three sentences", () => {
    const s = forTheEar("One. Two. Three. Four. Five.");
    expect(s.text).toBe("One. Two. Three.");
    expect(sentencesOf(s.text)).toHaveLength(3);
  });

  it("a grounded opening-hours answer reads naturally", () => {
    const s = forTheEar("We are open Tuesday to Saturday from 9am to 7pm. We are closed on Sundays and Mondays.");
    expect(s).toEqual({ text: "We are open Tuesday to Saturday from 9 AM to 7 PM. We are closed on Sundays and Mondays.", offers: [] });
  });
});
