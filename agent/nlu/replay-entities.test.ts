// understandEntities() against the replay set's entity labels: per-type precision/recall
// with honest floors a little under what was measured (agent/nlu/README.md has the figures),
// and the extraction latency printed (not asserted: the machine is shared).
import { describe, expect, it } from "vitest";
import { ENTITY_TYPES, evaluateReplay, type EntityType } from "./replay-eval.js";

const FLOORS: Record<EntityType, { precision: number; recall: number }> = {
  date: { precision: 0.68, recall: 0.78 },
  time: { precision: 0.68, recall: 0.5 },
  service: { precision: 0.82, recall: 0.7 },
  money: { precision: 0.9, recall: 0.9 },
  yesno: { precision: 0.7, recall: 0.9 },
};

describe("replay set: entity precision/recall", () => {
  const report = evaluateReplay();

  it("prints the figures and the latency", () => {
    const rows = ENTITY_TYPES.map((t) => {
      const s = report.scores[t];
      return `${t.padEnd(8)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
    });
    const l = report.latencyMs;
    console.log(`${rows.join("\n")}\nextraction per message over ${report.cases} cases: p50 ${l.p50.toFixed(3)} ms, p99 ${l.p99.toFixed(3)} ms, max ${l.max.toFixed(3)} ms`);
    expect(report.cases).toBeGreaterThanOrEqual(300);
  });

  it.each(ENTITY_TYPES)("%s stays above its floor", (type) => {
    const s = report.scores[type];
    expect(s.precision, `${type} precision`).toBeGreaterThanOrEqual(FLOORS[type].precision);
    expect(s.recall, `${type} recall`).toBeGreaterThanOrEqual(FLOORS[type].recall);
  });
});
