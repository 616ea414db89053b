import { describe, expect, it } from "vitest";
import { MemoryContactDirectory } from "./testing/memory-directory.js";
import { MemoryKnowledgeStore } from "./testing/memory-knowledge.js";
import { APPROVAL_TOOL_NAMES, OWNER_TOOL_NAMES, toolsFor, type ToolDeps } from "./registry.js";

const knowledge = new MemoryKnowledgeStore();
const bare: ToolDeps = { knowledge, minScore: 0.5 };
const wired: ToolDeps = { knowledge, minScore: 0.5, directory: new MemoryContactDirectory(), knowledgeAdmin: knowledge };
const names = (role: "lead" | "owner", deps: ToolDeps) => toolsFor(role, deps).map((t) => t.name).sort();

describe("toolsFor", () => {
  it.each([
    ["lead", wired, ["knowledge_search", "request_human"]],
    ["owner", wired, ["forget_knowledge", "knowledge_search", "list_contacts", "request_human", "teach_fact"]],
    ["lead", bare, ["knowledge_search", "request_human"]],
    ["owner", bare, ["knowledge_search", "request_human"]],
    ["owner", { ...bare, directory: wired.directory }, ["knowledge_search", "list_contacts", "request_human"]],
    ["owner", { ...bare, knowledgeAdmin: knowledge }, ["forget_knowledge", "knowledge_search", "request_human", "teach_fact"]],
  ] as const)("%s with deps %# → %j", (role, deps, want) => {
    expect(names(role, deps)).toEqual(want);
  });

  it("a lead never gets an owner tool, whatever is wired", () => {
    expect(names("lead", wired).filter((n) => OWNER_TOOL_NAMES.has(n))).toEqual([]);
    expect([...APPROVAL_TOOL_NAMES].every((n) => OWNER_TOOL_NAMES.has(n))).toBe(true);
  });

  it("rejects an unknown role instead of defaulting", () => {
    expect(() => toolsFor("admin" as never, wired)).toThrow(/unknown role/);
  });

  it("no tool schema lets the model name a tenant", () => {
    for (const t of toolsFor("owner", wired)) {
      const shape = (t.schema as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape).some((k) => /tenant/i.test(k))).toBe(false);
    }
  });
});
