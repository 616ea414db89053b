// The web chat (the quick start's way in): server-issued sessions, replies through the same
// queue → agent → outbox path, sessions walled off from each other, limits.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";

let h: Harness;
let slug: string;
let other: string;
beforeAll(async () => {
  h = await startHarness({ env: { DEMO_WEB_CHAT: "true" } });
  for (const which of ["main", "other"]) {
    const t = await h.createTenant({ knowledge: which === "main" ? SALON_KNOWLEDGE : [] });
    const tenant = await h.c.tenants.get(t.tenantId);
    await h.c.tenants.upsertChannelAccount(t.tenantId, { channel: "web", externalId: tenant.slug, displayName: "Test Salon" });
    if (which === "main") slug = tenant.slug;
    else other = tenant.slug;
  }
});
afterAll(async () => {
  await h.close();
});

const url = (p: string, s = slug) => `${h.baseUrl}/chat/${s}${p}`;
async function session(s = slug): Promise<string> {
  const r = await fetch(url("/sessions", s), { method: "POST" });
  expect(r.status).toBe(201);
  return ((await r.json()) as { token: string }).token;
}
const send = (token: string | null, text: string, clientMessageId = `m-${Math.random().toString(36).slice(2, 12)}`) =>
  fetch(url("/messages"), {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "x-chat-session": token } : {}) },
    body: JSON.stringify({ text, clientMessageId }),
  });
const replies = async (token: string, wait = 5000) => {
  const r = await fetch(url(`/replies?after=0&wait=${wait}`), { headers: { "x-chat-session": token } });
  return { status: r.status, body: (await r.json()) as { replies: Array<{ text: string }> } };
};

it("serves the page and answers a question through the pipeline", async () => {
  const page = await fetch(url(""));
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Test Salon");
  const token = await session();
  expect((await send(token, "How much is a men's haircut?")).status).toBe(202);
  const r = await replies(token);
  expect(r.status).toBe(200);
  expect(r.body.replies[0]!.text).toContain("£25");
});

it("refuses missing, forged and other-tenant sessions, and keeps sessions apart", async () => {
  const a = await session();
  const b = await session();
  expect((await send(null, "hi")).status).toBe(401);
  expect((await send(`${a.slice(0, -2)}xx`, "hi")).status).toBe(401);
  const foreign = await session(other);
  expect((await send(foreign, "hi")).status).toBe(401);
  // the same client message id in two sessions: both are answered
  expect((await send(a, "Where are you located?", "same-id-123")).status).toBe(202);
  expect((await send(b, "What are your opening hours?", "same-id-123")).status).toBe(202);
  const ra = await replies(a);
  const rb = await replies(b);
  expect(ra.body.replies[0]!.text).toMatch(/Harbour Street/);
  expect(rb.body.replies[0]!.text).toMatch(/Tuesday to Saturday/);
  // a reads only its own transcript
  expect(ra.body.replies.map((x) => x.text).join()).not.toMatch(/Tuesday to Saturday/);
  const noToken = await fetch(url("/replies?after=0&wait=0"));
  expect(noToken.status).toBe(401);
});

it("limits messages per session and refuses unknown chats", async () => {
  const token = await session();
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) statuses.push((await send(token, `question ${i}`)).status);
  expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429]);
  expect((await fetch(`${h.baseUrl}/chat/no-such-salon`)).status).toBe(404);
  await eventually(async () => (await h.c.db.message.count({ where: { direction: "inbound", text: "question 19" } })) === 1);
});
