// Owner tools outside a graph: tenant from the run context, owner role enforced by the tool
// itself too, outputs the owner can read.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listContactsTool } from "./contacts/tool.js";
import { toolConfigurable } from "./context.js";
import { findEntries } from "./forget/find.js";
import { teachFactTool } from "./teach/tool.js";
import { MemoryContactDirectory } from "./testing/memory-directory.js";
import { MemoryKnowledgeStore } from "./testing/memory-knowledge.js";

const a = randomUUID();
const b = randomUUID();
const config = (tenantId: string, role: "lead" | "owner" = "owner") => ({ configurable: toolConfigurable({ tenantId, role, conversationId: "c1" }) });

describe("list_contacts", () => {
  const dir = new MemoryContactDirectory()
    .add(a, { id: "1", name: "Asha Rao", channel: "whatsapp", lastMessageAt: new Date("2025-06-01T10:00:00Z"), consent: "opted_in" })
    .add(a, { id: "2", name: null, channel: "sms", lastMessageAt: new Date("2025-06-03T10:00:00Z"), consent: "opted_out" })
    .add(b, { id: "3", name: "Other Tenant Person", channel: "sms", lastMessageAt: new Date(), consent: "unknown" });
  const tool = listContactsTool(dir);

  it("lists the run tenant's contacts, most recent first", async () => {
    const out = String(await tool.invoke({}, config(a)));
    expect(out.split("\n")).toEqual([
      "Your 2 most recent customers:",
      "1. (no name) — sms, last message 2025-06-03, marketing: opted out",
      "2. Asha Rao — whatsapp, last message 2025-06-01, marketing: opted in",
    ]);
    expect(out).not.toContain("Other Tenant");
    expect(dir.calls.at(-1)).toEqual({ tenantId: a, limit: 10 });
  });

  it("refuses in a lead's run context without asking the directory", async () => {
    const before = dir.calls.length;
    await expect(tool.invoke({}, config(a, "lead"))).rejects.toThrow(/not available/);
    expect(dir.calls.length).toBe(before);
  });
});

