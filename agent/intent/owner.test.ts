import { describe, expect, it } from "vitest";
import { documentSlot, ownerIntentClassifier, ownerToolCall, pastedDocument, slotAfterLeadIn } from "./owner.js";
import type { OwnerIntent } from "./owner-data.js";

// Held out: none of these strings is in owner-data.ts.
const HELD_OUT: Array<[string, OwnerIntent]> = [
  ["remember that the salon closes early on saturdays", "teach"], ["note that threading is now 150", "teach"],
  ["from now on we don't do home visits", "teach"], ["please remember our new number is 98200 12345", "teach"],
  ["keep in mind that parking is free after 6", "teach"],
  ["forget the gift card entry", "forget"], ["delete the old facial prices", "forget"],
  ["remove the entry about home visits", "forget"], ["forget about the summer offer", "forget"],
  ["list our customers", "list_contacts"], ["who messaged us this week?", "list_contacts"],
  ["show me my recent clients", "list_contacts"], ["who has contacted us lately", "list_contacts"],
  ["how were sales this week", "none"], ["make a post for our new offer", "none"], ["hello", "none"],
  ["what time do we open tomorrow?", "none"], ["thanks!", "none"], ["forget it, never mind", "none"],
];

describe("owner intents (local tier)", () => {
  const c = ownerIntentClassifier();

  it("labels held-out owner messages with at least 85% accuracy", () => {
    const wrong = HELD_OUT.filter(([t, want]) => c.classify(t).intent !== want);
    expect(wrong.length / HELD_OUT.length, JSON.stringify(wrong)).toBeLessThanOrEqual(0.15);
  });

  it.each([
    ["teach", "Remember that we're closed on Mondays in December", "we're closed on Mondays in December"],
    ["teach", "ok please note that the gold facial is ₹2,500 now.", "the gold facial is ₹2,500 now"],
    ["teach", "From now on, we open at 11 on Sundays", "we open at 11 on Sundays"],
    ["forget", "forget the parking entry", "parking"],
    ["forget", "please delete the Facial price entry", "Facial price"],
    ["forget", "remove the entry about gift cards", "gift cards"],
    ["forget", "forget it", null],
    ["teach", "how much is a facial?", null],
  ] as const)("%s slot of %j is %j", (kind, text, slot) => {
    expect(slotAfterLeadIn(kind, text)).toBe(slot);
  });

  it("turns confident intents with a slot into tool calls, and nothing else", () => {
    expect(ownerToolCall("remember that we close at 7 on fridays", 0.7)).toEqual({ name: "teach_fact", args: { fact: "we close at 7 on fridays" } });
    expect(ownerToolCall("forget the parking entry", 0.7)).toEqual({ name: "forget_knowledge", args: { query: "parking" } });
    expect(ownerToolCall("list all customers", 0.7)).toEqual({ name: "list_contacts", args: {} });
    expect(ownerToolCall("what should we post this week?", 0.7)).toBeNull();
    expect(ownerToolCall("forget it", 0.7)).toBeNull();
  });
});

describe("owner intent: ingestion status (documents the owner sent)", () => {
  const c = ownerIntentClassifier();
  // held out: none of these strings is in owner-data.ts
  it.each([
    "is the price list done yet?", "how is the upload going", "what documents did i add?", "has my faq sheet been added?",
    "did the pdf go through?", "which files have you got from me", "is my menu pdf ready?",
  ])("%j asks about ingestion", (text) => {
    expect(c.classify(text).intent).toBe("ingestion_status");
  });

  it.each(["list all customers", "remember that we close at 7", "how much is a facial?", "forget the parking entry"])(
    "%j is not about ingestion",
    (text) => expect(c.classify(text).intent).not.toBe("ingestion_status"),
  );

  it.each([
    ["is my price list done?", "price list"], ["has the FAQ finished uploading", "FAQ"], ["did the menu upload work", "menu"],
    ["status of my spring offers pdf", "spring offers pdf"], ["how's the upload going?", null], ["what documents have I added?", null],
    ["is the document ready", null],
  ] as const)("document slot of %j is %j", (text, slot) => {
    expect(documentSlot(text)).toBe(slot);
  });

  it("becomes an ingestion_status call, with a name filter when one is named", () => {
    expect(ownerToolCall("is my price list done?", 0.7)).toEqual({ name: "ingestion_status", args: { name: "price list" } });
    expect(ownerToolCall("how's the upload going?", 0.7)).toEqual({ name: "ingestion_status", args: {} });
    expect(ownerToolCall("what documents have I added?", 0.7)).toEqual({ name: "ingestion_status", args: {} });
  });
});

describe("owner intent: a pasted document", () => {
  const list = "Haircut £25\nBeard trim £12\nHot towel shave £20\nKids' cut (under 12) £15\nColour from £60";
  it.each([
    [`add this to your knowledge:\n${list}`, list],
    [`Please add this: ${list}`, list],
    [`here's our price list\n${list}`, list],
    ["add this: closed on monday", null],
    [`remember that we are closed on mondays and that ${list}`, null],
    [`add this to your knowledge ${list}`, null],
  ])("%j → %j", (text, slot) => {
    expect(pastedDocument(text)).toBe(slot);
  });

  it("becomes an add_text_document call with the text as pasted", () => {
    expect(ownerToolCall(`add this to your knowledge:\n${list}`, 0.7)).toEqual({ name: "add_text_document", args: { text: list } });
  });
});

describe("owner intents: bookings and campaigns on the local tier", () => {
  it.each([
    ["what's booked tomorrow?", { name: "list_bookings", args: { when: "what's booked tomorrow?" } }],
    ["who's in on saturday morning", { name: "list_bookings", args: { when: "who's in on saturday morning" } }],
    ["pause the summer campaign", { name: "campaign_control", args: { campaign: "summer", action: "pause" } }],
    ["resume the diwali campaign please", { name: "campaign_control", args: { campaign: "diwali", action: "resume" } }],
    ["how did friday's campaign do?", { name: "campaign_results", args: { campaign: "friday's" } }],
    ["how did the last campaign do", { name: "campaign_results", args: { campaign: "latest" } }],
  ])("%s", (text, call) => expect(ownerToolCall(text, 0.5)).toEqual(call));

  it("cancelling or stopping a campaign is not the local tier's (the LLM tiers confirm it)", () => {
    expect(ownerToolCall("cancel the summer campaign", 0.5)).toBeNull();
    expect(ownerToolCall("stop all campaigns", 0.5)).toBeNull();
  });
});
