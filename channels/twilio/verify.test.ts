// Twilio's published signature vectors (twilio-node's validation spec), through our wrapper.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { publicUrl, twilioSignature, verifyTwilioSignature } from "./verify.js";

interface Vectors {
  authToken: string;
  defaultParams: Record<string, string>;
  vectors: Array<{ url: string; params: string | Record<string, string>; signature: string; note?: string }>;
}
const v = JSON.parse(readFileSync(new URL("../../test/fixtures/twilio/signature-vectors.json", import.meta.url), "utf8")) as Vectors;
const paramsOf = (p: string | Record<string, string>) => (typeof p === "string" ? v.defaultParams : p);

describe("verifyTwilioSignature", () => {
  for (const vec of v.vectors) {
    it(`accepts the published vector for ${vec.url}`, () => {
      expect(verifyTwilioSignature(v.authToken, vec.signature, vec.url, paramsOf(vec.params))).toBe(true);
    });
  }

  it("refuses a wrong token, a changed parameter, a changed URL, no header, no token and junk", () => {
    const [first] = v.vectors;
    const params = paramsOf(first!.params);
    expect(verifyTwilioSignature("54321", first!.signature, first!.url, params)).toBe(false);
    expect(verifyTwilioSignature(v.authToken, first!.signature, first!.url, { ...params, Digits: "9999" })).toBe(false);
    expect(verifyTwilioSignature(v.authToken, first!.signature, first!.url.replace("foo=1", "foo=2"), params)).toBe(false);
    expect(verifyTwilioSignature(v.authToken, undefined, first!.url, params)).toBe(false);
    expect(verifyTwilioSignature(undefined, first!.signature, first!.url, params)).toBe(false);
    expect(verifyTwilioSignature(v.authToken, "not base64!", first!.url, params)).toBe(false);
  });

  it("round-trips with the signature a provider would send, over the public URL", () => {
    const url = publicUrl("https://growai.example.com/", "http://127.0.0.1:3000", "/webhooks/twilio/sms?x=1");
    expect(url).toBe("https://growai.example.com/webhooks/twilio/sms?x=1");
    const params = { From: "+447700900123", To: "+441174960000", Body: "Hi ✨" };
    const sig = twilioSignature("secret-token", url, params);
    expect(verifyTwilioSignature("secret-token", sig, url, params)).toBe(true);
    expect(verifyTwilioSignature("secret-token", sig, publicUrl(undefined, "http://127.0.0.1:3000", "/webhooks/twilio/sms?x=1"), params)).toBe(false);
  });
});
