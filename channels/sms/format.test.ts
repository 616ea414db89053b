// SMS text: encodings and segments at the boundaries, markdown → plain, trimming to the
// segment budget, typographic characters kept GSM-7, buttons as a numbered line.
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_SEGMENTS, formatSms, renderButtons, SMS_MAX_TEXT_LENGTH, smsSegments } from "./format.js";
import { markdownToPlain, toGsmFriendly } from "./markdown.js";

describe("smsSegments", () => {
  it.each([
    ["empty", "", "GSM-7", 0, 0],
    ["160 GSM-7 characters: one part", "a".repeat(160), "GSM-7", 160, 1],
    ["161 GSM-7 characters: two parts", "a".repeat(161), "GSM-7", 161, 2],
    ["306 = 2 × 153", "a".repeat(306), "GSM-7", 306, 2],
    ["307: three parts", "a".repeat(307), "GSM-7", 307, 3],
    ["GSM-7 accents of the basic set stay 1 septet", "éèùìòÅåÄÖÑÜäöñüàØøÆæßÉ£¥§¿¡", "GSM-7", 27, 1],
    ["Greek capitals of the basic set", "ΔΦΓΛΩΠΨΣΘΞ", "GSM-7", 10, 1],
    ["80 euro signs = 160 septets: one part", "€".repeat(80), "GSM-7", 160, 1],
    ["81 euro signs = 162 septets: two parts", "€".repeat(81), "GSM-7", 162, 2],
    ["every extension character costs 2", "^{}\\[~]|€\f", "GSM-7", 20, 1],
    ["70 UCS-2 units: one part", "й".repeat(70), "UCS-2", 70, 1],
    ["71 UCS-2 units: two parts", "й".repeat(71), "UCS-2", 71, 2],
    ["134 = 2 × 67", "й".repeat(134), "UCS-2", 134, 2],
    ["135: three parts", "й".repeat(135), "UCS-2", 135, 3],
    ["one emoji flips a GSM text to UCS-2", `${"a".repeat(68)}😀`, "UCS-2", 70, 1],
    ["35 emoji = 70 units (surrogate pairs)", "😀".repeat(35), "UCS-2", 70, 1],
    ["36 emoji = 72 units", "😀".repeat(36), "UCS-2", 72, 2],
    ["Hindi (Devanagari) is UCS-2", "नमस्ते, आपका स्वागत है", "UCS-2", 22, 1],
  ] as const)("%s", (_name, text, encoding, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, units, segments });
  });

  it("never splits an escape pair or a surrogate pair across parts", () => {
    // 152 septets then € (2): the pair cannot straddle parts 1 and 2 of 153
    expect(smsSegments(`${"a".repeat(152)}€${"a".repeat(153)}`).segments).toBe(3);
    expect(smsSegments(`${"a".repeat(153)}${"a".repeat(153)}`).segments).toBe(2);
    // 66 units then an emoji (2): the pair moves to part 2
    expect(smsSegments(`${"й".repeat(66)}😀${"й".repeat(66)}`).segments).toBe(3);
  });
});

describe("markdownToPlain", () => {
  it("drops emphasis, headings, bullets and quotes; links become 'text url'", () => {
    const md = "## Prices\n\n**Cut**: £45, _blow-dry_ *included*, ~~£50~~ `now`\n\n* Monday: closed\n- Tue: 9-7\n+ Wed\n> Book early\n\n---\nBook [here](https://book.example/a) or <https://b.example/x>";
    expect(markdownToPlain(md)).toBe(
      "Prices\n\nCut: £45, blow-dry included, £50 now\n\nMonday: closed\nTue: 9-7\nWed\nBook early\n\nBook here https://book.example/a or https://b.example/x",
    );
  });

  it("keeps URLs byte for byte, underscores and stars included", () => {
    expect(markdownToPlain("See https://x.example/__init__/a_b_c?q=*x* and [https://y.example](https://y.example)")).toBe(
      "See https://x.example/__init__/a_b_c?q=*x* and https://y.example",
    );
  });

  it("keeps code, drops the fences; keeps snake_case words and numbered lists", () => {
    expect(markdownToPlain("```\nBOOK 5PM\n```\nuse snake_case_name\n1. first\n2. second")).toBe("BOOK 5PM\nuse snake_case_name\n1. first\n2. second");
  });
});

