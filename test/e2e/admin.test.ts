// The admin API: bearer auth, validation naming fields, credentials encrypted at rest,
// tenants walled off from each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { uniqueSlug } from "../support/db.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("admin API", () => {
  it("refuses requests without the right bearer token", async () => {
    expect((await h.admin("POST", "/tenants", { slug: uniqueSlug(), name: "X" }, "wrong-token-wrong-token-wrong")).status).toBe(401);
    const res = await fetch(`${h.baseUrl}/api/v1/dead-letters`);
    expect(res.status).toBe(401);
  });

  it("names each invalid field", async () => {
    const r = await h.admin("POST", "/tenants", { slug: "Bad Slug!", name: "", timezone: "Mars/Olympus", currency: "pounds" });
    expect(r.status).toBe(400);
    const fields = r.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(["currency", "name", "slug", "timezone"]);
    const bad = await fetch(`${h.baseUrl}/api/v1/tenants`, { method: "POST", headers: { authorization: `Bearer ${h.config.ADMIN_TOKEN}`, "content-type": "application/json" }, body: "{oops" });
    expect(bad.status).toBe(400);
  });

  it("creates a tenant once per slug and stores WhatsApp credentials encrypted", async () => {
    const slug = uniqueSlug();
    expect((await h.admin("POST", "/tenants", { slug, name: "Clinic" })).status).toBe(201);
    expect((await h.admin("POST", "/tenants", { slug, name: "Clinic again" })).status).toBe(409);
    const t = await h.createTenant();
    const listed = await h.admin("GET", `/tenants/${t.tenantId}/channels`);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(t.token);
    expect(listed.body.items[0]).toMatchObject({ channel: "whatsapp", externalId: t.phoneNumberId, hasCredentials: true });
    const raw = await h.c.db.channelAccount.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    expect(Buffer.from(raw.credentialsEnc!).toString("latin1")).not.toContain(t.token);
    // another tenant cannot claim the same number
    const other = await h.admin("POST", "/tenants", { slug: uniqueSlug(), name: "Other" });
    const claim = await h.admin("PUT", `/tenants/${other.body.id}/channels/whatsapp`, { phoneNumberId: t.phoneNumberId, accessToken: "EAAG".padEnd(40, "x") });
    expect(claim.status).toBe(409);
  });

  it("adds, lists and deletes knowledge, deduplicating identical content", async () => {
    const t = await h.createTenant();
    const first = await h.admin("POST", `/tenants/${t.tenantId}/knowledge`, SALON_KNOWLEDGE[0]);
    expect(first.status).toBe(201);
    const again = await h.admin("POST", `/tenants/${t.tenantId}/knowledge`, SALON_KNOWLEDGE[0]);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await h.admin("GET", `/tenants/${t.tenantId}/knowledge`)).body.items).toHaveLength(1);
    expect((await h.admin("DELETE", `/tenants/${t.tenantId}/knowledge/${first.body.id}`)).status).toBe(204);
    expect((await h.admin("GET", `/tenants/${t.tenantId}/knowledge`)).body.items).toHaveLength(0);
  });
});

describe("tenant isolation", () => {
  it("never shows one tenant's knowledge or conversations to another", async () => {
    const a = await h.createTenant({ knowledge: [{ title: "Secret menu", content: "Our hidden lavender scalp ritual costs £99 and lasts 90 minutes." }] });
    const b = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    await h.postWebhook(textWebhook({ phoneNumberId: a.phoneNumberId, from: "447700900600", text: "hello, how much is the lavender scalp ritual?" }));
    await h.postWebhook(textWebhook({ phoneNumberId: b.phoneNumberId, from: "447700900601", text: "how much is the lavender scalp ritual?" }));
    const sendOf = (p: string) => eventually(async () => h.graph.sends().find((s) => s.phoneNumberId === p) ?? null);
    const textOf = (s: { body: unknown }) => {
      const b = s.body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return b.text?.body ?? b.interactive?.body.text ?? "";
    };
    expect(textOf(await sendOf(a.phoneNumberId))).toContain("£99");
    expect(textOf(await sendOf(b.phoneNumberId))).not.toContain("£99");

    const convA = (await h.admin("GET", `/tenants/${a.tenantId}/conversations`)).body.items;
    const convB = (await h.admin("GET", `/tenants/${b.tenantId}/conversations`)).body.items;
    expect(convA).toHaveLength(1);
    expect(convB).toHaveLength(1);
    expect(convB[0].id).not.toBe(convA[0].id);
    // tenant B's path cannot read tenant A's conversation
    const cross = await h.admin("GET", `/tenants/${b.tenantId}/conversations/${convA[0].id}/messages`);
    expect(cross.status).toBe(404);
    const own = await h.admin("GET", `/tenants/${a.tenantId}/conversations/${convA[0].id}/messages`);
    expect(own.body.items.map((m: { direction: string }) => m.direction).sort()).toEqual(["inbound", "outbound"]);
    // nor delete its knowledge
    const entryA = (await h.admin("GET", `/tenants/${a.tenantId}/knowledge`)).body.items[0];
    expect((await h.admin("DELETE", `/tenants/${b.tenantId}/knowledge/${entryA.id}`)).status).toBe(404);
    expect((await h.admin("GET", `/tenants/${a.tenantId}/knowledge`)).body.items).toHaveLength(1);
  });
});