describe("teach_fact", () => {
  it("stores the fact as a chat-sourced entry of the run tenant, once", async () => {
    const store = new MemoryKnowledgeStore();
    const tool = teachFactTool(store, store, 0.25);
    const out = await tool.invoke({ fact: "we're closed on Mondays in December", tenantId: b } as never, config(a));
    expect(String(out)).toBe("Saved — I'll remember: “We're closed on Mondays in December.”");
    const [entry] = await store.listEntries(a);
    expect(entry).toMatchObject({ title: "We're closed on Mondays in December", content: "We're closed on Mondays in December.", source: "chat" });
    expect(await store.listEntries(b)).toEqual([]);
    expect(String(await tool.invoke({ fact: "we're closed on Mondays in December" }, config(a)))).toMatch(/^I already knew that/);
    expect(await store.listEntries(a)).toHaveLength(1);
  });

  it("rejects an empty fact through its schema", async () => {
    const store = new MemoryKnowledgeStore();
    await expect(teachFactTool(store, store, 0.25).invoke({ fact: "  " }, config(a))).rejects.toThrow();
  });

  it("names the older entry on the same subject that the new fact takes priority over, and keeps it", async () => {
    const store = new MemoryKnowledgeStore();
    const { entry: hours } = await store.addEntry(a, { title: "Opening hours", content: "Open Tuesday to Saturday. Closed on Mondays.", source: "seed" });
    const out = String(await teachFactTool(store, store, 0.25).invoke({ fact: "from December we are open on Mondays" }, config(a)));
    expect(out).toMatch(/^Saved — I'll remember: “From December we are open on Mondays\.” Where it differs from what I had — “Opening hours: Open Tuesday/);
    expect(out).toMatch(/I'll go with this newer note\.$/);
    expect((await store.listEntries(a)).find((e) => e.id === hours.id)?.supersededById).toBeNull();
  });

  it("re-teaching an earlier note makes it the newest word again, replacing the note that had replaced it", async () => {
    const store = new MemoryKnowledgeStore();
    const tool = teachFactTool(store, store, 0.25);
    await tool.invoke({ fact: "we close at 5 on Saturdays" }, config(a));
    const [five] = await store.listEntries(a);
    await tool.invoke({ fact: "we close at 6 on Saturdays", replaces_entry_id: five!.id }, config(a));
    expect((await store.search(a, "close saturdays")).map((h) => h.text)).toEqual(["We close at 6 on Saturdays."]);
    const again = String(await tool.invoke({ fact: "we close at 5 on Saturdays" }, config(a)));
    expect(again).toBe("Saved — I'll remember: “We close at 5 on Saturdays.” It replaces “We close at 6 on Saturdays.”, which I won't use any more.");
    expect((await store.search(a, "close saturdays")).map((h) => h.text)).toEqual(["We close at 5 on Saturdays."]);
    // seeded knowledge with the same words is not rewritten
    await store.addEntry(a, { title: "Parking", content: "Free parking behind the salon.", source: "seed" });
    expect(String(await tool.invoke({ fact: "Free parking behind the salon", title: "Parking" }, config(a)))).toMatch(/^I already knew that/);
  });

  it("replaces an earlier owner note named by replaces_entry_id, and only the tenant's own notes", async () => {
    const store = new MemoryKnowledgeStore();
    const tool = teachFactTool(store, store, 0.25);
    const { entry: note } = await store.addEntry(a, { title: "Mondays", content: "We are open on Mondays 10 to 4.", source: "chat" });
    const { entry: seed } = await store.addEntry(a, { title: "Opening hours", content: "Closed on Mondays.", source: "seed" });
    const { entry: foreign } = await store.addEntry(b, { title: "Mondays", content: "We are open on Mondays 9 to 5.", source: "chat" });

    const out = String(await tool.invoke({ fact: "we are open on Mondays 11 to 3", replaces_entry_id: note.id }, config(a)));
    expect(out).toContain("It replaces “Mondays: We are open on Mondays 10 to 4.”, which I won't use any more.");
    expect((await store.search(a, "open on mondays")).map((h) => h.entryId)).not.toContain(note.id);

    const seeded = String(await tool.invoke({ fact: "we are open on Mondays 12 to 2", replaces_entry_id: seed.id }, config(a)));
    expect(seeded).toContain("couldn't find the earlier note");
    expect((await store.listEntries(a)).find((e) => e.id === seed.id)?.supersededById).toBeNull();

    const cross = String(await tool.invoke({ fact: "we are open on Mondays 1 to 2", replaces_entry_id: foreign.id }, config(a)));
    expect(cross).toContain("couldn't find the earlier note");
    expect((await store.listEntries(b))[0]?.supersededById).toBeNull();
  });
});

describe("forget_knowledge: finding the entry", () => {
  it("prefers titles, lists every candidate when several match, and searches only the tenant", async () => {
    const store = new MemoryKnowledgeStore();
    await store.addEntry(a, { title: "Facial price", content: "A facial costs ₹1,200." });
    await store.addEntry(a, { title: "Haircut price", content: "A haircut costs ₹400." });
    await store.addEntry(a, { title: "Parking", content: "Free parking behind the building." });
    await store.addEntry(b, { title: "Parking", content: "No parking here." });
    const titles = async (q: string) => (await findEntries(store, store, a, q, 0.5)).map((e) => e.title);
    expect(await titles("parking")).toEqual(["Parking"]);
    expect(await titles("the Facial Price entry")).toEqual(["Facial price"]);
    expect((await titles("price")).sort()).toEqual(["Facial price", "Haircut price"]);
    expect(await titles("behind the building")).toEqual(["Parking"]); // by search
    expect(await titles("motorbike repairs")).toEqual([]);
    expect((await findEntries(store, store, a, "parking", 0.5))[0]?.tenantId).toBe(a);
  });
});