describe("toGsmFriendly", () => {
  it("replaces curly quotes, dashes, ellipsis and odd spaces with GSM-7 equivalents", () => {
    const text = "We’re open 9–5 — “walk-ins” welcome…\u00a0see you";
    expect(smsSegments(text).encoding).toBe("UCS-2");
    const friendly = toGsmFriendly(text);
    expect(friendly).toBe("We're open 9-5 - \"walk-ins\" welcome... see you");
    expect(smsSegments(friendly).encoding).toBe("GSM-7");
  });
});

describe("formatSms", () => {
  const sentences = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} is here.`).join(" ");

  it("leaves a short plain message as it is and defaults to 4 segments", () => {
    expect(formatSms("See you at 5pm!")).toBe("See you at 5pm!");
    expect(DEFAULT_MAX_SEGMENTS).toBe(4);
    expect(SMS_MAX_TEXT_LENGTH).toBe(612);
  });

  it("a typographic quote does not turn a one-part GSM message into a UCS-2 one", () => {
    const text = `It’s ${"a".repeat(150)}`; // 155 characters
    expect(smsSegments(text)).toMatchObject({ encoding: "UCS-2", segments: 3 });
    expect(smsSegments(formatSms(text))).toEqual({ encoding: "GSM-7", units: 155, segments: 1 });
  });

  it("trims at a sentence end to fit the budget", () => {
    const out = formatSms(sentences);
    const seg = smsSegments(out);
    expect(seg.segments).toBe(4);
    expect(seg.units).toBeGreaterThan(4 * 153 * 0.8);
    expect(out.endsWith("is here.")).toBe(true);
    expect(sentences.startsWith(out)).toBe(true);
  });

  it("trims at a word break with '...' when there is no sentence end", () => {
    const out = formatSms("word ".repeat(200), { maxSegments: 2 });
    expect(out.endsWith("word...")).toBe(true);
    expect(smsSegments(out)).toMatchObject({ encoding: "GSM-7", segments: 2 });
    expect(smsSegments(out).units).toBeGreaterThan(290);
  });

  it("trims UCS-2 text (Hindi) by UCS-2 parts", () => {
    const out = formatSms("नमस्ते दोस्त ".repeat(60), { maxSegments: 2 });
    expect(smsSegments(out)).toMatchObject({ encoding: "UCS-2", segments: 2 });
    expect(out.endsWith("...")).toBe(true);
  });

  it("cuts hard inside one endless word, never leaving half a surrogate pair", () => {
    const out = formatSms("😀".repeat(200), { maxSegments: 1 });
    expect(smsSegments(out).segments).toBe(1);
    expect(out).toBe(`${"😀".repeat(33)}...`);
  });

  it("keeps the buttons line whole and trims the text before it", () => {
    const footer = renderButtons([{ id: "y", title: "Yes" }, { id: "n", title: "No" }]);
    expect(footer).toBe("Reply 1 for Yes, 2 for No");
    const out = formatSms(sentences, { maxSegments: 1, footer });
    expect(out.endsWith("\n\nReply 1 for Yes, 2 for No")).toBe(true);
    expect(out.startsWith("Sentence number 0 is here.")).toBe(true);
    expect(smsSegments(out).segments).toBe(1);
  });

  it("renders no line for no buttons and squashes whitespace in titles", () => {
    expect(renderButtons(undefined)).toBe("");
    expect(renderButtons([])).toBe("");
    expect(renderButtons([{ title: " 5:30\npm " }, { title: "6 pm" }, { title: "Later" }])).toBe("Reply 1 for 5:30 pm, 2 for 6 pm, 3 for Later");
  });
});
