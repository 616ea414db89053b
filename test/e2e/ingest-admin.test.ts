// The knowledge-documents admin API: upload text or base64 files (202, then ingested from
// the queue), list with progress, read one, delete one (its entries leave search); bad
// input is a 400 with the reason, an unknown tenant a 404; and tenants never see each
// other's documents or ingestion status, through the API or the owner's chat tool.
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../knowledge/ingest/index.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { ingestFixture, whatsappOwnerTenant } from "../support/ingest.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ overrides: { ingest: { limits: { ...DEFAULT_LIMITS, maxBytes: 64 * 1024 } } } });
});
afterAll(async () => {
  await h.close();
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const docsPath = (tenantId: string) => `/tenants/${tenantId}/knowledge/documents`;
const until = (tenantId: string, id: string, status: string) =>
  eventually(async () => {
    const r = await h.admin("GET", `${docsPath(tenantId)}/${id}`);
    return r.body.status === status ? r.body : null;
  }, 15_000);

it("ingests text and files sent as base64, and reports an identical upload as unchanged", async () => {
  const t = await h.createTenant();
  const text = await h.admin("POST", docsPath(t.tenantId), { name: "policies.md", text: new TextDecoder().decode(ingestFixture("policies.md")) });
  expect(text.status).toBe(202);
  expect(text.body).toMatchObject({ name: "policies.md", kind: "text", source: "admin", status: "queued", outcome: "queued", progress: { done: 0, total: 0 } });
  expect(text.body).not.toHaveProperty("raw");
  expect(await until(t.tenantId, text.body.id, "done")).toMatchObject({ entries: 4, progress: { done: 4, total: 4 }, finishedAt: expect.any(String) });

  const csv = await h.admin("POST", docsPath(t.tenantId), { name: "faq-bad-rows.csv", contentBase64: b64(ingestFixture("faq-bad-rows.csv")) });
  expect(csv.body.kind).toBe("csv");
  const done = await until(t.tenantId, csv.body.id, "done");
  expect(done.entries).toBe(2);
  expect(done.error).toMatch(/^skipped 2: row 3: the answer to “Do you sell shampoo\?” is empty; row 4: the question is empty$/);

  const again = await h.admin("POST", docsPath(t.tenantId), { name: "faq-bad-rows.csv", contentBase64: b64(ingestFixture("faq-bad-rows.csv")) });
  expect(again.status).toBe(200);
  expect(again.body.outcome).toBe("unchanged");

  const list = await h.admin("GET", `${docsPath(t.tenantId)}?status=done&name=POLICIES`);
  expect(list.body.items.map((d: { name: string }) => d.name)).toEqual(["policies.md"]);
  const hits = await h.c.knowledge.search(t.tenantId, "deposit for treatments over 100");
  expect(hits[0]).toMatchObject({ title: "policies.md: Salon policies › Deposits" });

  const pdf = await h.admin("POST", docsPath(t.tenantId), { name: "scan.pdf", contentBase64: b64(ingestFixture("scanned.pdf")) });
  expect(await until(t.tenantId, pdf.body.id, "failed")).toMatchObject({ error: expect.stringMatching(/no text I can read/) });

  expect((await h.admin("DELETE", `${docsPath(t.tenantId)}/${text.body.id}`)).status).toBe(204);
  expect((await h.c.knowledge.search(t.tenantId, "deposit for treatments over 100")).filter((x) => x.source === "document:policies.md")).toEqual([]);
  expect(await h.c.knowledge.listEntries(t.tenantId, { documentId: text.body.id })).toEqual([]);
  expect((await h.admin("GET", docsPath(t.tenantId))).body.items.map((d: { name: string }) => d.name).sort()).toEqual(["faq-bad-rows.csv", "scan.pdf"]);
});

it("refuses bad input with a 400 and the reason, unknown tenants and documents with a 404", async () => {
  const t = await h.createTenant();
  const post = (body: unknown) => h.admin("POST", docsPath(t.tenantId), body);
  const fields = (r: { body: any }) => r.body.error.details?.map((d: { field: string; message: string }) => `${d.field}: ${d.message}`);

  const none = await post({ name: "x.txt" });
  expect(none.status).toBe(400);
  expect(fields(none)).toEqual(["text: send exactly one of text or contentBase64"]);
  expect(fields(await post({ name: "x.txt", text: "a", contentBase64: "YQ==" }))).toEqual(["text: send exactly one of text or contentBase64"]);
  expect(fields(await post({ name: "x.csv", contentBase64: "not base64!" }))).toEqual(["contentBase64: contentBase64 is not valid base64"]);
  expect(fields(await post({ name: "", text: "hello" }))).toEqual(["name: a document name is required"]);
  expect(fields(await post({ name: "x", kind: "docx", text: "hello" }))[0]).toMatch(/^kind: /);

  const docx = await post({ name: "menu.docx", contentBase64: "UEsDBA==" });
  expect(docx.status).toBe(400);
  expect(docx.body.error.message).toMatch(/could not tell what kind of document this is/);
  const big = await post({ name: "big.txt", text: "a".repeat(70 * 1024) });
  expect(big.status).toBe(400);
  expect(big.body.error.message).toBe("the document is 70 KB; the most is 64 KB");
  const malformed = await fetch(`${h.baseUrl}/api/v1${docsPath(t.tenantId)}`, {
    method: "POST", headers: { authorization: `Bearer ${h.config.ADMIN_TOKEN}`, "content-type": "application/json" }, body: "{not json",
  });
  expect(malformed.status).toBe(400);

  const unknown = "00000000-0000-4000-8000-000000000000";
  expect((await h.admin("POST", docsPath(unknown), { name: "a.txt", text: "hello" })).status).toBe(404);
  expect((await h.admin("GET", docsPath(unknown))).status).toBe(404);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}/${unknown}`)).status).toBe(404);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}/not-a-uuid`)).status).toBe(400);
  expect((await h.admin("GET", docsPath(t.tenantId), undefined, "wrong-token-wrong-token-wrong")).status).toBe(401);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}?status=nope`)).status).toBe(400);
  expect((await h.c.db.knowledgeDocument.count({ where: { tenantId: t.tenantId } }))).toBe(0);
});

it("walls tenants off: documents, their status and the owner's status tool", async () => {
  const a = await whatsappOwnerTenant(h);
  const b = await whatsappOwnerTenant(h);
  const up = await h.admin("POST", docsPath(a.tenantId), { name: "Secret Price List.csv", contentBase64: b64(ingestFixture("faq.csv")) });
  await until(a.tenantId, up.body.id, "done");

  expect((await h.admin("GET", docsPath(b.tenantId))).body.items).toEqual([]);
  expect((await h.admin("GET", `${docsPath(b.tenantId)}/${up.body.id}`)).status).toBe(404);
  expect((await h.admin("DELETE", `${docsPath(b.tenantId)}/${up.body.id}`)).status).toBe(404);
  expect((await h.admin("GET", `${docsPath(a.tenantId)}/${up.body.id}`)).body.status).toBe("done");
  expect(await h.c.knowledge.search(b.tenantId, "Is there parking nearby?")).toEqual([]);

  // the same bytes under the same name in tenant B are B's own document, ingested for B
  const mine = await h.admin("POST", docsPath(b.tenantId), { name: "Secret Price List.csv", contentBase64: b64(ingestFixture("faq.csv")) });
  expect(mine.status).toBe(202);
  expect(mine.body.id).not.toBe(up.body.id);
  await until(b.tenantId, mine.body.id, "done");
  await h.admin("DELETE", `${docsPath(b.tenantId)}/${mine.body.id}`);
  expect((await h.admin("GET", `${docsPath(a.tenantId)}/${up.body.id}`)).body.entries).toBe(5);
  expect((await h.c.knowledge.search(a.tenantId, "Is there parking nearby?"))[0]?.text).toMatch(/Harbour car park/);

  expect(await b.say(b.owner, "what documents have I added?")).toMatch(/^You haven't added any documents yet/);
  expect(await b.say(b.owner, "is my secret price list done?")).toMatch(/^You haven't added any documents yet/);
  expect(await a.say(a.owner, "is my secret price list done?")).toMatch(/^Secret Price List\.csv — done/);
});
