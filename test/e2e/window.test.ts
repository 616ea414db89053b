// Outside WhatsApp's 24-hour window: the approved template if there is one; else SMS when
// the business has it; else held, reported, and sent when the contact writes again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";
import { startFakeTwilio, newAccountSid, type FakeTwilio } from "../fakes/twilio.js";

const old = () => String(Math.floor(Date.now() / 1000) - 25 * 3600);

describe("outside the 24-hour window", () => {
  let h: Harness;
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await startFakeTwilio();
    h = await startHarness({ env: { TWILIO_API_BASE_URL: twilio.baseUrl } });
  });
  afterAll(async () => {
    await h.close();
    await twilio.close();
  });

  it("sends the reply as the tenant's approved template", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    expect((await h.admin("PUT", `/tenants/${t.tenantId}/settings/whatsapp-template`, { name: "reply_later", language: "en_GB" })).status).toBe(200);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900800", text: "Where are you located?", timestamp: old() }));
    const [send] = await eventually(async () => {
      const s = h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId);
      return s.length ? s : null;
    });
    const body = send!.body as { type: string; template: { name: string; language: { code: string }; components: Array<{ parameters: Array<{ text: string }> }> } };
    expect(body.type).toBe("template");
    expect(body.template.name).toBe("reply_later");
    expect(body.template.components[0]!.parameters[0]!.text).toMatch(/Harbour Street/);
    expect(body.template.components[0]!.parameters[0]!.text).not.toMatch(/\n/);
  });

  it("falls back to SMS when the business has an SMS number", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const number = "+14155550999";
    const { accountSid, authToken } = twilio.addAccount({ accountSid: newAccountSid(), numbers: [number] });
    expect((await h.admin("PUT", `/tenants/${t.tenantId}/channels/twilio`, { phoneNumber: number, accountSid, authToken, voice: false })).status).toBe(200);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: "447700900801", text: "Where are you located?", timestamp: old() }));
    const [sms] = await eventually(async () => {
      const s = twilio.sends().filter((x) => x.form.To === "+447700900801");
      return s.length ? s : null;
    });
    expect(sms!.form.From).toBe(number);
    expect(sms!.form.Body).toMatch(/Harbour Street/);
    const wa = await h.c.db.message.findFirstOrThrow({ where: { tenantId: t.tenantId, channel: "whatsapp", direction: "outbound" } });
    expect(wa.status).toBe("held");
    expect(wa.errorCode).toBe("sent_by_sms");
    expect(h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId)).toHaveLength(0);
  });

  it("holds and reports the reply otherwise, and sends it when the contact writes again", async () => {
    const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
    const lead = "447700900802";
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "Where are you located?", timestamp: old() }));
    const held = await eventually(async () => {
      const r = await h.admin("GET", `/tenants/${t.tenantId}/messages?status=held`);
      return r.body.items.length ? r.body.items : null;
    });
    expect(held[0].errorReason).toMatch(/24-hour/);
    expect(h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId)).toHaveLength(0);
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from: lead, text: "hello?" }));
    const sends = await eventually(async () => {
      const s = h.graph.sends().filter((x) => x.phoneNumberId === t.phoneNumberId);
      return s.length === 2 ? s : null;
    });
    expect((sends[0]!.body as { text: { body: string } }).text.body).toMatch(/Harbour Street/);
    expect((await h.admin("GET", `/tenants/${t.tenantId}/messages?status=held`)).body.items).toHaveLength(0);
  });
});
