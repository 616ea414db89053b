// The local tier's usage_report intent: held-out phrasings of "what has the assistant cost?"
// become a usage_report call; other owner requests do not.
import { describe, expect, it } from "vitest";
import { ownerIntentClassifier, ownerToolCall } from "./owner.js";

describe("owner intent: usage report", () => {
  const c = ownerIntentClassifier();
  // held out: none of these strings is in owner-data.ts
  it.each([
    "how much has the assistant cost so far this month?", "what's the ai costing us", "how much have we spent on the bot",
    "show me this month's ai spend", "how much of our budget is used",
  ])("%j asks for the usage report", (text) => {
    expect(c.classify(text).intent).toBe("usage_report");
    expect(ownerToolCall(text, 0.7)).toEqual({ name: "usage_report", args: {} });
  });

  it.each(["how much is a facial?", "list all customers", "is my price list done?", "remember that we close at 7", "how were sales this week"])(
    "%j is not a usage question",
    (text) => expect(c.classify(text).intent).not.toBe("usage_report"),
  );
});
