// Request checks of the fake Twilio Messages API: what Twilio refuses, refused the way
// Twilio does (its 2010-04-01 error envelope {code, message, more_info, status}, bodies in
// test/fixtures/twilio/error-*.json). Kept apart from the server plumbing.
import { existsSync, readFileSync } from "node:fs";

const FIXTURES = new URL("../fixtures/twilio/", import.meta.url);

/** A file from test/fixtures/twilio/ as text. */
export function twilioFixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURES), "utf8");
}

/** A JSON fixture from test/fixtures/twilio/, e.g. twilioFixture("error-21610.json"). */
export function twilioFixture<T = unknown>(file: string): T {
  return JSON.parse(twilioFixtureText(file)) as T;
}

/** A form fixture (`*.form`, one x-www-form-urlencoded body) → its parameters in order. */
export function twilioForm(file: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(twilioFixtureText(file).trim()));
}

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
  detail?: string;
}

export interface Refusal {
  status: number;
  body: TwilioErrorBody;
}

/** Twilio's error body for `code` (from the fixtures when there is one), optionally with another HTTP status. */
export function twilioError(code: number, status?: number, message?: string): Refusal {
  const file = `error-${code}.json`;
  const known = existsSync(new URL(file, FIXTURES)) ? twilioFixture<TwilioErrorBody>(file) : undefined;
  const body: TwilioErrorBody = {
    ...(known ?? { code, message: `Twilio error ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status: status ?? 400 }),
    ...(message ? { message } : {}),
  };
  body.status = status ?? body.status;
  return { status: body.status, body };
}

const E164 = /^\+[1-9]\d{6,14}$/;
export const BODY_LIMIT = 1600;

/** Checks a Messages create form like Twilio: To, From, Body; the first problem is the answer. */
export function checkMessageForm(form: Record<string, string>, ownNumbers: ReadonlySet<string> | undefined): Refusal | null {
  const to = form["To"];
  const from = form["From"];
  const body = form["Body"];
  if (!to) return twilioError(21604);
  if (!E164.test(to)) return twilioError(21211, 400, `The 'To' number ${to} is not a valid phone number.`);
  if (!from && !form["MessagingServiceSid"]) return twilioError(21603, 400, "A 'From' phone number is required.");
  if (from && !E164.test(from)) {
    return twilioError(21212, 400, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  }
  if (from && ownNumbers && !ownNumbers.has(from)) {
    return twilioError(21606, 400, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
  }
  if ((body === undefined || body.length === 0) && !form["MediaUrl"]) return twilioError(21602);
  if (body !== undefined && body.length > BODY_LIMIT) return twilioError(21617);
  if (form["StatusCallback"] !== undefined && !/^https?:\/\/[^\s_]+$/.test(form["StatusCallback"])) {
    return twilioError(21609, 400, `The StatusCallback URL ${form["StatusCallback"]} is not a valid URL.`);
  }
  return null;
}

/** Segments Twilio would bill, roughly (the fake's own estimate, independent of channels/sms). */
export function estimateSegments(body: string): number {
  const ascii = /^[\x0A\x0D\x20-\x7E]*$/.test(body) && !/[\^{}\\[\]~|`]/.test(body);
  const units = body.length;
  if (ascii) return units <= 160 ? 1 : Math.ceil(units / 153);
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/** The 201 answer to a Messages create, in the shape of the real capture (messages-create-response). */
export function messageResource(accountSid: string, sid: string, form: Record<string, string>, now = new Date()) {
  const date = now.toUTCString().replace("GMT", "+0000");
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: form["Body"] ?? "",
    date_created: date,
    date_sent: null,
    date_updated: date,
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: form["From"] ?? null,
    messaging_service_sid: form["MessagingServiceSid"] ?? null,
    num_media: "0",
    num_segments: String(estimateSegments(form["Body"] ?? "")),
    price: null,
    price_unit: "USD",
    sid,
    status: "queued",
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}/Media.json` },
    to: form["To"],
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
  };
}
