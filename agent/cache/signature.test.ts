// The question signature: normalisation, and each thing that makes two questions different.
import { describe, expect, it } from "vitest";
import { GLOW_CTX } from "../nlu/fixtures.js";
import { contentStems, normaliseQuestion, questionSignature } from "./signature.js";

const sig = (q: string) => questionSignature(q, GLOW_CTX);
const same = (a: string, b: string) => sig(a).key === sig(b).key;

describe("normaliseQuestion", () => {
  it.each([
    ["  How MUCH is a Haircut?? 💇‍♀️ ", "how much is a haircut"],
    ["What's your address?!", "whats your address"],
    ["Is it £2.50 or £25,00?", "is it £2.50 or £25,00"],
    ["open 9:30-17:00 on 20/06?", "open 9:30-17:00 on 20/06"],
    ["blow-dry… pls 🙏🏽", "blow dry pls"],
    ["Café crème", "cafe creme"],
    ["20% off?", "20% off"],
  ])("%s → %s", (text, out) => {
    expect(normaliseQuestion(text)).toBe(out);
  });
});

describe("contentStems", () => {
  it("drops framing, keeps negation and numbers, folds a few synonyms", () => {
    expect(contentStems("what is the price of it please")).toEqual(["$price"]);
    expect(contentStems("do you not do gel nails")).toEqual(["!not", "gel", "nail"]);
    expect(contentStems("can i book for two people")).toEqual(["2", "book", "peopl"]);
    expect(contentStems("do you take card")).toEqual(contentStems("can i pay by card"));
    expect(contentStems("what time do you shut")).toEqual(["close"]);
  });
});

describe("questionSignature", () => {
  it("the same question in other words shares a signature", () => {
    expect(same("How much is a haircut?", "what's the price of a haircut")).toBe(true);
    expect(same("how much is a men's cut", "How much do you charge for a gents cut?")).toBe(true); // the tenant's alias
    expect(same("Are you open on Sunday?", "are you open sundays")).toBe(true);
    expect(same("Can I book for 2 people?", "can I book for two people")).toBe(true);
  });

  it.each([
    ["How much is a haircut?", "How much is a facial?", "service"],
    ["Are you open on Sunday?", "Are you open on Monday?", "day"],
    ["Are you open on Saturday?", "Are you open this weekend?", "a day vs a weekend"],
    ["Are you open at 9am?", "Are you open at 10am?", "time"],
    ["Is a haircut £25?", "Is a haircut £35?", "money"],
    ["Is a haircut $25?", "Is a haircut £25?", "currency"],
    ["Is there 10% off?", "Is there 20% off?", "percent"],
    ["Can I book for 2 people?", "Can I book for 3 people?", "bare number"],
    ["Do you do gel nails?", "Do you do acrylic nails?", "content word"],
    ["Do you do gel nails?", "Do you not do gel nails?", "negation"],
    ["Do you do gel nails?", "Don't you do gel nails?", "negation (contracted)"],
    ["Is there parking?", "How much is parking?", "price is content"],
    ["How much is a haircut?", "Who does the haircuts?", "who"],
  ])("%s ≠ %s (%s)", (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it("entities are canonical: service names, local dates and times, minor units", () => {
    const s = sig("is a women's cut £45 on Saturday at 5pm?");
    expect(s.entities).toEqual(["d:2025-06-14@17:00-", "m:4500GBP", "s:Women's haircuts"]);
    expect(sig("Are you open on Sunday?").entities).toEqual(["d:2025-06-15..2025-06-16@*"]);
  });

  it("only self-contained questions are cacheable", () => {
    for (const q of ["How much is it?", "and on Sunday?", "what about that one", "is this available", "ok", "👍", "x".repeat(301) + " haircut"]) {
      expect(sig(q).selfContained, q).toBe(false);
    }
    for (const q of ["How much is a haircut?", "Are you open this weekend?", "Is there parking?"]) {
      expect(sig(q).selfContained, q).toBe(true);
    }
  });
});
