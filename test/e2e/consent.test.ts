// The consent ledger: STOP / START / HELP on WhatsApp and SMS, confirmed once; opted-out
// contacts get nothing by SMS; Twilio's 21610 (in a send or a receipt) opts them out too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { createSmsTenant, postTwilio, smsParams, SMS_PATH, startSmsHarness, type SmsHarness } from "../support/twilio.js";

describe("on WhatsApp", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("opts out on STOP (confirmed once), back in on START, and answers HELP with the help text", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const lead = "447700900950";
    const say = (text: string) => h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text }));
    const replies = () => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId).map((s) => (s.body as { text?: { body: string } }).text?.body ?? "");
    const consent = async () => (await h.c.db.contact.findFirstOrThrow({ where: { tenantId: t.tenantId } })).consent;

    await say("STOP");
    await eventually(async () => replies().length === 1);
    expect(replies()[0]).toMatch(/unsubscribed/);
    expect(await consent()).toBe("opted_out");
    await say("stop");
    await new Promise((r) => setTimeout(r, 500));
    expect(replies()).toHaveLength(1); // confirmed once
    await say("START");
    await eventually(async () => replies().length === 2);
    expect(replies()[1]).toMatch(/subscribed to .* again/);
    expect(await consent()).toBe("opted_in");
    await say("HELP");
    await eventually(async () => replies().length === 3);
    expect(replies()[2]).toMatch(/STOP/);
    // none of these reached the agent
    expect(await h.c.db.turn.count({ where: { tenantId: t.tenantId } })).toBe(0);
    // "yes" while opted in is an answer, not a keyword: the agent gets it
    await say("yes");
    await eventually(async () => (await h.c.db.turn.count({ where: { tenantId: t.tenantId } })) === 1);
  });
});

describe("on SMS", () => {
  let s: SmsHarness;
  beforeAll(async () => {
    s = await startSmsHarness();
  });
  afterAll(async () => {
    await s.close();
  });

  it("sends nothing but the confirmation to a contact who texted STOP", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const lead = "+14155550111";
    const text = (body: string) => postTwilio(s, SMS_PATH, smsParams({ to: t.number, from: lead, body, accountSid: t.accountSid }), t.authToken);
    const sent = () => s.twilio.sends().filter((r) => r.form.To === lead);
    await text("STOP");
    await eventually(async () => sent().length === 1);
    await text("where are you located?");
    const reply = await eventually(async () => {
      const m = await s.h.c.db.message.findFirst({ where: { tenantId: t.tenantId, direction: "outbound", status: "failed" } });
      return m ?? null;
    });
    expect(reply.errorCode).toBe("opted_out");
    expect(sent()).toHaveLength(1);
  });

  it("opts a contact out when Twilio refuses a send with 21610", async () => {
    const t = await createSmsTenant(s, SALON_KNOWLEDGE);
    const lead = "+14155550112";
    s.twilio.failNext(21610);
    await postTwilio(s, SMS_PATH, smsParams({ to: t.number, from: lead, body: "where are you located?", accountSid: t.accountSid }), t.authToken);
    await eventually(async () => (await s.h.c.db.contact.findFirst({ where: { tenantId: t.tenantId } }))?.consent === "opted_out");
    // the opt-out and the message's final status are two writes: wait for the send to settle
    const settled = async () => s.h.c.db.message.findFirstOrThrow({ where: { tenantId: t.tenantId, direction: "outbound" } });
    await eventually(async () => !["queued", "sending"].includes((await settled()).status));
    const reply = await settled();
    expect(reply.status).toBe("failed");
    expect(reply.errorCode).toBe("21610");
  });
});
