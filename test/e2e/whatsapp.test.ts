// End to end through the real HTTP endpoint: a signed WhatsApp webhook → inbound queue →
// agent turn (local tier) → outbox → the fake Graph API, with rows in PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { newWamid, sign, statusWebhook, textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const sendsTo = (phoneNumberId: string) => h.graph.sends().filter((s) => s.phoneNumberId === phoneNumberId);

async function messagesOf(tenantId: string) {
  return h.c.db.message.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
}

describe("a lead's WhatsApp message answered end to end", () => {
  it("answers from the tenant's knowledge and records both messages", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900123";
    const wamid = newWamid();
    const res = await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, id: wamid, text: "How much is a men's haircut?" }));
    expect(res.status).toBe(200);

    const [send] = await eventually(async () => (sendsTo(t.phoneNumberId).length ? sendsTo(t.phoneNumberId) : null));
    expect(send!.headers.authorization).toBe(`Bearer ${t.token}`);
    const body = send!.body as { to: string; text?: { body: string }; interactive?: { body: { text: string } } };
    expect(body.to).toBe(from);
    const text = body.text?.body ?? body.interactive?.body.text ?? "";
    expect(text).toContain("£25");

    const rows = await eventually(async () => {
      const m = await messagesOf(t.tenantId);
      return m.some((x) => x.direction === "outbound" && x.status === "sent") ? m : null;
    });
    const inbound = rows.filter((m) => m.direction === "inbound");
    const outbound = rows.filter((m) => m.direction === "outbound");
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.providerMessageId).toBe(wamid);
    expect(inbound[0]!.status).toBe("handled");
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.providerMessageId).toBe(send!.providerMessageId);
    expect(outbound[0]!.turnId).toBe(inbound[0]!.turnId);
    const turns = await h.c.db.turn.findMany({ where: { tenantId: t.tenantId } });
    expect(turns).toHaveLength(1);
    expect(turns[0]!.tier).toBe("local");
  });

  it("answers a webhook delivered five times exactly once", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const body = textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900124", text: "Where are you located?" });
    const results = await Promise.all(Array.from({ length: 5 }, () => h.postWebhook(body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await eventually(async () => sendsTo(t.phoneNumberId).length >= 1);
    // redeliveries after the answer changes nothing either
    for (let i = 0; i < 2; i++) expect((await h.postWebhook(body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(sendsTo(t.phoneNumberId)).toHaveLength(1);
    const rows = await messagesOf(t.tenantId);
    expect(rows.filter((m) => m.direction === "inbound")).toHaveLength(1);
    expect(rows.filter((m) => m.direction === "outbound")).toHaveLength(1);
  });

  it("says plainly it does not know, and offers a person, when knowledge has no answer", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900125", text: "Do you sell second-hand cars?" }));
    const [send] = await eventually(async () => (sendsTo(t.phoneNumberId).length ? sendsTo(t.phoneNumberId) : null));
    const body = send!.body as { text?: { body: string }; interactive?: { body: { text: string } } };
    const text = (body.text?.body ?? body.interactive?.body.text ?? "").toLowerCase();
    expect(text).not.toContain("£");
    expect(text).toMatch(/not sure|don't know|do not know|don’t know|don't have|can't find|couldn't find/);
    expect(text).toMatch(/person|human|team|someone|staff/);
  });

  it("records a lead's request for a person on the turn, with the routing reason", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900130", text: "Can I speak to a real person please?" }));
    await eventually(async () => sendsTo(t.phoneNumberId).length > 0);
    const turn = await eventually(() => h.c.db.turn.findFirst({ where: { tenantId: t.tenantId } }));
    expect(turn.handoff).toBe(true);
    expect(turn.route).toBeTruthy();
    // the business sees who is waiting for a person
    const waiting = await h.admin("GET", `/tenants/${t.tenantId}/conversations?needsPerson=true`);
    expect(waiting.body.items).toHaveLength(1);
    expect(waiting.body.items[0].handoffRequestedAt).toBeTruthy();
    const text = JSON.stringify(sendsTo(t.phoneNumberId)[0]!.body);
    expect(text).toMatch(/passed your request/);
  });
});

describe("webhook verification fails closed", () => {
  it("refuses forged, missing, malformed and stale signatures with nothing enqueued", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const body = textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900126", text: "hello" });
    const raw = JSON.stringify(body);
    const stale = JSON.stringify(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900126", text: "an older message" }));
    const attempts = [
      await h.postWebhook(body, { secret: "not-the-app-secret-at-all" }),
      await h.postWebhook(body, { signature: null }),
      await h.postWebhook(body, { signature: "sha256=xyz" }),
      await h.postWebhook(body, { signature: "sha1=" + "a".repeat(40) }),
      await h.postWebhook(body, { signature: sign(stale, "test-app-secret-0123456789abcdef") }),
      await h.postWebhook(body, { raw: raw.replace("hello", "hellO"), signature: sign(raw, "test-app-secret-0123456789abcdef") }),
    ];
    for (const r of attempts) {
      expect(r.status).toBe(401);
      expect(JSON.stringify(r.body)).not.toMatch(/sha256=[0-9a-f]{64}/);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await messagesOf(t.tenantId)).toHaveLength(0);
    const counts = await h.c.queues.inbound.getJobCounts();
    const jobs = await h.c.queues.inbound.getJobs(["waiting", "active", "completed", "delayed", "failed"]);
    expect(jobs.filter((j) => j.data.tenantId === t.tenantId)).toHaveLength(0);
    expect(counts).toBeDefined();
  });

  it("answers malformed bodies with 400 and keeps serving", async () => {
    const notJson = "{not json";
    const r1 = await h.postWebhook(undefined, { raw: notJson });
    expect(r1.status).toBe(400);
    const r2 = await h.postWebhook({ object: "page", entry: [] });
    expect(r2.status).toBe(400);
    const r3 = await h.postWebhook(undefined, { raw: "" });
    expect([400, 401]).toContain(r3.status);
    const health = await fetch(`${h.baseUrl}/health`);
    expect(health.status).toBe(200);
  });

  it("acknowledges an unknown phone number without processing it", async () => {
    const before = await h.c.db.message.count();
    const r = await h.postWebhook(textWebhook({ phoneNumberId: "999000999000999", from: "447700900127", text: "hi" }));
    expect(r.status).toBe(200);
    await new Promise((res) => setTimeout(res, 300));
    const jobs = await h.c.queues.inbound.getJobs(["waiting", "active", "completed", "delayed"]);
    expect(jobs.filter((j) => JSON.stringify(j.data).includes("999000999000999"))).toHaveLength(0);
    expect(await h.c.db.message.count()).toBeGreaterThanOrEqual(before);
  });

  it("completes the GET verification handshake only with the right token", async () => {
    const ok = await fetch(`${h.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await fetch(`${h.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
    expect(await bad.text()).not.toContain("1158201444");
  });
});

describe("delivery statuses", () => {
  it("move a reply forward only: sent < delivered < read, stale and out-of-order receipts ignored", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900128";
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text: "When are you open?" }));
    const [send] = await eventually(async () => (sendsTo(t.phoneNumberId).length ? sendsTo(t.phoneNumberId) : null));
    const id = send!.providerMessageId!;
    const outbound = () => eventually(() => h.c.db.message.findFirst({ where: { tenantId: t.tenantId, direction: "outbound", providerMessageId: id } }));
    const status = async (s: "sent" | "delivered" | "read" | "failed", ts: number) => {
      expect((await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: from, id, status: s, timestamp: String(ts), ...(s === "failed" ? { errorCode: 131026 } : {}) }))).status).toBe(200);
    };
    const now = Math.floor(Date.now() / 1000);
    await status("read", now + 2);
    await eventually(async () => (await outbound()).status === "read");
    await status("delivered", now + 1); // arrives late
    await status("sent", now); // arrives later still
    await status("failed", now + 3); // failed cannot follow read
    await new Promise((r) => setTimeout(r, 400));
    const row = await outbound();
    expect(row.status).toBe("read");
    expect(row.readAt?.getTime()).toBe((now + 2) * 1000);
  });

  it("records a failed receipt as terminal with its reason", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const from = "447700900129";
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text: "Where are you?" }));
    const [send] = await eventually(async () => (sendsTo(t.phoneNumberId).length ? sendsTo(t.phoneNumberId) : null));
    const id = send!.providerMessageId!;
    await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: from, id, status: "failed", errorCode: 131026 }));
    const row = await eventually(async () => {
      const r = await h.c.db.message.findFirst({ where: { tenantId: t.tenantId, providerMessageId: id } });
      return r?.status === "failed" ? r : null;
    });
    expect(row.errorCode).toBe("131026");
    await h.postWebhook(statusWebhook({ phoneNumberId: t.phoneNumberId, recipient: from, id, status: "read" }));
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.c.db.message.findFirst({ where: { id: row.id } }))!.status).toBe("failed");
  });
});

describe("metrics", () => {
  it("exposes webhook outcomes, turn latency, sends and queue depth to a bearer-token scrape", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900131", text: "hi" }), { secret: "wrong-secret-wrong-secret" });
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900131", text: "Where are you?" }));
    await eventually(async () => sendsTo(t.phoneNumberId).length > 0);
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(401);
    const res = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${h.config.ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const value = (line: RegExp) => Number(text.split("\n").find((l) => line.test(l))?.split(" ").at(-1) ?? NaN);
    expect(value(/^growai_webhooks_total\{channel="whatsapp",outcome="accepted"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^growai_webhooks_total\{channel="whatsapp",outcome="invalid_signature"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^growai_turn_duration_seconds_count\{tier="local"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/^growai_sends_total\{channel="whatsapp",status="sent"\}/)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^growai_queue_jobs\{queue="inbound",state="waiting"\} \d+/m);
  });
});
