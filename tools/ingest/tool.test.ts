// The ingestion owner tools: status listing, pasted text, their small helpers and doubles.
import { describe, expect, it } from "vitest";
import { toolConfigurable } from "../context.js";
import { toolsFor } from "../registry.js";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import { nameMatches } from "./format.js";
import { ingestionStatusTool } from "./tool.js";
import type { DocumentStatusItem, DocumentStatusSource } from "./types.js";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const NOW = new Date("2026-03-01T12:00:00Z");
const doc = (o: Partial<DocumentStatusItem> & { name: string }): DocumentStatusItem => ({
  kind: "csv", status: "done", totalParts: 0, doneParts: 0, entries: 0, error: null, updatedAt: NOW, finishedAt: NOW, ...o,
});

/** Like the repository: newest first, `limit` rows, each of `nameWords` contained in the name (case-insensitive). */
class Docs implements DocumentStatusSource {
  readonly calls: string[] = [];
  readonly queries: Array<{ limit: number; nameWords?: string[] }> = [];
  constructor(private readonly byTenant: Record<string, DocumentStatusItem[]>) {}
  async list(tenantId: string, opts: { limit: number; nameWords?: string[] }) {
    this.calls.push(tenantId);
    this.queries.push(opts);
    const words = opts.nameWords ?? [];
    return (this.byTenant[tenantId] ?? []).filter((d) => words.every((w) => d.name.toLowerCase().includes(w.toLowerCase()))).slice(0, opts.limit);
  }
}

const docs = new Docs({
  [A]: [
    doc({ name: "Price-List_2026.pdf", kind: "pdf", status: "processing", totalParts: 40, doneParts: 13, updatedAt: NOW }),
    doc({ name: "faq.csv", entries: 18, finishedAt: new Date(NOW.getTime() - 2 * 3600_000), error: "skipped 2: row 3: …; row 9: …" }),
    doc({ name: "menu.pdf", kind: "pdf", status: "failed", error: "This PDF is password-protected. Please send a copy without a password." }),
    doc({ name: "hours.txt", kind: "text", status: "queued", updatedAt: new Date(NOW.getTime() - 90_000) }),
  ],
});
const run = (tenantId: string, args: Record<string, unknown>, role: "owner" | "lead" = "owner") =>
  ingestionStatusTool(docs, () => NOW).invoke(args, { configurable: toolConfigurable({ tenantId, role, conversationId: "c1" }) });

describe("ingestion_status", () => {
  it("lists the tenant's documents with progress, results and failures", async () => {
    expect(await run(A, {})).toBe(
      [
        "Your documents:",
        "• Price-List_2026.pdf — being added: 13 of 40 sections (32%)",
        "• faq.csv — done 2 h ago, 18 entries (skipped 2 rows)",
        "• menu.pdf — failed: This PDF is password-protected. Please send a copy without a password.",
        "• hours.txt — waiting to be added (sent 2 min ago)",
      ].join("\n"),
    );
  });

  it("filters by the words of a name, loosely, and says when nothing matches", async () => {
    expect(await run(A, { name: "price list" })).toBe("Price-List_2026.pdf — being added: 13 of 40 sections (32%)");
    expect(await run(A, { name: "the FAQ sheet" })).toMatch(/^faq\.csv — done/);
    expect(await run(A, { name: "brochure" })).toMatch(/^I don't have a document matching “brochure”\. Your recent documents:\n• Price-List/);
    expect(nameMatches("Price-List_2026.pdf", "pricelist")).toBe(true);
    expect(nameMatches("faq.csv", "pdf")).toBe(false);
  });

  it("finds a document by name however many newer ones there are: the words go to the query", async () => {
    const many = new Docs({
      [A]: [
        ...Array.from({ length: 80 }, (_, i) => doc({ name: `invoice-${i + 1}.csv`, updatedAt: new Date(NOW.getTime() - i * 60_000) })),
        doc({ name: "Winter Brochure 2019.pdf", kind: "pdf", entries: 7, finishedAt: new Date(NOW.getTime() - 30 * 86_400_000) }),
      ],
    });
    const ask = (name: string) =>
      ingestionStatusTool(many, () => NOW).invoke({ name }, { configurable: toolConfigurable({ tenantId: A, role: "owner", conversationId: "c1" }) });
    expect(await ask("my winter brochure")).toBe("Winter Brochure 2019.pdf — done 30 d ago, 7 entries");
    expect(many.queries[0]).toEqual({ limit: 50, nameWords: ["winter", "brochure"] });
    // a name the query cannot match literally still matches loosely among recent documents
    expect(await ask("invoice1")).toMatch(/^Documents matching “invoice1”:\n• invoice-1\.csv/);
    expect(await ask("summer brochure")).toMatch(/^I don't have a document matching “summer brochure”\. Your recent documents:\n• invoice-1\.csv/);
  });

  it("reads only the run's tenant, and another tenant sees none of it", async () => {
    expect(await run(B, {})).toMatch(/^You haven't added any documents yet/);
    expect(await run(B, { name: "price list" })).toMatch(/^You haven't added any documents yet/);
    expect(docs.calls.at(-1)).toBe(B);
  });

  it("refuses a lead's run context, and is offered to owners only when wired", async () => {
    const calls = docs.calls.length;
    await expect(run(A, {}, "lead")).rejects.toThrow(/not available/);
    expect(docs.calls.length).toBe(calls);
    const knowledge = new MemoryKnowledgeStore();
    expect(toolsFor("owner", { knowledge, minScore: 0.3, documents: docs }).map((t) => t.name)).toContain("ingestion_status");
    expect(toolsFor("lead", { knowledge, minScore: 0.3, documents: docs }).map((t) => t.name)).not.toContain("ingestion_status");
    expect(toolsFor("owner", { knowledge, minScore: 0.3 }).map((t) => t.name)).not.toContain("ingestion_status");
  });
});

describe("add_text_document", () => {
  it("names a pasted text by its title line, or by date and time when it has none", async () => {
    const { nameFromText } = await import("./add-tool.js");
    expect(nameFromText("# Barber price list\nHaircut £25")).toBe("Barber price list");
    expect(nameFromText("Haircut £25\nBeard £12", new Date("2026-03-01T12:34:56Z"))).toBe("Pasted text 2026-03-01 12:34");
  });

  it("hands the text to the intake under the run's tenant and conversation, owners only", async () => {
    const { addTextDocumentTool } = await import("./add-tool.js");
    const calls: unknown[] = [];
    const t = addTextDocumentTool({ async addText(tenantId, conversationId, doc) { calls.push({ tenantId, conversationId, doc }); return { name: doc.name, outcome: "queued" }; } });
    const text = "Opening hours\nMonday to Friday 9 to 6, Saturday 10 to 4, closed on Sundays and bank holidays.";
    const cfg = (role: "owner" | "lead") => ({ configurable: toolConfigurable({ tenantId: A, role, conversationId: "c9" }) });
    expect(await t.invoke({ text }, cfg("owner"))).toBe("Got it — adding this as “Opening hours”; I'll tell you when it's done.");
    expect(calls).toEqual([{ tenantId: A, conversationId: "c9", doc: { name: "Opening hours", text } }]);
    await expect(t.invoke({ text }, cfg("lead"))).rejects.toThrow(/not available/);
    await expect(t.invoke({ text: "too short" }, cfg("owner"))).rejects.toThrow();
    expect(calls).toHaveLength(1);
  });
});
