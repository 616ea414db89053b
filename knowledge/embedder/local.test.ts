import { describe, expect, it } from "vitest";
import { dot, LocalHashEmbedder } from "./local.js";

describe("LocalHashEmbedder", () => {
  const e = new LocalHashEmbedder();

  it("records algorithm, version and dim in its id", () => {
    expect(e.id).toBe("local-hash-v1:512");
    expect(e.dim).toBe(512);
    expect(new LocalHashEmbedder({ dim: 256 }).id).toBe("local-hash-v1:256");
  });

  it("is deterministic across instances", async () => {
    const [a] = await e.embed(["Opening hours: Tuesday to Saturday"]);
    const [b] = await new LocalHashEmbedder().embed(["Opening hours: Tuesday to Saturday"]);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it("returns unit-norm vectors of the declared dim", async () => {
    const vectors = await e.embed(["a gel manicure", "How much is a balayage for long hair?", "x"]);
    for (const v of vectors) {
      expect(v.length).toBe(512);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
  });

  it("gives an all-zero vector for text with no content words", () => {
    const v = e.embedOne("is it the?");
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it("places similar texts closer than unrelated ones", () => {
    const hours = e.embedOne("Opening hours: we are open Tuesday to Sunday, closed Monday");
    const asks = e.embedOne("when are you open on monday?");
    const wax = e.embedOne("Brazilian wax price and leg waxing");
    expect(dot(hours, asks)).toBeGreaterThan(dot(wax, asks) + 0.1);
  });

  it("ignores case, accents and punctuation", () => {
    expect(dot(e.embedOne("Kérastase SHAMPOO!!"), e.embedOne("kerastase shampoo"))).toBeCloseTo(1, 5);
  });

  it("matches word forms through stems and character n-grams", () => {
    const base = e.embedOne("colouring");
    expect(dot(base, e.embedOne("colour"))).toBeGreaterThan(dot(base, e.embedOne("pedicure")));
  });

  it("rejects an unusable dim", () => {
    expect(() => new LocalHashEmbedder({ dim: 3 })).toThrow(RangeError);
  });
});
