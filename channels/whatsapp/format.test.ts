import { describe, expect, it } from "vitest";
import { formatWhatsAppText, markdownToWhatsApp, truncateText, WHATSAPP_TEXT_LIMIT } from "./format.js";

describe("markdownToWhatsApp", () => {
  it.each([
    ["**bold** text", "*bold* text"],
    ["__bold__ text", "*bold* text"],
    ["an *italic* word", "an _italic_ word"],
    ["**bold** and *italic*", "*bold* and _italic_"],
    ["~~gone~~", "~gone~"],
    ["_already italic_", "_already italic_"],
    ["# Diwali offer", "*Diwali offer*"],
    ["### **Prices**", "*Prices*"],
    ["## Hours ##\nMon closed", "*Hours*\nMon closed"],
    ["See [our menu](https://glow.example/menu).", "See our menu: https://glow.example/menu."],
    ["[https://glow.example](https://glow.example)", "https://glow.example"],
    ["![logo](https://glow.example/logo.png)", "logo: https://glow.example/logo.png"],
    ["<https://glow.example/pay>", "https://glow.example/pay"],
    ["* cut\n+ colour\n- spa", "- cut\n- colour\n- spa"],
    ["2 * 3 * 4 = 24", "2 * 3 * 4 = 24"],
    ["a\n\n\n\nb", "a\n\nb"],
    ["Line one\r\nLine two", "Line one\nLine two"],
    ["above\n***\nbelow", "above\n———\nbelow"],
  ])("%j → %j", (input, expected) => {
    expect(markdownToWhatsApp(input)).toBe(expected);
  });

  it("leaves code spans and blocks untouched (WhatsApp renders ``` as monospace)", () => {
    expect(markdownToWhatsApp("Run `**not bold**` now")).toBe("Run `**not bold**` now");
    expect(markdownToWhatsApp("```ts\nconst a = 2 * 3 * 4;\n**x**\n```")).toBe("```const a = 2 * 3 * 4;\n**x**```");
  });
});

describe("truncateText", () => {
  it("returns text within the limit unchanged", () => {
    expect(truncateText("short", 10)).toBe("short");
    const exact = "x".repeat(WHATSAPP_TEXT_LIMIT);
    expect(truncateText(exact)).toBe(exact);
  });

  it("cuts at the last sentence end within the budget", () => {
    const text = "First sentence here. Second sentence is here. Third one runs far too long to fit in.";
    const out = truncateText(text, 60);
    expect(out).toBe("First sentence here. Second sentence is here. …");
    expect(out.length).toBeLessThanOrEqual(60);
  });

  it("falls back to a word boundary when no sentence ends late enough", () => {
    const text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
    const out = truncateText(text, 30);
    expect(out).toBe("alpha beta gamma delta…");
    expect(out.length).toBeLessThanOrEqual(30);
  });

  it("hard-cuts one long word and never splits a surrogate pair", () => {
    expect(truncateText("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
    const emoji = "😀".repeat(10); // 20 UTF-16 units
    const out = truncateText(emoji, 8);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out).toBe("😀😀😀…");
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("caps long LLM output at 4096 characters", () => {
    const paragraph = "We are open from 10 to 8 every day except Monday. ";
    const out = formatWhatsAppText(`# Hours\n${paragraph.repeat(200)}`);
    expect(out.length).toBeLessThanOrEqual(WHATSAPP_TEXT_LIMIT);
    expect(out.length).toBeGreaterThan(WHATSAPP_TEXT_LIMIT - 100);
    expect(out.startsWith("*Hours*\nWe are open")).toBe(true);
    expect(out.endsWith("Monday. …")).toBe(true);
  });
});
