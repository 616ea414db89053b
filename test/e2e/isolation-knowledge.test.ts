// Tenants walled off in knowledge, on every store implementation: two businesses, the same
// customer phone number writing to both, one business's documents, taught facts and
// memory of that customer. The other business gets 0 of it — in search (store and chat),
// in its index cache, in ingestion status (admin API and the owner's chat) and in memory.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeQdrant, type FakeQdrant } from "../fakes/qdrant.js";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { whatsappOwnerTenant } from "../support/ingest.js";

const SECRET_DOC = [
  "# Loyalty club",
  "Members quote the code ZEBRA-42 at the till for a free fringe trim.",
  "",
  "# Staff rota",
  "Marguerite works Thursdays and does the balayage appointments.",
].join("\n");

const stores: Array<{ name: string; env: () => Promise<{ env: Record<string, string>; stop(): Promise<void> }> }> = [
  { name: "embedded", env: async () => ({ env: { KNOWLEDGE_STORE: "embedded" }, stop: async () => {} }) },
  {
    name: "qdrant (fake server, OpenAPI-validated)",
    env: async () => {
      const q: FakeQdrant = await startFakeQdrant();
      return { env: { QDRANT_URL: q.baseUrl, QDRANT_COLLECTION: `iso_${randomUUID().slice(0, 8)}` }, stop: () => q.close() };
    },
  },
];

for (const kind of stores) {
  describe(`knowledge isolation on the ${kind.name} store`, () => {
    let h: Harness;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      const s = await kind.env();
      stop = s.stop;
      h = await startHarness({ env: s.env });
    });
    afterAll(async () => {
      await h?.close();
      await stop?.();
    });

    it("gives another tenant 0 results from search, cache, ingestion status and memory", async () => {
      expect(h.c.knowledge.kind).toMatch(kind.name.startsWith("qdrant") ? /^qdrant:/ : /^embedded$/);
      const a = await whatsappOwnerTenant(h);
      const b = await whatsappOwnerTenant(h);
      const lead = `4477001${Math.floor(Math.random() * 90000 + 10000)}`;

      // tenant A: a document, a taught fact, and a customer who gives her name
      const up = await h.admin("POST", `/tenants/${a.tenantId}/knowledge/documents`, { name: "club.md", text: SECRET_DOC });
      expect(up.status).toBe(202);
      await eventually(async () => (await h.admin("GET", `/tenants/${a.tenantId}/knowledge/documents/${up.body.id}`)).body.status === "done", 20_000);
      expect(await a.say(a.owner, "remember that the back room code is PEACOCK-77")).toMatch(/^Saved/);
      await a.say(lead, "Hi, I'm Priya");
      expect(await a.say(lead, "what's the loyalty code?")).toContain("ZEBRA-42");

      // the store, queried directly with A's own words: A finds them (warming A's index), B gets nothing
      for (const q of ["loyalty club code ZEBRA-42", "back room code PEACOCK-77", "Marguerite balayage Thursdays"]) {
        expect((await h.c.knowledge.search(a.tenantId, q)).length).toBeGreaterThan(0);
        expect(await h.c.knowledge.search(b.tenantId, q)).toEqual([]);
      }
      expect((await h.c.knowledge.listEntries(a.tenantId)).length).toBeGreaterThanOrEqual(3);
      expect(await h.c.knowledge.listEntries(b.tenantId)).toEqual([]);

      // the same customer number at business B: nothing of A's in answers or memory
      // (each answer is asserted for what it is — "don't know", "nothing remembered" — not
      // only for what it lacks, so an error reply could not pass)
      const codeAtB = await b.say(lead, "what's the loyalty code?");
      expect(codeAtB).toMatch(/^I'm sorry, I don't have that information/);
      expect(codeAtB).not.toContain("ZEBRA");
      const roomAtB = await b.say(lead, "what is the back room code?");
      expect(roomAtB).toMatch(/^I'm sorry, I don't have that information/);
      expect(roomAtB).not.toContain("PEACOCK");
      const memoryAtB = await b.say(lead, "what do you remember about me?");
      // B may know only what was said to B (the language of the questions above), never A's name
      expect(memoryAtB).toMatch(/^(I don't have anything remembered about you\.|Here's what I remember about you:)/);
      expect(memoryAtB).not.toContain("Priya");
      expect(await a.say(lead, "what do you remember about me?")).toContain("Priya");

      // ingestion status: B's admin list and B's owner in chat see none of A's documents
      const listB = await h.admin("GET", `/tenants/${b.tenantId}/knowledge/documents`);
      expect(listB.status).toBe(200);
      expect(JSON.stringify(listB.body)).not.toContain("club.md");
      expect((await h.admin("GET", `/tenants/${b.tenantId}/knowledge/documents/${up.body.id}`)).status).toBe(404);
      const docsAtB = await b.say(b.owner, "what documents have I added?");
      expect(docsAtB).toMatch(/no documents|haven't added|not added any/i);
      expect(docsAtB).not.toContain("club.md");
      expect(await a.say(a.owner, "what documents have I added?")).toContain("club.md");
    });
  });
}
