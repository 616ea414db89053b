// SMS end-to-end helpers: the harness wired to a fake Twilio, a tenant with a Twilio number
// registered through the admin API, and webhooks posted the way Twilio posts them —
// form-encoded and signed for the PUBLIC URL (https://growai.test/…), while the request
// really goes to the harness's 127.0.0.1 port: exactly the behind-a-proxy case.
import { randomInt } from "node:crypto";
import { newAccountSid, newMessageSid, signedForm, startFakeTwilio, type FakeTwilio } from "../fakes/twilio.js";
import { uniqueSlug } from "./db.js";
import { startHarness, type Harness } from "./harness.js";

export const PUBLIC_BASE_URL = "https://growai.test";
export const SMS_PATH = "/webhooks/twilio/sms";
export const SMS_STATUS_PATH = "/webhooks/twilio/sms/status";

export interface SmsHarness {
  h: Harness;
  twilio: FakeTwilio;
  close(): Promise<void>;
}

export async function startSmsHarness(env: Record<string, string> = {}): Promise<SmsHarness> {
  const twilio = await startFakeTwilio();
  const h = await startHarness({ env: { TWILIO_API_BASE_URL: twilio.baseUrl, PUBLIC_BASE_URL, ...env } });
  return {
    h,
    twilio,
    async close() {
      await h.close();
      await twilio.close();
    },
  };
}

/** A fictional North American number in the 555-01xx range's neighbourhood, unique enough per test. */
export const newNumber = () => `+1415${String(randomInt(2_000_000, 9_999_999))}`;

export interface SmsTenant {
  tenantId: string;
  number: string;
  accountSid: string;
  authToken: string;
}

/** A tenant with a Twilio number (SMS) registered through PUT /channels/twilio, known to the fake. */
export async function createSmsTenant(s: SmsHarness, knowledge: Array<{ title: string; content: string }> = []): Promise<SmsTenant> {
  const t = await s.h.admin("POST", "/tenants", { slug: uniqueSlug("sms"), name: "SMS Salon", timezone: "Europe/London", currency: "GBP" });
  if (t.status !== 201) throw new Error(`create tenant: ${t.status} ${JSON.stringify(t.body)}`);
  const number = newNumber();
  const { accountSid, authToken } = s.twilio.addAccount({ accountSid: newAccountSid(), numbers: [number] });
  const r = await s.h.admin("PUT", `/tenants/${t.body.id}/channels/twilio`, { phoneNumber: number, accountSid, authToken, voice: false });
  if (r.status !== 200) throw new Error(`register twilio: ${r.status} ${JSON.stringify(r.body)}`);
  for (const k of knowledge) {
    const res = await s.h.admin("POST", `/tenants/${t.body.id}/knowledge`, k);
    if (res.status !== 201) throw new Error(`knowledge: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { tenantId: t.body.id as string, number, accountSid, authToken };
}

/** An incoming SMS as Twilio posts it (fields of the real capture). */
export function smsParams(o: { to: string; from: string; body: string; sid?: string; accountSid?: string }): Record<string, string> {
  const sid = o.sid ?? newMessageSid();
  return {
    ToCountry: "US", ToState: "CA", SmsMessageSid: sid, NumMedia: "0", ToCity: "SAN FRANCISCO", FromZip: "94107", SmsSid: sid,
    FromState: "CA", SmsStatus: "received", FromCity: "SAN FRANCISCO", Body: o.body, FromCountry: "US", To: o.to, ToZip: "94105",
    NumSegments: "1", MessageSid: sid, AccountSid: o.accountSid ?? newAccountSid(), From: o.from, ApiVersion: "2010-04-01",
  };
}

/** A status callback for a message we sent from `from` to `to`. */
export function statusParams(o: { from: string; to: string; sid: string; status: string; errorCode?: string; accountSid?: string }): Record<string, string> {
  return {
    ApiVersion: "2010-04-01", AccountSid: o.accountSid ?? newAccountSid(), From: o.from, MessageSid: o.sid, MessageStatus: o.status,
    SmsSid: o.sid, SmsStatus: o.status, To: o.to, ...(o.errorCode ? { ErrorCode: o.errorCode } : {}),
  };
}

/**
 * POSTs a webhook to the harness, signed for `${PUBLIC_BASE_URL}${path}` with `authToken`
 * (or with `signature` as given; null sends none).
 */
export async function postTwilio(
  s: SmsHarness,
  path: string,
  params: Record<string, string>,
  authToken: string,
  o: { signature?: string | null; signedUrl?: string } = {},
): Promise<{ status: number; contentType: string | null; text: string }> {
  const { headers, body } = signedForm(o.signedUrl ?? `${PUBLIC_BASE_URL}${path}`, params, authToken);
  if (o.signature === null) delete headers["x-twilio-signature"];
  else if (o.signature !== undefined) headers["x-twilio-signature"] = o.signature;
  const res = await fetch(`${s.h.baseUrl}${path}`, { method: "POST", headers, body });
  return { status: res.status, contentType: res.headers.get("content-type"), text: await res.text() };
}
