// The outbox against the fake Graph API's real error bodies: rate limits retried, the
// 24-hour window held and reported, auth errors failed with a reason; a send that gives up
// becomes a dead letter an operator can replay.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { whatsappFixture, type GraphErrorBody } from "../fakes/graph-api.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { JOB_ATTEMPTS: "2" } });
});
afterAll(async () => {
  await h.close();
});

const fixture = (name: string) => whatsappFixture<GraphErrorBody>(name);
const outboundOf = (tenantId: string) => h.c.db.message.findFirst({ where: { tenantId, direction: "outbound" } });

async function ask(text = "What are your opening hours?", from = `4477009${Math.floor(Math.random() * 1e5)}`) {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  return { t, from, post: () => h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text })) };
}

describe("outbox error mapping", () => {
  it("retries a 130429 rate limit, honouring Retry-After, and sends once", async () => {
    const { t, post } = await ask();
    h.graph.failNext(fixture("error-130429-rate-limit.json"), 429, { times: 1, headers: { "retry-after": "1" } });
    const started = Date.now();
    await post();
    const row = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "sent" ? m : null;
    }, 15_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(row.attempts).toBe(2);
    const refused = h.graph.requests.filter((r) => r.phoneNumberId === t.phoneNumberId && r.status === 429);
    expect(refused).toHaveLength(1);
    expect(h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
  });

  it("holds a reply outside the 24-hour window (131047) without retrying", async () => {
    const { t, post } = await ask();
    h.graph.failNext(fixture("error-131047-reengagement.json"), 400, 1);
    await post();
    const row = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "held" ? m : null;
    });
    expect(row.errorCode).toBe("131047");
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.graph.requests.filter((r) => r.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
    expect((await outboundOf(t.tenantId))!.status).toBe("held");
  });

  it("does not even try a free-form reply when the contact last wrote over 24 hours ago", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const old = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900300", text: "hours?", timestamp: old }));
    const row = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "held" ? m : null;
    });
    expect(row.errorReason).toMatch(/24-hour/);
    expect(h.graph.requests.filter((r) => r.phoneNumberId === t.phoneNumberId)).toHaveLength(0);
  });

  it("fails on an expired token (190) with the provider's reason and no token in it", async () => {
    const { t, post } = await ask();
    h.graph.setToken(t.phoneNumberId, "EAAG-rotated-token-the-tenant-does-not-have");
    await post();
    const row = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "failed" ? m : null;
    });
    expect(row.errorCode).toBe("190");
    expect(row.errorReason).toBeTruthy();
    expect(row.errorReason).not.toContain(t.token);
    await new Promise((r) => setTimeout(r, 1200));
    expect(h.graph.requests.filter((r) => r.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
  });

  it("dead-letters a send that keeps failing, and replays it on request", async () => {
    const { t, post } = await ask();
    const serverError = { error: { message: "An unknown error occurred", type: "OAuthException", code: 1, fbtrace_id: "AbCdEf123" } };
    h.graph.failNext(serverError, 500, 2);
    await post();
    const failed = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "failed" ? m : null;
    }, 15_000);
    expect(failed.errorReason).toMatch(/gave up after 2 attempts/);
    const dl = await eventually(async () => {
      const list = await h.admin("GET", "/dead-letters");
      return list.body.items.find((d: { tenantId: string }) => d.tenantId === t.tenantId) ?? null;
    });
    expect(dl.queue).toBe("outbox");
    const replay = await h.admin("POST", `/dead-letters/${dl.id}/replay`);
    expect(replay.status).toBe(202);
    const sent = await eventually(async () => {
      const m = await outboundOf(t.tenantId);
      return m?.status === "sent" ? m : null;
    });
    expect(sent.id).toBe(failed.id);
    expect(h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId)).toHaveLength(1);
    const after = await h.admin("GET", "/dead-letters");
    expect(after.body.items.find((d: { id: string }) => d.id === dl.id)).toBeUndefined();
  });
});
