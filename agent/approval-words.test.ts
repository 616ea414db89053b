import { describe, expect, it } from "vitest";
import { approvalDecision } from "./approval-words.js";

describe("approvalDecision", () => {
  it.each([
    ["yes delete it", "approve"], ["yes launch it", "approve"], ["ok go ahead", "approve"], ["👍", "approve"], ["Yes please", "approve"],
    ["actually no keep it", "reject"], ["no", "reject"], ["no thanks", "reject"], ["nope, leave it", "reject"],
  ] as const)("%s → %s", (text, want) => expect(approvalDecision(text)).toBe(want));

  it.each([
    "change 15% to 20% and send it tuesday instead", "wait which one is that, the old one or the one I added last week?",
    "yes but with Amy", "is that the one from last week?", "the campaign got 3 bookings from 400 messages is that good? should I keep it going",
    "hello", "", "yes if it's the old one",
  ])("%s → not a decision", (text) => expect(approvalDecision(text)).toBeNull());
});
