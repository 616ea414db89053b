import { describe, expect, it } from "vitest";
import { MemoryKnowledgeStore } from "./testing/memory-knowledge.js";
import { toolsFor } from "./registry.js";

describe("toolsFor", () => {
  const deps = { knowledge: new MemoryKnowledgeStore() };
  it("gives leads and owners knowledge_search and request_human, decided in code", () => {
    expect(toolsFor("lead", deps).map((t) => t.name).sort()).toEqual(["knowledge_search", "request_human"]);
    expect(toolsFor("owner", deps).map((t) => t.name).sort()).toEqual(["knowledge_search", "request_human"]);
  });
  it("rejects an unknown role instead of defaulting", () => {
    expect(() => toolsFor("admin" as never, deps)).toThrow(/unknown role/);
  });
  it("no tool schema lets the model name a tenant", () => {
    for (const t of toolsFor("owner", deps)) {
      const shape = (t.schema as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape).some((k) => /tenant/i.test(k))).toBe(false);
    }
  });
});
