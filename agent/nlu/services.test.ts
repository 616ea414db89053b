// Fuzzy service matching against the demo salon's services: exact names, typos, phonetic
// spellings, abbreviations, aliases; and messages that name no service.
import { describe, expect, it } from "vitest";
import { GLOW_CTX } from "./fixtures.js";
import { extractServices, phoneticKey, wordSimilarity } from "./services.js";

const names = (text: string) => extractServices(text, GLOW_CTX).map((s) => s.service);

describe("extractServices", () => {
  it.each([
    ["Balayage price?", "Balayage"],
    ["how much for balayge", "Balayage"],
    ["can I get highlites", "Colour and highlights"],
    ["mani pedi on saturday", "Manicure and pedicure"],
    ["how much is a mens cut", "Men's cut"],
    ["do u do silk press", "Silk press"],
    ["Do you need a patch test before a brow tint?", "Brow shape and tint"],
    ["how much is a kids haircut? hes 7", "Kids' haircut"],
    ["can I get a blow dry tomorrow", "Blow-dry and styling"],
    ["how much for a full leg wax", "Full leg wax"],
    ["lash lfit how long does it last", "Lash lift"],
    ["can I get my eyebrows waxed", "Eyebrow wax"],
    ["Bridal hair and makeup package cost?", "Bride hair and make-up"],
    ["skin faed", "Skin fade"],
    ["is it safe to get my hair coloured", "Colour and highlights"],
  ])("%s → %s", (text, service) => {
    const found = extractServices(text, GLOW_CTX);
    expect(found.map((s) => s.service)).toContain(service);
    const s = found.find((f) => f.service === service)!;
    expect(s.score).toBeGreaterThanOrEqual(0.8);
    expect(text.slice(s.span.start, s.span.end)).toBe(s.span.text);
  });

  it("exact names score 1, typos less", () => {
    expect(extractServices("balayage", GLOW_CTX)[0]!.score).toBe(1);
    expect(extractServices("balayge", GLOW_CTX)[0]!.score).toBeLessThan(1);
  });

  it("finds two services in one message", () => {
    expect(names("a gel mani and a lash lift")).toEqual(["Gel manicure", "Lash lift"]);
  });

  it.each(["is there parking nearby?", "whats the phone number", "my face is dry", "hello", "can I bring my dog", "i'm running late", "what time do you close on friday"])(
    "nothing in %s", (text) => {
      expect(names(text)).toEqual([]);
    });

  it("no services in the context → nothing", () => {
    expect(extractServices("balayage", { ...GLOW_CTX, services: [] })).toEqual([]);
  });
});

describe("similarity", () => {
  it("phonetic keys fold common misspellings", () => {
    expect(phoneticKey("highlites")).toBe(phoneticKey("highlights"));
    expect(phoneticKey("colour")).toBe(phoneticKey("color"));
  });
  it("prefixes count as abbreviations, first letters must agree", () => {
    expect(wordSimilarity("mani", "manicure")).toBeGreaterThanOrEqual(0.8);
    expect(wordSimilarity("made", "fade")).toBe(0);
  });
});
