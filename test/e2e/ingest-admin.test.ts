// The knowledge-documents admin API: upload text or base64 files (202, then ingested from
// the queue), list with progress, read one, delete one (its entries leave search); bad
// input is a 400 with the reason, an unknown tenant a 404; and tenants never see each
// other's documents or ingestion status, through the API or the owner's chat tool.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ingestLocks } from "../../api/ingest/index.js";
import { sha256 } from "../../api/ingest/service.js";
import { ingestJobId } from "../../api/pipeline/queues.js";
import { DEFAULT_LIMITS } from "../../knowledge/ingest/index.js";
import { toolConfigurable } from "../../tools/context.js";
import { ingestionStatusTool } from "../../tools/ingest/tool.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { ingestFixture, whatsappOwnerTenant } from "../support/ingest.js";

let h: Harness;
beforeAll(async () => {
  // a delete gives a running job 1.5 s to stop; the lost-job sweep runs every 300 ms (for
  // documents idle 10 min: in this shared database, only the one the sweep test ages)
  h = await startHarness({
    overrides: { ingest: { limits: { ...DEFAULT_LIMITS, maxBytes: 64 * 1024 }, deleteWaitMs: 1500, sweepEveryMs: 300, sweepIdleMs: 10 * 60_000 } },
  });
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

it("never deletes a document while its job holds it: 409 with the reason, then the delete removes every entry", async () => {
  const t = await h.createTenant();
  const up = await h.admin("POST", docsPath(t.tenantId), { name: "policies.md", text: new TextDecoder().decode(ingestFixture("policies.md")) });
  const id = up.body.id as string;
  await until(t.tenantId, id, "done");
  const question = "deposit for treatments over 100";
  expect((await h.c.knowledge.search(t.tenantId, question))[0]).toMatchObject({ title: "policies.md: Salon policies › Deposits" });

  // a job of this document that does not let go (slow, or stuck between two progress checks)
  const held = await ingestLocks(h.c.redis, h.config.REDIS_PREFIX).tryAcquire(id);
  expect(held).not.toBeNull();
  const started = Date.now();
  const busy = await h.admin("DELETE", `${docsPath(t.tenantId)}/${id}`);
  expect(busy.status).toBe(409);
  expect(busy.body.error.message).toBe("policies.md is still being processed; it will stop shortly — please try deleting it again in a moment.");
  expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  // nothing was deleted under the job; the row is marked so the job stops at its next check
  expect(await h.c.knowledge.listEntries(t.tenantId, { documentId: id })).toHaveLength(4);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}/${id}`)).body).toMatchObject({ status: "failed", error: "being deleted" });

  await held!.release();
  expect((await h.admin("DELETE", `${docsPath(t.tenantId)}/${id}`)).status).toBe(204);
  expect(await h.c.knowledge.listEntries(t.tenantId, { documentId: id })).toEqual([]);
  expect(await h.c.knowledge.listEntries(t.tenantId)).toEqual([]);
  expect(await h.c.knowledge.search(t.tenantId, question)).toEqual([]);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}/${id}`)).status).toBe(404);
});

it("keeps a section two documents share when one of them is deleted: each document has its own entry", async () => {
  const t = await h.createTenant();
  const parking = "## Parking\nThe Harbour car park is two minutes' walk from the salon and free after 6pm.\n";
  const a = await h.admin("POST", docsPath(t.tenantId), { name: "salon-guide.md", text: `${parking}\n## Deposits\nWe take a £20 deposit for any treatment over two hours.\n` });
  const b = await h.admin("POST", docsPath(t.tenantId), { name: "visitor-info.md", text: `${parking}\n## Gift vouchers\nGift vouchers are valid for twelve months from purchase.\n` });
  expect((await until(t.tenantId, a.body.id, "done")).entries).toBe(2);
  expect((await until(t.tenantId, b.body.id, "done")).entries).toBe(2);
  const parkingOf = async (documentId: string) =>
    (await h.c.knowledge.listEntries(t.tenantId, { documentId })).filter((e) => /Harbour car park/.test(e.content));
  const [pa] = await parkingOf(a.body.id);
  const [pb] = await parkingOf(b.body.id);
  expect(pa && pb && pa.id !== pb.id).toBe(true);

  expect((await h.admin("DELETE", `${docsPath(t.tenantId)}/${a.body.id}`)).status).toBe(204);
  expect(await h.c.knowledge.listEntries(t.tenantId, { documentId: a.body.id })).toEqual([]);
  expect((await parkingOf(b.body.id)).map((e) => e.id)).toEqual([pb!.id]);
  const hits = await h.c.knowledge.search(t.tenantId, "Is there parking near the salon?");
  expect(hits[0]).toMatchObject({ source: "document:visitor-info.md", text: expect.stringMatching(/Harbour car park/) });
  expect(hits.some((x) => x.source === "document:salon-guide.md")).toBe(false);
  expect((await h.admin("GET", `${docsPath(t.tenantId)}/${b.body.id}`)).body).toMatchObject({ status: "done", entries: 2 });
});

it("queues a document whose job was lost (accepted, never enqueued) without a restart", async () => {
  const t = await h.createTenant();
  const bytes = new TextEncoder().encode("## Opening hours\nWe are open Monday to Saturday, 9am to 7pm, and closed on Sundays.\n");
  const contentHash = sha256(bytes);
  const doc = await h.c.db.knowledgeDocument.create({
    data: { tenantId: t.tenantId, name: "hours.md", kind: "text", source: "admin", contentHash, byteSize: bytes.byteLength, raw: bytes, status: "queued" },
  });
  // as if its upload committed long ago and the process died before the enqueue
  await h.c.db.$executeRaw`UPDATE "KnowledgeDocument" SET "updatedAt" = now() - interval '1 hour' WHERE id = ${doc.id}::uuid`;
  expect(await h.c.queues.ingest.getJob(ingestJobId(doc.id, contentHash))).toBeFalsy();
  expect(await until(t.tenantId, doc.id, "done")).toMatchObject({ entries: 1 });
  expect((await h.c.knowledge.search(t.tenantId, "are you open on Sunday"))[0]?.text).toMatch(/closed on Sundays/);
});

it("finds a document by name in the repository, however many newer ones there are", async () => {
  const t = await h.createTenant();
  const base = Date.now() - 86_400_000;
  const row = (name: string, at: number) => ({
    tenantId: t.tenantId, name, kind: "csv", source: "admin", contentHash: sha256(new TextEncoder().encode(name)), byteSize: 10,
    status: "done" as const, entries: 3, finishedAt: new Date(at), createdAt: new Date(at), updatedAt: new Date(at),
  });
  await h.c.db.knowledgeDocument.createMany({
    data: [row("Winter Brochure 2019.pdf", base - 30 * 86_400_000), ...Array.from({ length: 70 }, (_, i) => row(`invoice-${i + 1}.csv`, base + i * 1000))],
  });
  expect((await h.c.ingest.list(t.tenantId, { limit: 50, nameWords: ["brochure", "WINTER"] })).map((d) => d.name)).toEqual(["Winter Brochure 2019.pdf"]);
  const ask = (name: string) =>
    ingestionStatusTool(h.c.ingest).invoke({ name }, { configurable: toolConfigurable({ tenantId: t.tenantId, role: "owner", conversationId: "c1" }) });
  expect(await ask("the winter brochure")).toMatch(/^Winter Brochure 2019\.pdf — done \d+ d ago, 3 entries$/);
});
