import { describe, expect, it } from "vitest";
import { IntentClassifier, defaultIntentClassifier } from "./classifier.js";
import { EXAMPLES, type Intent } from "./data.js";

// Held out: none of these strings is in data.ts.
const HELD_OUT: Array<[string, Intent]> = [
  ["Hello there!", "greeting"], ["hey hey", "greeting"], ["good morning :)", "greeting"], ["hi!!", "greeting"],
  ["thank you so so much", "thanks"], ["thanks a ton", "thanks"], ["ok great, thank you", "thanks"],
  ["bye!", "goodbye"], ["ok see you soon", "goodbye"], ["good night, take care", "goodbye"],
  ["I want to talk to the manager", "human_request"], ["can I get a person on the phone", "human_request"],
  ["please connect me with a real human", "human_request"], ["let me speak to the owner please", "human_request"],
  ["how much for a pedicure?", "question"], ["are you open on diwali?", "question"],
  ["do you have slots on friday evening", "question"], ["hey, how much is threading?", "question"],
  ["what do you charge for a manicure", "question"], ["where can I park?", "question"],
  ["lol ok", "other"], ["hmm okay", "other"],
];

describe("intent classifier", () => {
  const c = defaultIntentClassifier();

  it("labels held-out messages with at least 85% accuracy", () => {
    const wrong = HELD_OUT.filter(([t, want]) => c.classify(t).intent !== want);
    expect(wrong.length / HELD_OUT.length, JSON.stringify(wrong)).toBeLessThanOrEqual(0.15);
  });

  it("reports a confidence in [0,1] that is high for clear cases and the scores sum to 1", () => {
    const r = c.classify("thank you very much!");
    expect(r.intent).toBe("thanks");
    expect(r.confidence).toBeGreaterThan(0.8);
    const sum = Object.values(r.scores).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it("does not treat a greeting that carries a question as a greeting", () => {
    expect(c.classify("hi, how much is a haircut for kids?").intent).toBe("question");
    expect(c.classify("good evening, do you do bridal makeup packages?").intent).toBe("question");
  });

  it("learns from its data, not from rules: swapping the labels swaps the answer", () => {
    const swapped = new IntentClassifier({ ...EXAMPLES, greeting: EXAMPLES.goodbye, goodbye: EXAMPLES.greeting });
    expect(swapped.classify("hello").intent).toBe("goodbye");
  });
});
