import { describe, expect, it } from "vitest";
import { assertChargeable, currencyDigits, decimalToMinor, formatMinor, minorToDecimal, normalizeCurrency } from "./money.js";

describe("money in minor units", () => {
  it.each([["USD", 2], ["INR", 2], ["JPY", 0], ["KWD", 3], ["BHD", 3]])("%s has %i minor digits", (c, d) => {
    expect(currencyDigits(c)).toBe(d);
  });

  it.each([
    [4500, "GBP", "45.00"], [5, "USD", "0.05"], [5000, "JPY", "5000"], [1250, "KWD", "1.250"], [9007199254740991, "USD", "90071992547409.91"],
  ])("%i %s is %s", (minor, c, text) => {
    expect(minorToDecimal(minor, c)).toBe(text);
  });

  it("formats without float drift, in the locale", () => {
    expect(formatMinor(4500, "GBP", "en-GB")).toBe("£45.00");
    expect(formatMinor(5000, "JPY", "en")).toBe("¥5,000");
    expect(formatMinor(1999, "INR", "en-IN")).toBe("₹19.99");
    expect(formatMinor(9007199254740991, "USD", "en")).toBe("$90,071,992,547,409.91");
  });

  it("reads typed amounts exactly and refuses extra decimals rather than rounding", () => {
    expect(decimalToMinor("12.5", "USD")).toBe(1250);
    expect(decimalToMinor("0.29", "USD")).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(decimalToMinor("5000", "JPY")).toBe(5000);
    expect(() => decimalToMinor("5000.5", "JPY")).toThrow(/0 decimal places/);
    expect(decimalToMinor("1.25", "KWD")).toBe(1250);
  });

  it("three-decimal currencies must end in 0 for the providers; bad codes are named", () => {
    expect(() => assertChargeable(1255, "KWD")).toThrow(/end in 0/);
    expect(() => assertChargeable(1250, "KWD")).not.toThrow();
    expect(() => assertChargeable(0, "USD")).toThrow(/positive/);
    expect(() => assertChargeable(1.5, "USD")).toThrow(/whole number/);
    expect(normalizeCurrency(" inr ")).toBe("INR");
    expect(() => normalizeCurrency("XYZ1")).toThrow(/currency code/);
  });
});
