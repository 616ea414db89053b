// ContactMemoryRepo on the real PostgreSQL: replacement of single-valued keys, the cap on
// preferences, forgetting, and tenant isolation in every direction.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { ContactMemoryRepo } from "./repo.js";
import { ContactMemoryService } from "./service.js";
import { MULTI_VALUE_CAP } from "./types.js";

const db = testDb();
const repo = new ContactMemoryRepo(db);
afterAll(async () => {
  await db.$disconnect();
});

async function contact() {
  const tenant = await db.tenant.create({ data: { slug: uniqueSlug("mem"), name: "Mem" }, select: { id: true } });
  const c = await db.contact.create({ data: { tenantId: tenant.id }, select: { id: true } });
  return { tenantId: tenant.id, contactId: c.id };
}

describe("ContactMemoryRepo", () => {
  it("replaces single-valued keys, keeps preferences newest first up to the cap", async () => {
    const { tenantId, contactId } = await contact();
    await repo.remember(tenantId, contactId, [{ key: "name", value: "Priya" }], { channel: "whatsapp" });
    await repo.remember(tenantId, contactId, [{ key: "name", value: "P" }], { channel: "voice" });
    for (let i = 0; i < MULTI_VALUE_CAP + 2; i++) {
      await repo.remember(tenantId, contactId, [{ key: "preference", value: `prefers stylist ${i}` }], { channel: "sms" });
    }
    await repo.remember(tenantId, contactId, [{ key: "preference", value: "PREFERS STYLIST 6" }], { channel: "sms" });
    const facts = await repo.list(tenantId, contactId);
    expect(facts.filter((f) => f.key === "name").map((f) => [f.value, f.channel])).toEqual([["P", "voice"]]);
    const prefs = facts.filter((f) => f.key === "preference").map((f) => f.value);
    expect(prefs).toHaveLength(MULTI_VALUE_CAP);
    expect(prefs[0]).toBe("PREFERS STYLIST 6");
    expect(prefs).not.toContain("prefers stylist 0");
    expect(prefs).not.toContain("prefers stylist 6");
  });

  it("concurrent writes for one contact keep one value of a single-valued key", async () => {
    // voice and WhatsApp turns of one person run under different conversation locks
    const { tenantId, contactId } = await contact();
    const names = Array.from({ length: 10 }, (_, i) => `Name${i}`);
    const channels = ["voice", "whatsapp", "sms"] as const;
    await Promise.all(
      names.map((value, i) =>
        repo.remember(tenantId, contactId, [{ key: "name", value }, { key: "last_service", value: `service ${i}` }], { channel: channels[i % 3]! }),
      ),
    );
    const rows = await db.contactFact.findMany({ where: { tenantId, contactId }, select: { key: true, value: true } });
    expect(rows.filter((r) => r.key === "name")).toHaveLength(1);
    expect(rows.filter((r) => r.key === "last_service")).toHaveLength(1);
    expect(names).toContain(rows.find((r) => r.key === "name")!.value);
  });

  it("a forget running with concurrent writes leaves no single-valued key duplicated", async () => {
    const { tenantId, contactId } = await contact();
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => repo.remember(tenantId, contactId, [{ key: "name", value: `N${i}` }], { channel: "sms" })),
      repo.forget(tenantId, contactId, "name"),
      ...Array.from({ length: 4 }, (_, i) => repo.remember(tenantId, contactId, [{ key: "name", value: `M${i}` }], { channel: "voice" })),
    ]);
    expect((await repo.list(tenantId, contactId)).filter((f) => f.key === "name").length).toBeLessThanOrEqual(1);
  });

  it("forgets one kind or everything", async () => {
    const { tenantId, contactId } = await contact();
    await repo.remember(tenantId, contactId, [{ key: "name", value: "Jo" }, { key: "preference", value: "no fragrances" }], { channel: "web" });
    expect(await repo.forget(tenantId, contactId, "name")).toBe(1);
    expect((await repo.list(tenantId, contactId)).map((f) => f.key)).toEqual(["preference"]);
    expect(await repo.forget(tenantId, contactId)).toBe(1);
    expect(await repo.list(tenantId, contactId)).toEqual([]);
  });

  it("another tenant sees, writes and deletes nothing of this contact", async () => {
    const a = await contact();
    const b = await contact();
    await repo.remember(a.tenantId, a.contactId, [{ key: "name", value: "Aisha" }], { channel: "whatsapp" });
    expect(await repo.list(b.tenantId, a.contactId)).toEqual([]);
    expect(await repo.forget(b.tenantId, a.contactId)).toBe(0);
    await expect(repo.remember(b.tenantId, a.contactId, [{ key: "name", value: "Mallory" }], { channel: "sms" })).rejects.toThrow(/contact/);
    expect((await repo.list(a.tenantId, a.contactId)).map((f) => f.value)).toEqual(["Aisha"]);
  });

  it("refuses missing or malformed ids instead of defaulting", async () => {
    const { contactId } = await contact();
    await expect(repo.list("", contactId)).rejects.toThrow(/tenantId/);
    await expect(repo.list(randomUUID(), "nope")).rejects.toThrow(/contactId/);
  });

  it("the service learns from a turn's messages with their ids and channel", async () => {
    const { tenantId, contactId } = await contact();
    const id = randomUUID();
    const svc = new ContactMemoryService(repo);
    expect(await svc.learn({ tenantId, contactId, channel: "sms", messages: [{ id, text: "Hi, I'm Priya. I had a balayage last time" }] })).toBe(2);
    const row = await db.contactFact.findFirstOrThrow({ where: { tenantId, contactId, key: "name" } });
    expect([row.value, row.channel, row.sourceMessageId]).toEqual(["Priya", "sms", id]);
    expect(await svc.learn({ tenantId, contactId, channel: "sms", messages: [{ id: randomUUID(), text: "forget my name, I'm Priya" }] })).toBe(0);
  });

  it("a turn that asks to forget learns nothing, from any of its messages", async () => {
    const { tenantId, contactId } = await contact();
    const svc = new ContactMemoryService(repo);
    await repo.remember(tenantId, contactId, [{ key: "name", value: "Priya" }, { key: "preference", value: "prefers Anna" }], { channel: "sms" });
    // the burst "I'm Ana" + "forget my name": the turn's forget_my_memory ran, then learning comes after the commit
    expect(await repo.forget(tenantId, contactId, "name")).toBe(1);
    const burst = [{ id: randomUUID(), text: "Hi, I'm Ana. I prefer mornings" }, { id: randomUUID(), text: "actually please forget my name" }];
    expect(await svc.learn({ tenantId, contactId, channel: "whatsapp", messages: burst })).toBe(0);
    expect((await repo.list(tenantId, contactId)).map((f) => f.value)).toEqual(["prefers Anna"]);
    // the words need not match: a turn whose model called forget_my_memory learns nothing either
    const said = [{ id: randomUUID(), text: "Hi, I'm Ana" }];
    expect(await svc.learn({ tenantId, contactId, channel: "voice", messages: said, forgetRequested: true })).toBe(0);
    expect((await repo.list(tenantId, contactId)).map((f) => f.key)).toEqual(["preference"]);
    // and the same message in a turn without a forget is learnt
    expect(await svc.learn({ tenantId, contactId, channel: "voice", messages: said })).toBe(1);
    expect((await repo.list(tenantId, contactId)).find((f) => f.key === "name")?.value).toBe("Ana");
  });

  it("add-only learning (an unverified caller) adds new facts but never replaces a name", async () => {
    const { tenantId, contactId } = await contact();
    const svc = new ContactMemoryService(repo);
    await repo.remember(tenantId, contactId, [{ key: "name", value: "Priya" }], { channel: "whatsapp" });
    const spoof = [{ id: randomUUID(), text: "Hi, I'm Mallory. I prefer evening appointments" }];
    expect(await svc.learn({ tenantId, contactId, channel: "voice", messages: spoof, addOnly: true })).toBeGreaterThan(0);
    const facts = await repo.list(tenantId, contactId);
    expect(facts.filter((f) => f.key === "name").map((f) => f.value)).toEqual(["Priya"]);
    expect(facts.some((f) => f.key === "preference")).toBe(true);
    // a contact with no name yet gets one, even add-only
    const fresh = await contact();
    expect(await svc.learn({ ...fresh, channel: "voice", messages: [{ id: randomUUID(), text: "Hi, I'm Mallory" }], addOnly: true })).toBe(1);
  });
});
