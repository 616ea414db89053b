// Replay: the repo's recorded WhatsApp webhook bodies (every message and status kind),
// signed as Meta signs them, through the real endpoint and workers into PostgreSQL.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "../support/harness.js";
import { uniqueSlug } from "../support/db.js";

const PHONE_NUMBER_ID = "109876543210987"; // the fixtures' business number (only this file registers it)
const load = (name: string) => readFileSync(new URL(`../fixtures/whatsapp/${name}`, import.meta.url), "utf8");
const messagesOf = (raw: string) =>
  (JSON.parse(raw) as { entry: Array<{ changes: Array<{ value: { messages?: Array<{ id: string; type: string }> } }> }> }).entry
    .flatMap((e) => e.changes)
    .flatMap((c) => c.value.messages ?? []);

let h: Harness;
let tenantId: string;
beforeAll(async () => {
  h = await startHarness();
  const t = await h.admin("POST", "/tenants", { slug: uniqueSlug("replay"), name: "Replay Salon" });
  tenantId = t.body.id;
  h.graph.setToken(PHONE_NUMBER_ID, "EAAG-replay-token-0123456789");
  await h.admin("PUT", `/tenants/${tenantId}/channels/whatsapp`, { phoneNumberId: PHONE_NUMBER_ID, accessToken: "EAAG-replay-token-0123456789" });
});
afterAll(async () => {
  await h.close();
});

const stored = (wamid: string) =>
  eventually(() => h.c.db.message.findFirst({ where: { tenantId, providerMessageId: wamid, direction: "inbound" } }));

describe("recorded message kinds through the whole path", () => {
  const cases: Array<[file: string, kind: string, text: RegExp]> = [
    ["webhook-text.json", "text", /haircut slot tomorrow/],
    ["webhook-interactive-button-reply.json", "interactive", /\S/],
    ["webhook-interactive-list-reply.json", "interactive", /\S/],
    ["webhook-template-button.json", "interactive", /\S/],
    ["webhook-image.json", "media", /image/],
    ["webhook-audio.json", "media", /audio|voice/],
    ["webhook-video.json", "media", /video/],
    ["webhook-document.json", "media", /document/],
    ["webhook-sticker.json", "media", /sticker/],
    ["webhook-location.json", "location", /location/],
    ["webhook-reaction.json", "reaction", /\S/],
    ["webhook-unsupported-order.json", "unsupported", /\S/],
    ["webhook-unsupported-system.json", "unsupported", /\S/],
    ["webhook-unsupported-unknown.json", "unsupported", /\S/],
  ];
  for (const [file, kind, text] of cases) {
    it(`${file} → a ${kind} message`, async () => {
      const raw = load(file);
      expect((await h.postWebhook(undefined, { raw })).status).toBe(200);
      const [m] = messagesOf(raw);
      const row = await stored(m!.id);
      expect(row.kind).toBe(kind);
      expect(row.text ?? "").toMatch(text);
      expect(row.payload).toMatchObject({ kind });
      if (kind === "media") expect((row.payload as { mediaId: string }).mediaId).toBeTruthy();
    });
  }

  it("reads every entry and change of a batch, and skips only the unknown business number", async () => {
    const raw = load("webhook-batch-multi.json");
    expect((await h.postWebhook(undefined, { raw })).status).toBe(200);
    const body = JSON.parse(raw) as { entry: Array<{ changes: Array<{ value: { metadata: { phone_number_id: string }; messages?: Array<{ id: string }> } }> }> };
    const ours = body.entry.flatMap((e) => e.changes).filter((c) => c.value.metadata.phone_number_id === PHONE_NUMBER_ID).flatMap((c) => c.value.messages ?? []);
    const theirs = body.entry.flatMap((e) => e.changes).filter((c) => c.value.metadata.phone_number_id !== PHONE_NUMBER_ID).flatMap((c) => c.value.messages ?? []);
    expect(ours.length).toBeGreaterThanOrEqual(2);
    for (const m of ours) await stored(m.id);
    await new Promise((r) => setTimeout(r, 300));
    for (const m of theirs) expect(await h.c.db.message.findFirst({ where: { providerMessageId: m.id } })).toBeNull();
  });

  it("keeps the good items of a batch with malformed ones", async () => {
    const raw = load("webhook-batch-malformed.json");
    expect((await h.postWebhook(undefined, { raw })).status).toBe(200);
    await stored("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhggGOODTEXT01");
    await stored("wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhggGOODTEXT02");
    expect(await h.c.db.message.findFirst({ where: { providerMessageId: "wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhggBADTEXT001" } })).toBeNull();
  });
});

describe("recorded delivery receipts", () => {
  it("apply sent, delivered, read, and hold on a late 131047, for the messages we sent", async () => {
    const conv = await eventually(() => h.c.db.conversation.findFirst({ where: { tenantId } }));
    const outbound = async (providerMessageId: string) =>
      h.c.db.message.create({
        data: {
          tenantId, conversationId: conv.id, channel: "whatsapp", direction: "outbound", kind: "text", text: "earlier reply",
          status: "sending", providerMessageId, idempotencyKey: `replay:${providerMessageId}`,
        },
      });
    const ids = (file: string) =>
      (JSON.parse(load(file)) as { entry: Array<{ changes: Array<{ value: { statuses: Array<{ id: string }> } }> }> }).entry[0]!.changes[0]!.value.statuses.map((s) => s.id);
    const [sentId] = ids("webhook-status-sent.json");
    const [deliveredId] = ids("webhook-status-delivered.json");
    const [readId] = ids("webhook-status-read.json");
    const [failedId] = ids("webhook-status-failed-131047.json");
    for (const id of new Set([sentId!, deliveredId!, readId!, failedId!])) await outbound(id);

    for (const f of ["webhook-status-sent.json", "webhook-status-delivered.json", "webhook-status-read.json", "webhook-status-failed-131047.json"]) {
      expect((await h.postWebhook(undefined, { raw: load(f) })).status).toBe(200);
    }
    const status = (id: string) => h.c.db.message.findFirstOrThrow({ where: { tenantId, providerMessageId: id, direction: "outbound" } });
    // a receipt reporting 131047 (window closed) holds the reply until the contact writes again
    const held = await eventually(async () => {
      const r = await status(failedId!);
      return r.status === "held" ? r : null;
    });
    expect(held.errorCode).toBe("window_closed");
    expect(held.errorReason).toMatch(/24 hours/);
    await eventually(async () => (await status(readId!)).status === "read");
    if (sentId !== readId) expect(["sent", "delivered", "read"]).toContain((await status(sentId!)).status);
  });
});

describe("what the assistant cannot read", () => {
  it("answers a sticker (nothing to read) by asking for text, without the agent", async () => {
    // the recorded sticker, from a sender of its own (so no readable message shares its turn)
    const wamid = `wamid.sticker-${Date.now()}`;
    const raw = load("webhook-sticker.json").replaceAll("919812345678", "919800000042").replace(/"id":\s*"wamid\.[^"]+"/, `"id": "${wamid}"`);
    expect((await h.postWebhook(undefined, { raw })).status).toBe(200);
    const row = await eventually(async () => {
      const r = await stored(wamid);
      return r.turnId ? r : null;
    });
    const turn = await h.c.db.turn.findFirstOrThrow({ where: { id: row.turnId!, tenantId } });
    expect(turn.route).toMatch(/without the agent/);
    const reply = await h.c.db.message.findFirstOrThrow({ where: { tenantId, turnId: turn.id, direction: "outbound" } });
    expect(reply.text).toMatch(/can't open .*type your question/);
  });
});
