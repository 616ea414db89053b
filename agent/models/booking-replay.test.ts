// The booking dialogue's request detection on the router's replay set (figures in
// agent/models/booking/README.md; floors a little under them).
import { describe, expect, it } from "vitest";
import { scoreReplay } from "./booking/replay-eval.js";

describe("booking request detection on the replay set", () => {
  it("finds booking, cancel and reschedule requests without taking other messages for them", () => {
    const s = scoreReplay();
    console.log(`booking intent: precision ${s.precision}, recall ${s.recall} (tp ${s.tp} / fp ${s.fp} / fn ${s.fn}, wrong kind ${s.wrongKind}) over ${s.cases} English fresh messages; local-tier requests recall ${s.localRecall} of ${s.localCases}; non-English requests ${JSON.stringify(s.foreign)}`);
    expect(s.cases).toBeGreaterThan(150);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.65);
    expect(s.localRecall).toBeGreaterThanOrEqual(0.75);
    expect(s.wrongKind).toBe(0);
    // another language's booking request is never acted on as a different request
    expect(s.foreign.misread).toBe(0);
  });
});
