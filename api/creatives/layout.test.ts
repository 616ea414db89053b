import { describe, expect, it } from "vitest";
import { cleanText, fitText, wrap } from "./layout.js";

// a monospace stand-in: every character is half the size wide
const measure = (text: string, size: number) => [...text].length * size * 0.5;
const box = { maxWidth: 400, maxHeight: 300, maxSize: 100, minSize: 20, lineHeight: 1.2 };

describe("fitting text", () => {
  it("keeps a short offer at the largest size on one line", () => {
    expect(fitText("20% off", measure, box)).toMatchObject({ size: 100, lines: ["20% off"], truncated: false });
  });

  it("wraps and shrinks a long offer until every line fits the width and the block fits the height", () => {
    const text = "Get 20% off every facial, massage and manicure booked this Friday or Saturday";
    const fit = fitText(text, measure, box);
    expect(fit.size).toBeLessThan(100);
    expect(fit.truncated).toBe(false);
    for (const line of fit.lines) expect(measure(line, fit.size)).toBeLessThanOrEqual(box.maxWidth);
    expect(fit.lines.length * fit.lineAdvance).toBeLessThanOrEqual(box.maxHeight);
    expect(fit.lines.join(" ")).toBe(text); // nothing lost, order kept
  });

  it("breaks a word wider than the box between grapheme clusters", () => {
    const lines = wrap("Supercalifragilisticexpialidocious", 40, 200, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, 40)).toBeLessThanOrEqual(200);
    expect(lines.join("")).toBe("Supercalifragilisticexpialidocious");
    // a Devanagari conjunct with its vowel sign is never split from its base
    const hindi = wrap("शुक्रवार".repeat(6), 40, 100, measure);
    expect(hindi.join("")).toBe("शुक्रवार".repeat(6));
    for (const l of hindi) expect(l.startsWith("\u094d") || l.startsWith("\u0941")).toBe(false);
  });

  it("cuts text that cannot fit even at the smallest size, ending in an ellipsis within the box", () => {
    const fit = fitText("word ".repeat(500), measure, box);
    expect(fit).toMatchObject({ size: 20, truncated: true });
    expect(fit.lines.length * fit.lineAdvance).toBeLessThanOrEqual(box.maxHeight);
    expect(fit.lines.at(-1)!.endsWith("…")).toBe(true);
    for (const line of fit.lines) expect(measure(line, 20)).toBeLessThanOrEqual(box.maxWidth);
  });

  it("respects maxLines and collapses whitespace", () => {
    expect(cleanText("  a\n\tb  c ")).toBe("a b c");
    const fit = fitText("one two three four five six seven", measure, { ...box, maxLines: 1, minSize: 30 });
    expect(fit.lines).toHaveLength(1);
  });
});
