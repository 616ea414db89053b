import { describe, expect, it } from "vitest";
import { defaultIntentClassifier } from "../intent/classifier.js";
import { routeTier } from "../route.js";
import { asksIn, ownerFeatures, turnFeatures } from "./features.js";
import { riskOf } from "./risk.js";

// Sentences written for this test (not from the replay set).
describe("riskOf", () => {
  it.each([
    ["can I get a massage at 30 weeks pregnant?", ["health"]],
    ["my son is allergic to sesame, is the bread safe", ["health"]],
    ["my scalp has been itching and swollen since the treatment", ["health"]],
    ["¿puedo teñirme si estoy embarazada?", ["health"]],
    ["ich bin schwanger, geht eine massage?", ["health"]],
    ["you took the money twice from my card, I want my refund", ["money"]],
    ["me cobraron dos veces", ["money"]],
    ["this is the worst service ever 😡", ["complaint"]],
    ["my solicitor will be in touch", ["legal"]],
    ["send me all my data under gdpr", ["legal"]],
    ["we're a group of 12 for a birthday, can you do a set menu", ["deal"]],
    ["what's the best price you can do for the whole team", ["deal"]],
    ["please don't charge me the late fee, my car broke down", ["money"]],
  ] as const)("%s → %j", (text, kinds) => {
    expect(riskOf(text)).toEqual(kinds);
  });
  it.each([
    "what time do you open on saturday?", "how much is a gel manicure", "can I book a painting class", "¿cuánto cuesta una limpieza?",
    "what is your refund policy", "do you have parking", "thanks!!!", "hi there",
  ])("no risk: %s", (text) => {
    expect(riskOf(text)).toEqual([]);
  });
});

describe("asksIn", () => {
  it.each([
    ["what time do you open?", 1],
    ["hi", 1],
    ["what time do you open? and do you take cards?", 2],
    ["can I book a cut on friday and do you have parking", 2],
    ["I'd like a facial, how much is it, and can I pay by card", 3],
    ["forget the old prices, remember the new ones and tell everyone", 3],
    ["kitna hoga aur kab free ho", 2],
  ] as const)("%s → %d", (text, n) => {
    expect(asksIn(text)).toBe(n);
  });
});

describe("ownerFeatures", () => {
  it("a teach command with its slot is local", () => {
    expect(ownerFeatures("remember that we close at 6 on sundays")).toMatchObject({ intent: "teach", local: true, openEnded: false });
  });
  it("list contacts is local", () => {
    expect(ownerFeatures("list my customers")).toMatchObject({ intent: "list_contacts", local: true });
  });
  it("campaign planning is open-ended", () => {
    expect(ownerFeatures("plan a campaign for the summer to get more customers")).toMatchObject({ local: false, openEnded: true });
  });
  it("a bookings question is a lookup", () => {
    expect(ownerFeatures("what's booked for tomorrow")).toMatchObject({ lookup: true, openEnded: false });
  });
  it("a list command with an analysis attached is neither local nor a plain lookup", () => {
    expect(ownerFeatures("list all customers and tell me which to win back")).toMatchObject({ local: false, openEnded: true });
    expect(ownerFeatures("show me our clients and which ones we should re-engage")).toMatchObject({ local: false });
  });
  it("a fact to remember with a code or number in it is a teach command", () => {
    expect(ownerFeatures("please remember the guest wifi code is 4455")).toMatchObject({ intent: "teach", local: true });
    expect(ownerFeatures("remember the back gate code is 2020")).toMatchObject({ intent: "teach", local: true });
  });
  it("given content or a summary is light composition, not open-ended", () => {
    expect(ownerFeatures('send everyone a text saying "closed on friday for a staff day"')).toMatchObject({ openEnded: false });
    expect(ownerFeatures("give me a summary of this week's bookings")).toMatchObject({ openEnded: false });
    expect(ownerFeatures("give me a summary of this week and ideas to grow")).toMatchObject({ openEnded: true });
  });
  it("pausing a campaign is a lookup-like command, not planning", () => {
    expect(ownerFeatures("pause the autumn campaign")).toMatchObject({ lookup: true, openEnded: false });
  });
});

describe("turnFeatures → routeTier (as agent/graph.ts calls them)", () => {
  const classifier = defaultIntentClassifier();
  const both = new Set(["fast", "smart"] as const);
  const tier = (text: string, role: "lead" | "owner") => routeTier({ ...turnFeatures(text, role, classifier, { ownerIntent: true }), available: both }).tier;
  it.each([
    ["lead", "is it safe to have a pedicure while pregnant", "smart"],
    ["lead", "hello", "local"],
    ["owner", "remember that we close at 6 on sundays", "local"],
    ["owner", "write three instagram captions for our new menu", "smart"],
    ["owner", "what's booked for tomorrow", "local"],
    ["owner", "kal ke bookings dikhao", "fast"],
    ["owner", "please remember the guest wifi code is 4455", "local"],
    ["owner", "list all customers and tell me which to win back", "smart"],
    ["lead", "how much is a gel manicure?", "local"],
    ["lead", "¿cuánto cuesta un corte de pelo para hombre?", "fast"],
    ["lead", "haircut ke liye kitna time lagega", "fast"],
    ["lead", "can we book a table for 25 people on saturday", "smart"],
    ["lead", "which one would you recommend for thin hair, the keratin or the gloss treatment", "fast"],
  ] as const)("%s: %s → %s", (role, text, expected) => {
    expect(tier(text, role)).toBe(expected);
  });
  it("leads carry no owner features", () => {
    expect(turnFeatures("hello", "lead", classifier, { ownerIntent: true }).owner).toBeUndefined();
  });
  it("owners carry owner features only when the owner intent step is on", () => {
    expect(turnFeatures("list my customers", "owner", classifier, { ownerIntent: false }).owner).toBeUndefined();
    expect(turnFeatures("list my customers", "owner", classifier, { ownerIntent: true }).owner).toMatchObject({ local: true });
  });
});
