import { describe, expect, it } from "vitest";
import { brandFromSettings, brandSchema, contrastRatio, DEFAULT_BRAND, textColourOn } from "./brand.js";

describe("brand settings", () => {
  it("reads Tenant.settings.brand, normalizing colours", () => {
    expect(brandFromSettings({ brand: { primary: "#ABC", secondary: "#112233", logoUrl: "https://cdn.example.com/logo.png" } })).toEqual({
      primary: "#aabbcc", secondary: "#112233", logoUrl: "https://cdn.example.com/logo.png",
    });
  });

  it("falls back to defaults field by field when missing or invalid, never throwing", () => {
    expect(brandFromSettings({})).toEqual(DEFAULT_BRAND);
    expect(brandFromSettings(null)).toEqual(DEFAULT_BRAND);
    expect(brandFromSettings({ brand: "purple" })).toEqual(DEFAULT_BRAND);
    expect(brandFromSettings({ brand: { primary: "purple", secondary: "#000000", logoUrl: "http://insecure.example.com/x.png" } })).toEqual({
      primary: DEFAULT_BRAND.primary, secondary: "#000000",
    });
  });

  it("validates strictly where an owner sets it", () => {
    expect(brandSchema.safeParse({ primary: "red" }).success).toBe(false);
    expect(brandSchema.safeParse({ logoUrl: "ftp://x/y.png" }).success).toBe(false);
    expect(brandSchema.parse({ primary: "#FFF" })).toEqual({ primary: "#ffffff" });
  });

  it("picks the readable text colour for a background", () => {
    expect(textColourOn("#1e3a8a")).toBe("#ffffff");
    expect(textColourOn("#fde68a")).toBe("#111827");
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
  });
});
