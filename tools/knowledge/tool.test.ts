import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import { toolConfigurable } from "../context.js";
import { parseSearchResult } from "./handler.js";
import { knowledgeSearchTool } from "./tool.js";

async function setup() {
  const store = new MemoryKnowledgeStore();
  const a = randomUUID();
  const b = randomUUID();
  await store.addEntry(a, { title: "Facial", content: "A facial costs 1200 rupees." });
  await store.addEntry(b, { title: "Facial", content: "A facial costs 5500 rupees." });
  return { store, a, b, tool: knowledgeSearchTool(store) };
}

const config = (tenantId: string) => ({ configurable: toolConfigurable({ tenantId, role: "lead", conversationId: "conv-1" }) });

describe("knowledge_search tool", () => {
  it("searches the tenant of the run context with k=5 and returns compact JSON with scores", async () => {
    const { store, a, tool } = await setup();
    const out = await tool.invoke({ query: "facial price" }, config(a));
    const parsed = parseSearchResult(String(out));
    expect(parsed?.hits).toHaveLength(1);
    expect(parsed?.hits[0]).toMatchObject({ title: "Facial", text: "A facial costs 1200 rupees." });
    expect(parsed?.hits[0]?.score).toBeGreaterThan(0);
    expect(store.searches).toEqual([{ tenantId: a, query: "facial price", k: 5 }]);
  });

  it("ignores a tenantId the model puts in its arguments", async () => {
    const { store, a, b, tool } = await setup();
    const args = { query: "facial", tenantId: b, tenant_id: b } as unknown as { query: string };
    const out = String(await tool.invoke(args, config(a)));
    expect(out).toContain("1200");
    expect(out).not.toContain("5500");
    expect(store.searches.map((s) => s.tenantId)).toEqual([a]);
  });

  it("refuses to run without a tenant in the run context (no default tenant)", async () => {
    const { store, tool } = await setup();
    await expect(tool.invoke({ query: "facial" })).rejects.toThrow(/without a tenant/);
    await expect(tool.invoke({ query: "facial" }, { configurable: { tenantId: "", role: "lead", conversationId: "c" } })).rejects.toThrow(/without a tenant/);
    expect(store.searches).toHaveLength(0);
  });

  it("rejects an empty query through its schema", async () => {
    const { a, tool } = await setup();
    await expect(tool.invoke({ query: "   " }, config(a))).rejects.toThrow();
  });
});
