// Money in integer minor units and percentages: symbols, codes, words, thousands
// separators, "k", spelled-out amounts; and numbers that are not money.
import { describe, expect, it } from "vitest";
import { GLOW_CTX } from "./fixtures.js";
import { extractMoney, extractPercents } from "./money.js";

describe("extractMoney", () => {
  it.each([
    ["£32", 3200, "GBP", "£32"],
    ["Rs 1,200", 120000, "INR", "Rs 1,200"],
    ["₹1200", 120000, "INR", "₹1200"],
    ["20 dollars", 2000, "USD", "20 dollars"],
    ["€15.50", 1550, "EUR", "€15.50"],
    ["it was 1.5k quid", 150000, "GBP", "1.5k quid"],
    ["me cobraron 60€ por una consulta", 6000, "EUR", "60€"],
    ["lunch deal £9.95 mon-fri", 995, "GBP", "£9.95"],
    ["I paid thirty two pound for that", 3200, "GBP", "thirty two pound"],
    ["1,200 rupees", 120000, "INR", "1,200 rupees"],
    ["set the budget to £40.", 4000, "GBP", "£40"],
    ["$40", 4000, "USD", "$40"],
    ["€0.10 fee", 10, "EUR", "€0.10"],
  ])("%s", (text, minor, currency, span) => {
    const [m, ...rest] = extractMoney(text, GLOW_CTX);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({ minor, currency, currencyAssumed: false, span: { text: span } });
    expect(Number.isInteger(m!.minor)).toBe(true);
  });

  it("a bare '1.5k' is the tenant's currency, flagged as assumed and less sure", () => {
    const [m] = extractMoney("budget is 1.5k", GLOW_CTX);
    expect(m).toMatchObject({ minor: 150000, currency: "GBP", currencyAssumed: true });
    expect(m!.confidence).toBeLessThan(0.7);
  });

  it("'$' is the tenant's dollar in Canada", () => {
    expect(extractMoney("$60", { ...GLOW_CTX, currency: "CAD" })[0]).toMatchObject({ minor: 6000, currency: "CAD" });
  });

  it("finds several amounts", () => {
    expect(extractMoney("men's cut is now £30, skin fade £34", GLOW_CTX).map((m) => m.minor)).toEqual([3000, 3400]);
  });

  it.each(["table for 6 at 8", "I'm 7", "call 07700 900123", "20% off", "the 3rd", "grade 10 maths", "5k run"])("no money in %s", (text) => {
    expect(extractMoney(text, GLOW_CTX).filter((m) => !m.currencyAssumed)).toEqual([]);
  });
});

describe("extractPercents", () => {
  it.each([["20% off", 2000], ["12.5 percent", 1250], ["10 per cent discount", 1000]])("%s", (text, bp) => {
    expect(extractPercents(text)[0]?.basisPoints).toBe(bp);
  });
  it("none in plain numbers", () => {
    expect(extractPercents("£20 off")).toEqual([]);
  });
});
