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
});
