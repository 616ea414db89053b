// The behaviour every KnowledgeStore must have, as a reusable vitest suite. Run it from a
// *.test.ts with a harness for the implementation under test (embedded, Qdrant, ...).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_ANSWER_THRESHOLD } from "../relevance.js";
import type { KnowledgeStore } from "../types.js";

export interface ContractHarness {
  /** A new store instance. Instances of one harness share storage, like two processes. */
  newStore(): KnowledgeStore;
  /** A new, empty tenant; returns its id. */
  newTenant(): Promise<string>;
  /** A KnowledgeDocument row of the tenant (entries may point at it); returns its id. */
  newDocument(tenantId: string, name: string): Promise<string>;
  /** Documented bound (ms) for a change through one instance to show in another. */
  stalenessMs: number;
  close(): Promise<void>;
}

const HOURS = { title: "Opening hours", content: "Open Tuesday to Saturday, 9am to 6pm. Closed on Mondays.", tags: ["hours"] };
const PARKING = { title: "Parking", content: "Free street parking for two hours; a pay-and-display car park is nearby." };
const NAILS = { title: "Nails", content: "Gel manicure £32, classic pedicure £35, nail art from £5 per nail." };

export function knowledgeStoreContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`KnowledgeStore contract: ${name}`, () => {
    let h: ContractHarness;
    let store: KnowledgeStore;
    beforeAll(async () => {
      h = await makeHarness();
      store = h.newStore();
    });
    afterAll(async () => h?.close());

    it("adds entries, lists them in insertion order, and reports created", async () => {
      const t = await h.newTenant();
      const a = await store.addEntry(t, HOURS);
      const b = await store.addEntry(t, { ...PARKING, source: "chat" });
      expect(a.created).toBe(true);
      expect(a.entry).toMatchObject({ tenantId: t, title: "Opening hours", tags: ["hours"], source: "admin" });
      expect(b.entry.source).toBe("chat");
      expect((await store.listEntries(t)).map((e) => e.id)).toEqual([a.entry.id, b.entry.id]);
      expect((await store.listEntries(t, { limit: 1, offset: 1 })).map((e) => e.id)).toEqual([b.entry.id]);
    });

    it("re-adding identical content is idempotent", async () => {
      const t = await h.newTenant();
      const first = await store.addEntry(t, HOURS);
      const again = await store.addEntry(t, { ...HOURS, content: `  ${HOURS.content}\n` });
      expect(again).toEqual({ entry: first.entry, created: false });
      const [x, y] = await Promise.all([store.addEntry(t, NAILS), store.addEntry(t, NAILS)]);
      expect(x.entry.id).toBe(y.entry.id);
      expect([x.created, y.created].filter(Boolean)).toHaveLength(1);
      expect(await store.listEntries(t)).toHaveLength(2);
    });

    it("ranks the matching entry first, scores descending, at most k hits", async () => {
      const t = await h.newTenant();
      for (const e of [HOURS, PARKING, NAILS]) await store.addEntry(t, e);
      const hits = await store.search(t, "where can I leave my car?", { k: 2 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(2);
      expect(hits[0]!.title).toBe("Parking");
      expect(hits[0]!.text).toContain("car park");
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      expect((await store.search(t, "how much is a gel manicure"))[0]?.title).toBe("Nails");
    });

    it("deletes an entry and its chunks from search", async () => {
      const t = await h.newTenant();
      const { entry } = await store.addEntry(t, PARKING);
      await store.addEntry(t, HOURS);
      expect((await store.search(t, "parking"))[0]?.entryId).toBe(entry.id);
      expect(await store.deleteEntry(t, entry.id)).toBe(true);
      expect(await store.deleteEntry(t, entry.id)).toBe(false);
      expect((await store.search(t, "parking")).map((x) => x.entryId)).not.toContain(entry.id);
      expect((await store.listEntries(t)).map((e) => e.title)).toEqual(["Opening hours"]);
    });

    it("isolates tenants in search, list and delete, even with identical content", async () => {
      const a = await h.newTenant();
      const b = await h.newTenant();
      const inA = await store.addEntry(a, PARKING);
      await store.addEntry(a, HOURS);
      expect(await store.search(b, "parking car park")).toEqual([]);
      expect(await store.listEntries(b)).toEqual([]);
      expect(await store.deleteEntry(b, inA.entry.id)).toBe(false);
      const inB = await store.addEntry(b, PARKING);
      expect(inB.created).toBe(true);
      expect(inB.entry.id).not.toBe(inA.entry.id);
      expect((await store.search(b, "parking")).map((x) => x.entryId)).toEqual([inB.entry.id]);
      expect((await store.search(a, "parking"))[0]?.entryId).toBe(inA.entry.id);
      expect(await store.listEntries(a)).toHaveLength(2);
    });

    it("hits carry the entry's source and last change", async () => {
      const t = await h.newTenant();
      const { entry } = await store.addEntry(t, { ...PARKING, source: "chat" });
      const [hit] = await store.search(t, "parking");
      expect(hit).toMatchObject({ entryId: entry.id, source: "chat" });
      expect(hit!.updatedAt).toBeInstanceOf(Date);
      expect(Math.abs(hit!.updatedAt.getTime() - entry.updatedAt.getTime())).toBeLessThan(1000);
    });

    it("a superseded entry leaves search at once, stays listed, and comes back when its replacement is deleted", async () => {
      const t = await h.newTenant();
      const other = await h.newTenant();
      const old = await store.addEntry(t, { title: "Monday", content: "We are closed on Mondays.", source: "chat" });
      const neu = await store.addEntry(t, { title: "Monday", content: "From December we open on Mondays, 10am to 4pm.", source: "chat" });
      const foreign = await store.addEntry(other, { title: "Monday", content: "Mondays are quiet." });
      expect(await store.supersede(other, old.entry.id, neu.entry.id)).toBe(false);
      expect(await store.supersede(t, old.entry.id, foreign.entry.id)).toBe(false);
      expect(await store.supersede(t, old.entry.id, old.entry.id)).toBe(false);
      expect(await store.supersede(t, old.entry.id, neu.entry.id)).toBe(true);
      expect((await store.search(t, "are you open on mondays")).map((x) => x.entryId)).toEqual([neu.entry.id]);
      const listed = await store.listEntries(t);
      expect(listed.find((e) => e.id === old.entry.id)?.supersededById).toBe(neu.entry.id);
      expect(await store.deleteEntry(t, neu.entry.id)).toBe(true);
      expect((await store.search(t, "are you open on mondays")).map((x) => x.entryId)).toEqual([old.entry.id]);
      expect((await store.listEntries(t)).map((e) => e.supersededById)).toEqual([null]);
      expect((await store.search(other, "mondays")).map((x) => x.entryId)).toEqual([foreign.entry.id]);
    });

    it("a supersede chain unwinds one step at a time", async () => {
      const t = await h.newTenant();
      const [a, b, c] = await Promise.all(
        ["10am to 4pm", "11am to 3pm", "noon to 2pm"].map((x) => store.addEntry(t, { title: "Mondays", content: `On Mondays we open ${x}.`, source: "chat" })),
      );
      expect(await store.supersede(t, a!.entry.id, b!.entry.id)).toBe(true);
      expect(await store.supersede(t, b!.entry.id, c!.entry.id)).toBe(true);
      expect((await store.search(t, "mondays open")).map((x) => x.entryId)).toEqual([c!.entry.id]);
      await store.deleteEntry(t, c!.entry.id);
      expect((await store.search(t, "mondays open")).map((x) => x.entryId)).toEqual([b!.entry.id]);
    });

    it("deleting the middle of a supersede chain hands the oldest on to the newest; deleting the newest brings it back", async () => {
      const t = await h.newTenant();
      const [a, b, c] = await Promise.all(
        ["10am to 4pm", "11am to 3pm", "noon to 2pm"].map((x) => store.addEntry(t, { title: "Mondays", content: `On Mondays we open ${x}.`, source: "chat" })),
      );
      const [ida, idb, idc] = [a!.entry.id, b!.entry.id, c!.entry.id];
      const replacedBy = async () => new Map((await store.listEntries(t)).map((e) => [e.id, e.supersededById]));
      expect(await store.supersede(t, ida, idb)).toBe(true);
      expect(await store.supersede(t, idb, idc)).toBe(true);
      expect(await store.deleteEntry(t, idb)).toBe(true);
      expect((await store.search(t, "mondays open")).map((x) => x.entryId)).toEqual([idc]);
      expect(await replacedBy()).toEqual(new Map([[ida, idc], [idc, null]]));
      expect(await store.deleteEntry(t, idc)).toBe(true);
      expect((await store.search(t, "mondays open")).map((x) => x.entryId)).toEqual([ida]);
      expect(await replacedBy()).toEqual(new Map([[ida, null]]));
    });

    it("supersede(a, b) is refused when b is superseded", async () => {
      const t = await h.newTenant();
      const [a, b, c] = await Promise.all(
        ["10am to 4pm", "11am to 3pm", "noon to 2pm"].map((x) => store.addEntry(t, { title: "Mondays", content: `On Mondays we open ${x}.`, source: "chat" })),
      );
      const [ida, idb, idc] = [a!.entry.id, b!.entry.id, c!.entry.id];
      expect(await store.supersede(t, idb, idc)).toBe(true);
      expect(await store.supersede(t, ida, idb)).toBe(false);
      // nor can a cycle be closed
      expect(await store.supersede(t, idc, idb)).toBe(false);
      const listed = new Map((await store.listEntries(t)).map((e) => [e.id, e.supersededById]));
      expect(listed).toEqual(new Map([[ida, null], [idb, idc], [idc, null]]));
      expect(new Set((await store.search(t, "mondays open")).map((x) => x.entryId))).toEqual(new Set([ida, idc]));
    });

    it("gets one of the tenant's entries; another tenant's, a malformed or a deleted id is null", async () => {
      const t = await h.newTenant();
      const other = await h.newTenant();
      const { entry } = await store.addEntry(t, HOURS);
      const foreign = await store.addEntry(other, HOURS);
      expect(await store.getEntry(t, entry.id)).toEqual(entry);
      expect(await store.getEntry(t, foreign.entry.id)).toBeNull();
      expect(await store.getEntry(other, entry.id)).toBeNull();
      expect(await store.getEntry(t, "not-a-uuid")).toBeNull();
      await expect(store.getEntry("", entry.id)).rejects.toThrow(/tenant/i);
      expect(await store.deleteEntry(t, entry.id)).toBe(true);
      expect(await store.getEntry(t, entry.id)).toBeNull();
      expect(await store.getEntry(other, foreign.entry.id)).toEqual(foreign.entry);
    });

    it("scores are relevances in [0, 1]; a question about something else stays under the no-answer threshold", async () => {
      const t = await h.newTenant();
      for (const e of [HOURS, PARKING, NAILS]) await store.addEntry(t, e);
      for (const q of ["when are you open", "gel manicure price", "parking"]) {
        for (const hit of await store.search(t, q)) {
          expect(hit.score).toBeGreaterThanOrEqual(0);
          expect(hit.score).toBeLessThanOrEqual(1.000001);
        }
      }
      expect((await store.search(t, "gel manicure price"))[0]!.score).toBeGreaterThanOrEqual(NO_ANSWER_THRESHOLD);
      const off = await store.search(t, "do you repair bicycles?");
      expect(off[0]?.score ?? 0).toBeLessThan(NO_ANSWER_THRESHOLD);
    });

    it("groups entries by document: listed by document, deleted with it elsewhere", async () => {
      const t = await h.newTenant();
      const docA = await h.newDocument(t, "faq.csv");
      const docB = await h.newDocument(t, "prices.pdf");
      const a1 = await store.addEntry(t, { ...HOURS, documentId: docA });
      const a2 = await store.addEntry(t, { ...PARKING, documentId: docA });
      const b1 = await store.addEntry(t, { ...NAILS, documentId: docB });
      expect((await store.listEntries(t, { documentId: docA })).map((e) => e.id)).toEqual([a1.entry.id, a2.entry.id]);
      expect(a1.entry.documentId).toBe(docA);
      expect((await store.listEntries(t, { documentId: docB })).map((e) => e.id)).toEqual([b1.entry.id]);
      const u = await h.newTenant();
      expect(await store.listEntries(u, { documentId: docA })).toEqual([]);
      await expect(store.addEntry(u, { ...HOURS, documentId: docA })).rejects.toThrow(/document/i);
    });

    it("requires a tenant id everywhere", async () => {
      await expect(store.search("", "hours")).rejects.toThrow(/tenant/i);
      await expect(store.addEntry("", HOURS)).rejects.toThrow(/tenant/i);
      await expect(store.listEntries("")).rejects.toThrow(/tenant/i);
      await expect(store.deleteEntry("", "x")).rejects.toThrow(/tenant/i);
      await expect(store.supersede("", "x", "y")).rejects.toThrow(/tenant/i);
    });

    it("shows changes made through another instance within the staleness bound", async () => {
      const t = await h.newTenant();
      const other = h.newStore();
      await store.addEntry(t, HOURS);
      expect((await store.search(t, "gel manicure")).map((x) => x.title)).not.toContain("Nails");
      const { entry } = await other.addEntry(t, NAILS);
      await new Promise((r) => setTimeout(r, h.stalenessMs + 50));
      expect((await store.search(t, "gel manicure"))[0]?.entryId).toBe(entry.id);
      await other.deleteEntry(t, entry.id);
      await new Promise((r) => setTimeout(r, h.stalenessMs + 50));
      expect((await store.search(t, "gel manicure")).map((x) => x.entryId)).not.toContain(entry.id);
    });
  });
}
