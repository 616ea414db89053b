// The local tier's answer composition: newer owner notes win over older entries on the
// same subject, without hiding unrelated entries.
import { describe, expect, it } from "vitest";
import type { SearchResultHit } from "../../tools/registry.js";
import { composeAnswer } from "./compose.js";

const opts = { minScore: 0.25, closeMargin: 0.05 };
const hit = (entryId: string, title: string, text: string, score: number, updated: string, kind: SearchResultHit["kind"] = "knowledge"): SearchResultHit =>
  ({ entryId, title, text, score, updated, kind });

const hours = hit("h", "Opening hours", "Open Tuesday to Saturday, 9am to 6pm. Closed on Mondays.", 0.78, "2026-01-01T00:00:00Z");
const note = hit("n", "Mondays", "From December we're open on Mondays, 10am to 4pm.", 0.74, "2026-11-01T00:00:00Z", "owner-note");
const newer = hit("m", "Mondays", "From December we're open on Mondays, 11am to 3pm.", 0.72, "2026-11-20T00:00:00Z", "owner-note");

describe("composeAnswer: newer facts win", () => {
  it("answers from a newer owner note nearly as relevant as the best hit, and drops the outdated entry", () => {
    const r = composeAnswer({ query: "are you open on mondays?", hits: [hours, note] }, opts);
    expect(r.text).toBe("From December we're open on Mondays, 10am to 4pm.");
    expect(r.entryIds).toEqual(["n"]);
  });

  it("between two owner notes, the newest wins", () => {
    const r = composeAnswer({ query: "are you open on mondays?", hits: [hours, note, newer] }, opts);
    expect(r.text).toBe("From December we're open on Mondays, 11am to 3pm.");
  });

  it("keeps the best hit when the note is far less relevant or older", () => {
    const far = { ...note, score: 0.4 };
    expect(composeAnswer({ query: "opening hours", hits: [hours, far] }, opts).entryIds[0]).toBe("h");
    const older = { ...note, updated: "2025-01-01T00:00:00Z" };
    expect(composeAnswer({ query: "opening hours", hits: [hours, older] }, opts).entryIds[0]).toBe("h");
  });

  it("still mentions a close second entry on another subject beside a winning note", () => {
    const parking = hit("p", "Parking", "Free parking on Mondays behind the salon.", 0.77, "2025-01-01T00:00:00Z");
    const r = composeAnswer({ query: "mondays parking open", hits: [hours, note, parking] }, opts);
    expect(r.entryIds).toEqual(["n", "p"]);
  });

  it("without dates or notes behaves as before: best first, close second mentioned", () => {
    const a = { entryId: "a", title: "Nails", text: "Gel manicure £32.", score: 0.8 };
    const b = { entryId: "b", title: "Pedicure", text: "Gel pedicure £35.", score: 0.78 };
    expect(composeAnswer({ query: "gel price", hits: [b, a] }, opts).entryIds).toEqual(["a", "b"]);
  });
});

describe("composeAnswer: an entry whose title is the question's subject", () => {
  const contact = hit("c", "Contact us", "Phone 0117 496 0123. We answer messages during opening hours, usually within an hour.", 0.877, "2026-01-01T00:00:00Z");
  const hoursNear = { ...hours, score: 0.857 };
  it("answers from it when it is nearly as relevant as an entry that mentions the subject in passing", () => {
    const r = composeAnswer({ query: "what are your opening hours?", hits: [contact, hoursNear] }, opts);
    expect(r.entryIds[0]).toBe("h");
    expect(r.text).toMatch(/^Opening hours: Open Tuesday to Saturday/);
  });
  it("keeps the best hit when the titled entry is not close, or when the best's own title is the subject", () => {
    expect(composeAnswer({ query: "what are your opening hours?", hits: [contact, { ...hours, score: 0.7 }] }, opts).entryIds[0]).toBe("c");
    expect(composeAnswer({ query: "how do I contact you?", hits: [contact, hoursNear] }, opts).entryIds[0]).toBe("c");
  });
});
