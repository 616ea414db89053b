import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk.js";

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i} in some detail here.`;

describe("chunkText", () => {
  it("keeps a short entry as one chunk, whitespace collapsed", () => {
    expect(chunkText("  We are open\n\nTuesday   to Sunday. ")).toEqual(["We are open Tuesday to Sunday."]);
  });

  it("returns nothing for blank content", () => {
    expect(chunkText(" \n\t ")).toEqual([]);
  });

  it("splits long content into chunks near the target size", () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkText(text, { target: 300, overlap: 70 });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(300);
    // every sentence survives somewhere
    for (let i = 0; i < 40; i++) expect(chunks.some((c) => c.includes(sentence(i)))).toBe(true);
  });

  it("overlaps consecutive chunks by the previous chunk's tail", () => {
    const text = Array.from({ length: 30 }, (_, i) => sentence(i)).join(" ");
    const chunks = chunkText(text, { target: 300, overlap: 70 });
    for (let i = 1; i < chunks.length; i++) {
      const lastOfPrev = chunks[i - 1]!.split(/(?<=\.) /).at(-1)!;
      expect(chunks[i]!.startsWith(lastOfPrev)).toBe(true);
    }
  });

  it("prefers paragraph boundaries", () => {
    const para = (p: string) => `${p} `.repeat(30).trim();
    const chunks = chunkText(`${para("alpha")}\n\n${para("beta")}\n\n${para("gamma")}`, { target: 200, overlap: 0 });
    expect(chunks).toEqual([para("alpha"), para("beta"), para("gamma")]);
  });

  it("cuts a giant unbroken token rather than emitting an oversized chunk", () => {
    const chunks = chunkText("x".repeat(2000), { target: 500 });
    expect(chunks.length).toBe(4);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(500);
  });
});
