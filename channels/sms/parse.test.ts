// Replay of every inbound kind in test/fixtures/twilio/ through the parser.
import { describe, expect, it } from "vitest";
import { ParseError } from "../../core/errors.js";
import { twilioForm } from "../../test/fakes/twilio.js";
import type { InboundMessage, StatusUpdate } from "../types.js";
import { businessNumber, formParams, isStatusCallback, parseSmsWebhook } from "./parse.js";

const NOW = new Date("2026-08-14T12:05:00Z");
const BIZ = "+14155550100";
const LEAD = "+14155550123";

function messages(file: string): InboundMessage[] {
  return parseSmsWebhook(twilioForm(file), { now: NOW }).map((e) => {
    if (e.type !== "message") throw new Error("expected a message");
    return e.message;
  });
}

function status(file: string, callbackData?: string): StatusUpdate | undefined {
  const events = parseSmsWebhook(twilioForm(file), { now: NOW, callbackData });
  expect(events.length).toBeLessThanOrEqual(1);
  const e = events[0];
  if (e && e.type !== "status") throw new Error("expected a status");
  return e?.status;
}

describe("incoming messages", () => {
  it("a text SMS", () => {
    const form = twilioForm("inbound-sms.form");
    expect(messages("inbound-sms.form")).toEqual([
      {
        channel: "sms", receiver: BIZ, from: LEAD, providerMessageId: form["MessageSid"], timestamp: NOW,
        content: { kind: "text", text: "Hi! Do you have a slot tomorrow after 5?" },
      },
    ]);
    expect(isStatusCallback(form)).toBe(false);
    expect(businessNumber(form)).toBe(BIZ);
  });

  it("Hindi text and emoji arrive intact", () => {
    expect(messages("inbound-sms-unicode.form")[0]?.content).toEqual({ kind: "text", text: "नमस्ते, कल शाम 5 बजे के बाद कोई स्लॉट है? 🙏" });
  });

  it("an MMS with two media: one message per media, Body as the first caption", () => {
    const form = twilioForm("inbound-mms.form");
    const sid = form["MessageSid"]!;
    const out = messages("inbound-mms.form");
    expect(out.map((m) => m.providerMessageId)).toEqual([sid, `${sid}-1`]);
    expect(out[0]?.content).toEqual({ kind: "media", mediaType: "image", mediaId: form["MediaUrl0"], mimeType: "image/jpeg", caption: "Can you do this style?" });
    expect(out[1]?.content).toEqual({ kind: "media", mediaType: "video", mediaId: form["MediaUrl1"], mimeType: "video/mp4" });
    expect(out.every((m) => m.channel === "sms" && m.receiver === BIZ && m.from === LEAD)).toBe(true);
  });

  it("an MMS without text: a document, no caption", () => {
    const [m] = messages("inbound-mms-no-body.form");
    expect(m?.content).toMatchObject({ kind: "media", mediaType: "document", mimeType: "application/pdf" });
    expect(m?.content).not.toHaveProperty("caption");
  });

  it("takes SmsMessageSid when MessageSid is absent, and ProfileName when present", () => {
    const { MessageSid, ...form } = twilioForm("inbound-sms.form");
    const [e] = parseSmsWebhook({ ...form, ProfileName: "Asha" }, { now: NOW });
    expect(e).toMatchObject({ type: "message", message: { providerMessageId: MessageSid, fromName: "Asha" } });
  });

  it.each([
    ["no sid", { MessageSid: undefined, SmsMessageSid: undefined }, /MessageSid/],
    ["no From", { From: undefined }, /From/],
    ["no To", { To: undefined }, /To/],
    ["a bad sid", { MessageSid: "SM123" }, /MessageSid/],
    ["NumMedia without the URL", { NumMedia: "1" }, /MediaUrl0/],
    ["NumMedia not a number", { NumMedia: "two" }, /NumMedia/],
    ["a repeated Body", { Body: ["a", "b"] }, /Body/],
  ])("%s → ParseError", (_name, patch, reason) => {
    const form: Record<string, string | string[]> = { ...twilioForm("inbound-sms.form") };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete form[k];
      else form[k] = v;
    }
    expect(() => parseSmsWebhook(form)).toThrow(ParseError);
    expect(() => parseSmsWebhook(form)).toThrow(reason);
  });

  it("a body that is not Twilio's at all → ParseError", () => {
    expect(() => parseSmsWebhook(formParams('{"hello":"world"}'))).toThrow(ParseError);
    expect(() => parseSmsWebhook({})).toThrow(ParseError);
  });
});

describe("status callbacks", () => {
  it.each([
    ["status-sent.form", "sent"],
    ["status-delivered.form", "delivered"],
    ["status-read.form", "read"],
  ] as const)("%s → %s", (file, expected) => {
    const form = twilioForm(file);
    expect(isStatusCallback(form)).toBe(true);
    expect(businessNumber(form)).toBe(BIZ);
    expect(status(file)).toEqual({
      channel: "sms", receiver: BIZ, recipient: LEAD, providerMessageId: form["MessageSid"], status: expected, timestamp: NOW,
    });
  });

  it("undelivered with ErrorCode 30003 → failed with that code", () => {
    expect(status("status-undelivered-30003.form")).toMatchObject({
      status: "failed", errors: [{ code: "30003", title: "Unreachable destination handset" }],
    });
  });

  it("failed with 21610 and Twilio's ErrorMessage → failed, the message as title", () => {
    expect(status("status-failed-21610.form")).toMatchObject({
      status: "failed", errors: [{ code: "21610", title: "Attempt to send to unsubscribed recipient" }],
    });
  });

  it("canceled → failed with a reason", () => {
    expect(status("status-canceled.form")).toMatchObject({ status: "failed", errors: [{ code: "canceled" }] });
  });

  it.each(["status-queued.form", "status-sending.form"])("%s → no update", (file) => {
    expect(status(file)).toBeUndefined();
  });

  it.each(["accepted", "scheduled", "partially_delivered", "toString"])("MessageStatus=%s → no update", (value) => {
    expect(parseSmsWebhook({ ...twilioForm("status-sent.form"), MessageStatus: value, SmsStatus: value })).toEqual([]);
  });

  it("carries our id from the callback URL", () => {
    expect(status("status-delivered.form", "0b6f1c3e-8a57-4c1e-9d0a-3f2b1c4d5e6f")?.callbackData).toBe("0b6f1c3e-8a57-4c1e-9d0a-3f2b1c4d5e6f");
  });

  it("a bad ErrorCode or a missing sid → ParseError", () => {
    const form = twilioForm("status-undelivered-30003.form");
    expect(() => parseSmsWebhook({ ...form, ErrorCode: "boom" })).toThrow(ParseError);
    const { MessageSid: _m, SmsSid: _s, ...noSid } = form;
    expect(() => parseSmsWebhook(noSid)).toThrow(/MessageSid/);
  });
});

describe("formParams", () => {
  it("decodes form encoding (+ and %2B) and keeps repeated names as arrays", () => {
    expect(formParams("To=%2B14155550100&Body=Hi+there%21&X=1&X=2")).toEqual({ To: "+14155550100", Body: "Hi there!", X: ["1", "2"] });
  });
});
