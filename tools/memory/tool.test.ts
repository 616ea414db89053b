// The memory tools act on the contact of the run context only: a model that names another
// contact (or tenant) in its arguments reads and deletes nothing of theirs.
import { describe, expect, it } from "vitest";
import type { ContactFactView, ContactMemory, ExtractedFact, FactKey, RememberSource } from "../../knowledge/memory/types.js";
import { toolConfigurable } from "../context.js";
import { toolsFor } from "../registry.js";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import { MEMORY_REFUSAL } from "./format.js";
import { forgetMyMemoryTool, myMemoryTool } from "./tool.js";

const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const ME = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const OTHER = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

/** A ContactMemory double keyed by (tenant, contact), like the repository. */
class MapMemory implements ContactMemory {
  readonly rows = new Map<string, ContactFactView[]>();
  async list(tenantId: string, contactId: string) {
    return [...(this.rows.get(`${tenantId}/${contactId}`) ?? [])];
  }
  async remember(tenantId: string, contactId: string, facts: ExtractedFact[], source: RememberSource) {
    const k = `${tenantId}/${contactId}`;
    this.rows.set(k, [...facts.map((f) => ({ ...f, channel: source.channel, learnedAt: new Date() })), ...(this.rows.get(k) ?? [])]);
    return facts.length;
  }
  async forget(tenantId: string, contactId: string, key?: FactKey) {
    const k = `${tenantId}/${contactId}`;
    const before = this.rows.get(k) ?? [];
    const kept = key ? before.filter((f) => f.key !== key) : [];
    this.rows.set(k, kept);
    return before.length - kept.length;
  }
}

async function seeded() {
  const m = new MapMemory();
  await m.remember(T1, ME, [{ key: "name", value: "Priya" }, { key: "preference", value: "prefers Anna" }], { channel: "whatsapp" });
  await m.remember(T1, OTHER, [{ key: "name", value: "Mallory" }], { channel: "sms" });
  await m.remember(T2, ME, [{ key: "name", value: "Other tenant" }], { channel: "voice" });
  return m;
}
const config = (contactId?: string, tenantId = T1, memoryAccess: "full" | "learn_only" | null = "full") => ({
  configurable: toolConfigurable({ tenantId, role: "lead", conversationId: "c1", ...(contactId ? { contactId } : {}), ...(memoryAccess ? { memoryAccess } : {}) }),
});

describe("my_memory", () => {
  it("describes the run context's contact, in plain words with the channel", async () => {
    const out = await myMemoryTool(await seeded()).invoke({}, config(ME));
    expect(out).toContain("Your name: Priya (you told me on WhatsApp)");
    expect(out).toContain("A preference: prefers Anna");
    expect(out).not.toMatch(/Mallory|Other tenant/);
  });

  it("ignores a contact or tenant id slipped into the arguments", async () => {
    const out = await myMemoryTool(await seeded()).invoke({ contactId: OTHER, tenantId: T2 } as never, config(ME));
    expect(out).toContain("Priya");
    expect(out).not.toMatch(/Mallory|Other tenant/);
  });

  it("refuses a run without a contact instead of guessing one", async () => {
    await expect(myMemoryTool(await seeded()).invoke({}, config())).rejects.toThrow(/without a contact/);
  });
});

describe("forget_my_memory", () => {
  it("deletes one kind, then everything, of the run context's contact only", async () => {
    const m = await seeded();
    const tool = forgetMyMemoryTool(m);
    expect(await tool.invoke({ kind: "name", contactId: OTHER } as never, config(ME))).toMatch(/forgotten your name/);
    expect((await m.list(T1, ME)).map((f) => f.key)).toEqual(["preference"]);
    expect(await tool.invoke({}, config(ME))).toMatch(/forgotten everything/);
    expect(await m.list(T1, ME)).toEqual([]);
    expect(await tool.invoke({}, config(ME))).toMatch(/nothing to forget/);
    expect((await m.list(T1, OTHER)).map((f) => f.value)).toEqual(["Mallory"]);
    expect((await m.list(T2, ME)).map((f) => f.value)).toEqual(["Other tenant"]);
  });

  it("rejects an unknown kind", async () => {
    await expect(forgetMyMemoryTool(await seeded()).invoke({ kind: "everything_of_bob" } as never, config(ME))).rejects.toThrow();
  });
});

describe("memory access of the run", () => {
  it("learn_only (a call with unverified caller ID): both tools refuse politely, read and delete nothing", async () => {
    const m = await seeded();
    const read = await myMemoryTool(m).invoke({}, config(ME, T1, "learn_only"));
    expect(read).toBe(MEMORY_REFUSAL);
    expect(read).not.toContain("Priya");
    expect(await forgetMyMemoryTool(m).invoke({}, config(ME, T1, "learn_only"))).toBe(MEMORY_REFUSAL);
    expect(await forgetMyMemoryTool(m).invoke({ kind: "name" }, config(ME, T1, "learn_only"))).toBe(MEMORY_REFUSAL);
    expect((await m.list(T1, ME)).map((f) => f.value)).toEqual(["Priya", "prefers Anna"]);
  });

  it("a run that does not say is treated as learn_only (fail closed)", async () => {
    const m = await seeded();
    expect(await myMemoryTool(m).invoke({}, config(ME, T1, null))).toBe(MEMORY_REFUSAL);
    expect(await forgetMyMemoryTool(m).invoke({}, config(ME, T1, null))).toBe(MEMORY_REFUSAL);
    expect(await m.list(T1, ME)).toHaveLength(2);
  });

  it("a model cannot grant itself access through the arguments", async () => {
    const m = await seeded();
    expect(await myMemoryTool(m).invoke({ memoryAccess: "full" } as never, config(ME, T1, "learn_only"))).toBe(MEMORY_REFUSAL);
    expect(await forgetMyMemoryTool(m).invoke({ memoryAccess: "full", kind: "all" } as never, config(ME, T1, "learn_only"))).toBe(MEMORY_REFUSAL);
    expect(await m.list(T1, ME)).toHaveLength(2);
  });
});

describe("registry", () => {
  it("leads get the memory tools only when memory is wired; owners never", async () => {
    const knowledge = new MemoryKnowledgeStore();
    const names = (role: "lead" | "owner", memory?: ContactMemory) =>
      toolsFor(role, { knowledge, minScore: 0.5, ...(memory ? { memory } : {}) }).map((t) => t.name);
    expect(names("lead", new MapMemory())).toEqual(expect.arrayContaining(["my_memory", "forget_my_memory"]));
    expect(names("lead")).not.toContain("my_memory");
    expect(names("owner", new MapMemory())).not.toContain("my_memory");
  });
});
