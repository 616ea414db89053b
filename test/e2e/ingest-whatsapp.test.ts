// Owners add knowledge by sending documents on WhatsApp: the file is fetched through the
// Graph media API, ingested from the queue, the owner is told when it is in, and leads are
// answered from it. Re-sending replaces (unchanged rows keep their entries), deleting
// removes it from search, the owner can ask how it is going, and leads' files are not taken.
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultName } from "../../api/ingest/owner-files.js";
import { ingestJobId } from "../../api/pipeline/queues.js";
import { DEFAULT_LIMITS } from "../../knowledge/ingest/index.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { ingestFixture, textOf, whatsappOwnerTenant } from "../support/ingest.js";
import { documentWebhook } from "../support/ingest.js";

let h: Harness;
beforeAll(async () => {
  // a short pause per written entry makes "mid-way" observable; 256 KB is this run's upload limit
  h = await startHarness({ overrides: { ingest: { throttleMs: 60, progressEveryMs: 0, limits: { ...DEFAULT_LIMITS, maxBytes: 256 * 1024 } } } });
});
afterAll(async () => {
  await h.close();
});

const CSV = "text/csv";
const lead = () => `4479${Math.floor(Math.random() * 1e8)}`;

it("ingests a FAQ CSV an owner sends, tells them when it is done, and answers leads from it", async () => {
  const t = await whatsappOwnerTenant(h);
  const sent = await t.sendFile(t.owner, { bytes: ingestFixture("faq.csv"), filename: "faq.csv", mimeType: CSV });
  expect(sent.ack).toBe("Got it — adding faq.csv; I'll tell you when it's done.");
  expect(await sent.next()).toMatch(/^✅ faq\.csv is added to what I know: 5 entries \(5 new\)/);

  // fetched as Graph serves media: metadata with the business's token, then the url with it
  const mediaGets = h.graph.requests.filter((r) => r.method === "GET");
  expect(mediaGets.length).toBeGreaterThanOrEqual(2);
  expect(mediaGets.every((r) => r.headers.authorization === `Bearer ${t.token}`)).toBe(true);

  const doc = (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items[0];
  expect(doc).toMatchObject({ name: "faq.csv", kind: "csv", source: "whatsapp", status: "done", entries: 5, progress: { done: 5, total: 5 } });
  expect((await h.c.db.knowledgeDocument.findUniqueOrThrow({ where: { id: doc.id } })).raw).toBeNull();

  const l = lead();
  expect(await t.say(l, "Is there parking nearby?")).toMatch(/Harbour car park/);
});

it("replaces a document sent again: changed rows answer anew, removed rows are gone, unchanged rows keep their entry", async () => {
  const t = await whatsappOwnerTenant(h);
  await (await t.sendFile(t.owner, { bytes: ingestFixture("faq.csv"), filename: "faq.csv", mimeType: CSV })).next();
  const docId = (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items[0].id as string;
  const before = new Map((await h.c.knowledge.listEntries(t.tenantId, { documentId: docId })).map((e) => [e.title, e.id]));
  const l = lead();
  expect(await t.say(l, "How much is a bridal trial?")).toMatch(/£60/);

  const again = await t.sendFile(t.owner, { bytes: ingestFixture("faq-v2.csv"), filename: "faq.csv", mimeType: CSV });
  expect(again.ack).toBe("Got it — updating faq.csv with this version; I'll tell you when it's done.");
  expect(await again.next()).toMatch(/5 entries \(2 new, 3 unchanged, 2 removed\)/);

  const after = new Map((await h.c.knowledge.listEntries(t.tenantId, { documentId: docId })).map((e) => [e.title, e.id]));
  for (const q of ["Do you take walk-ins?", "How do I pay?", "Is there parking nearby?"]) {
    expect(after.get(`faq.csv: ${q}`), q).toBe(before.get(`faq.csv: ${q}`));
  }
  expect(after.has("faq.csv: What is your refund policy?")).toBe(false);
  expect(await t.say(l, "How much is a bridal trial now?")).toMatch(/£75/);
  expect(await t.say(l, "Do you sell gift vouchers?")).toMatch(/valid for 12 months/);
  const hits = await h.c.knowledge.search(t.tenantId, "refund policy unhappy with a service");
  expect(hits.some((x) => /7 days/.test(x.text))).toBe(false);

  // the identical file once more is a no-op, said so
  const same = await t.sendFile(t.owner, { bytes: ingestFixture("faq-v2.csv"), filename: "faq.csv", mimeType: CSV });
  expect(same.ack).toBe("I already have this exact version of faq.csv — nothing to change.");
  const ids = (await h.c.knowledge.listEntries(t.tenantId, { documentId: docId })).map((e) => e.id).sort();
  expect(ids).toEqual([...after.values()].sort());
});

it("answers 'how is it going' mid-way and after, and deleting removes its entries from search", async () => {
  const t = await whatsappOwnerTenant(h);
  const rows = Array.from({ length: 60 }, (_, i) => `"What is included in treatment package ${i + 1}?","Package ${i + 1} includes a consultation, a wash and style number ${i + 1}."`);
  const sent = await t.sendFile(t.owner, { bytes: new TextEncoder().encode(`question,answer\n${rows.join("\n")}\n`), filename: "Price List.csv", mimeType: CSV });
  expect(sent.ack).toMatch(/Got it — adding Price List\.csv/);
  const docs = async () => (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items as Array<Record<string, any>>;
  await eventually(async () => (await docs())[0]?.progress.done >= 2);
  expect(await t.say(t.owner, "is my price list done?")).toMatch(/^Price List\.csv — being added: \d+ of 60 sections \(\d+%\)$/);

  await eventually(async () => t.to(t.owner).some((s) => /^✅ Price List\.csv is added to what I know: 60 entries/.test(textOf(s))), 30_000);
  expect(await t.say(t.owner, "what documents have I added?")).toMatch(/^Your documents:\n• Price List\.csv — done (just now|\d+ min ago), 60 entries$/);

  const l = lead();
  expect(await t.say(l, "What is included in treatment package 17?")).toMatch(/wash and style number 17/);
  const doc = (await docs())[0]!;
  expect((await h.admin("DELETE", `/tenants/${t.tenantId}/knowledge/documents/${doc.id}`)).status).toBe(204);
  expect(await h.c.knowledge.listEntries(t.tenantId, { documentId: doc.id })).toEqual([]);
  expect(await h.c.knowledge.search(t.tenantId, "treatment package 17 wash and style")).toEqual([]);
  expect((await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents/${doc.id}`)).status).toBe(404);
  expect(await t.say(l, "What is included in treatment package 17?")).not.toMatch(/wash and style/);
}, 60_000);

it("reads a PDF price list an owner sends", async () => {
  const t = await whatsappOwnerTenant(h);
  const sent = await t.sendFile(t.owner, { bytes: ingestFixture("price-list.pdf"), filename: "price-list.pdf", mimeType: "application/pdf" });
  expect(sent.ack).toBe("Got it — adding price-list.pdf; I'll tell you when it's done.");
  expect(await sent.next()).toMatch(/✅ price-list\.pdf is added to what I know: 5 entries/);
  expect(await t.say(lead(), "How much is a gel manicure?")).toMatch(/£32/);
});

it("explains files it cannot take: unsupported kind, too big, a PDF it cannot read, media Graph does not know", async () => {
  const t = await whatsappOwnerTenant(h);
  const docx = await t.sendFile(t.owner, {
    bytes: new Uint8Array([0x50, 0x4b, 3, 4]), filename: "menu.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  });
  expect(docx.ack).toMatch(/can't read \.docx files yet.*save it as a PDF/);
  const big = await t.sendFile(t.owner, { bytes: new Uint8Array(300 * 1024).fill(65), filename: "notes.txt", mimeType: "text/plain" });
  expect(big.ack).toBe("notes.txt is 300 KB, which is more than the 256 KB I can take. Could you split it into smaller files?");
  const scan = await t.sendFile(t.owner, { bytes: ingestFixture("scanned.pdf"), filename: "scan.pdf", mimeType: "application/pdf" });
  expect(scan.ack).toMatch(/Got it/);
  expect(await scan.next()).toMatch(/^❌ I couldn't add scan\.pdf: This PDF has no text I can read/);
  expect((await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents?status=failed`)).body.items[0]).toMatchObject({ name: "scan.pdf", status: "failed" });

  const before = t.to(t.owner).length;
  await h.postWebhook(documentWebhook({ phoneNumberId: t.phoneNumberId, from: t.owner, mediaId: "4242424242", filename: "gone.pdf", mimeType: "application/pdf" }));
  expect(await t.waitFor(t.owner, before + 1)).toMatch(/couldn't download gone\.pdf from WhatsApp.*send it again/);
  const refused = h.graph.requests.find((r) => r.path.endsWith("/4242424242"));
  expect(refused?.status).toBe(400);
  expect((refused?.response as any).error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
}, 60_000);

it("keeps today's behaviour for a lead's file: nothing is downloaded or ingested", async () => {
  const t = await whatsappOwnerTenant(h);
  const l = lead();
  const mediaGetsBefore = h.graph.requests.filter((r) => r.method === "GET").length;
  const sent = await t.sendFile(l, { bytes: ingestFixture("faq.csv"), filename: "faq.csv", mimeType: CSV });
  expect(sent.ack).toMatch(/can't open photos, files or stickers/);
  expect(h.graph.requests.filter((r) => r.method === "GET").length).toBe(mediaGetsBefore);
  expect((await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items).toEqual([]);
});

it("adds a long text an owner pastes in chat as a document", async () => {
  const t = await whatsappOwnerTenant(h);
  const pasted = "Barber price list\nHaircut £25\nBeard trim £12\nHot towel shave £20\nKids' cut (under 12) £15";
  expect(await t.say(t.owner, `add this to your knowledge:\n${pasted}`)).toBe("Got it — adding this as “Barber price list”; I'll tell you when it's done.");
  await t.waitFor(t.owner, 2);
  expect(textOf(t.to(t.owner)[1]!)).toMatch(/^✅ Barber price list is added to what I know: 1 entry/);
  const doc = (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items[0];
  expect(doc).toMatchObject({ name: "Barber price list", kind: "text", source: "chat", status: "done" });
  expect(await t.say(lead(), "How much is a beard trim?")).toMatch(/£12/);
});

it("stops an ingestion under way when its document is deleted, leaving nothing behind", async () => {
  const t = await h.createTenant();
  const rows = Array.from({ length: 60 }, (_, i) => `Is room ${i + 1} available for private events?,Room ${i + 1} seats ${i + 10} guests.`);
  const up = await h.admin("POST", `/tenants/${t.tenantId}/knowledge/documents`, { name: "rooms.csv", text: `question,answer\n${rows.join("\n")}\n`, kind: "csv" });
  expect(up.status).toBe(202);
  await eventually(async () => (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents/${up.body.id}`)).body.doneParts >= 3);
  expect((await h.admin("DELETE", `/tenants/${t.tenantId}/knowledge/documents/${up.body.id}`)).status).toBe(204);
  // the delete waited for the job to let go before deleting, so nothing is left already…
  const left = async () => ({
    entries: (await h.c.knowledge.listEntries(t.tenantId)).length,
    ofDocument: (await h.c.knowledge.listEntries(t.tenantId, { documentId: up.body.id })).length,
    hits: (await h.c.knowledge.search(t.tenantId, "Is room 2 available for private events?")).length,
    rows: await h.c.db.knowledgeDocument.count({ where: { tenantId: t.tenantId } }),
  });
  expect(await left()).toEqual({ entries: 0, ofDocument: 0, hits: 0, rows: 0 });
  // …and stays so once the job has finished (it stopped at its next progress check, and is removed as completed)
  await eventually(async () => !(await h.c.queues.ingest.getJob(ingestJobId(up.body.id, up.body.contentHash))));
  expect(await left()).toEqual({ entries: 0, ofDocument: 0, hits: 0, rows: 0 });
});

it("names files sent without a name by day and media id, so two of the same day are two documents", async () => {
  const t = await whatsappOwnerTenant(h);
  const csv = (q: string, a: string) => new TextEncoder().encode(`question,answer\n"${q}","${a}"\n`);
  const first = await t.sendFile(t.owner, { bytes: csv("Do you do eyebrow threading?", "Yes, eyebrow threading is £12."), mimeType: CSV });
  const second = await t.sendFile(t.owner, { bytes: csv("Do you do lash lifts?", "Yes, a lash lift is £45."), mimeType: CSV });
  const day = new Date().toISOString().slice(0, 10);
  const named = /^Got it — adding (document-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv); I'll tell you when it's done\.$/;
  const [, a] = named.exec(first.ack) ?? [];
  const [, b] = named.exec(second.ack) ?? [];
  expect(a).toBe(defaultName({ mediaId: first.mediaId, mimeType: CSV }));
  expect(a?.startsWith(`document-${day}-`)).toBe(true);
  expect(b).toBeDefined();
  expect(b).not.toBe(a);
  const added = () => t.to(t.owner).map(textOf).filter((x) => /^✅ document-.* is added to what I know: 1 entry/.test(x));
  await eventually(async () => added().length === 2, 30_000);
  expect(added().map((x) => x.split(" ")[1]).sort()).toEqual([a, b].sort());
  const docs = (await h.admin("GET", `/tenants/${t.tenantId}/knowledge/documents`)).body.items as Array<{ name: string; status: string }>;
  expect(docs.map((d) => d.name).sort()).toEqual([a, b].sort());
  expect(docs.every((d) => d.status === "done")).toBe(true);
  expect(await t.say(lead(), "How much is eyebrow threading?")).toMatch(/£12/);
  expect(await t.say(lead(), "How much is a lash lift?")).toMatch(/£45/);
});
