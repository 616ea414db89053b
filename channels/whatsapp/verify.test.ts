import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { escapeNonAscii, verifyHandshake, verifySignature } from "./verify.js";

const fixture = (name: string) => new URL(`../../test/fixtures/whatsapp/${name}`, import.meta.url);
interface Vector {
  app_secret: string;
  body?: string;
  body_file?: string;
  body_as_signed?: string;
  expected_header_value: string;
}
const vectors = (JSON.parse(readFileSync(fixture("signature-vectors.json"), "utf8")) as { vectors: Vector[] }).vectors;
const [pywa, apiJs, own] = vectors as [Vector, Vector, Vector];
const capturedBody = readFileSync(fixture(pywa.body_file ?? ""));

const sign = (body: Buffer | string, secret: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("verifySignature: published vectors", () => {
  it("accepts the real captured Meta webhook (pywa) byte for byte", () => {
    expect(capturedBody.length).toBe(511);
    expect(verifySignature(capturedBody, pywa.expected_header_value, pywa.app_secret)).toBe(true);
  });

  it("accepts the whatsapp-api-js vector in the escaped form Meta signs", () => {
    expect(verifySignature(Buffer.from(apiJs.body_as_signed ?? ""), apiJs.expected_header_value, apiJs.app_secret)).toBe(true);
  });

  it("accepts the whatsapp-api-js vector when its non-ASCII arrives decoded as UTF-8", () => {
    const utf8 = Buffer.from(apiJs.body ?? "", "utf8");
    // The plain HMAC over the UTF-8 bytes is a different digest: only the escaped form matches.
    expect(sign(utf8, apiJs.app_secret)).not.toBe(apiJs.expected_header_value);
    expect(verifySignature(utf8, apiJs.expected_header_value, apiJs.app_secret)).toBe(true);
  });

  it("escapes exactly as Meta does (lowercase \\uXXXX per UTF-16 unit)", () => {
    expect(escapeNonAscii(apiJs.body ?? "")).toBe(apiJs.body_as_signed);
    expect(escapeNonAscii(own.body ?? "")).toBe(own.body_as_signed);
    expect(escapeNonAscii("ok 💇")).toBe("ok \\ud83d\\udc87");
  });

  it("accepts our non-ASCII webhook (Hindi, emoji) in both escaped and UTF-8 forms", () => {
    for (const body of [own.body_as_signed ?? "", own.body ?? ""]) {
      expect(verifySignature(Buffer.from(body, "utf8"), own.expected_header_value, own.app_secret)).toBe(true);
    }
  });
});

describe("verifySignature: refusals", () => {
  const header = pywa.expected_header_value;
  const secret = pywa.app_secret;

  it("refuses a body changed by one byte", () => {
    const tampered = Buffer.from(capturedBody);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] ?? 0) ^ 0x01;
    expect(verifySignature(tampered, header, secret)).toBe(false);
    expect(verifySignature(Buffer.concat([capturedBody, Buffer.from(" ")]), header, secret)).toBe(false);
  });

  it("refuses a non-ASCII body changed by one character, in both forms", () => {
    const changed = (own.body ?? "").replace("Merci", "Mercy");
    expect(verifySignature(Buffer.from(changed), own.expected_header_value, own.app_secret)).toBe(false);
    expect(verifySignature(Buffer.from(escapeNonAscii(changed)), own.expected_header_value, own.app_secret)).toBe(false);
  });

  it("refuses a wrong secret", () => {
    expect(verifySignature(capturedBody, header, "0222e786b144d0e85b9f365372d93676")).toBe(false);
    expect(verifySignature(Buffer.from(own.body ?? ""), own.expected_header_value, "another-secret")).toBe(false);
  });

  it("refuses a missing or empty header", () => {
    expect(verifySignature(capturedBody, undefined, secret)).toBe(false);
    expect(verifySignature(capturedBody, "", secret)).toBe(false);
  });

  it("refuses malformed sha256 values", () => {
    const hex = header.slice("sha256=".length);
    for (const bad of [
      "sha256=",
      `sha256=${hex.slice(0, 62)}`, // too short
      `sha256=${hex}00`, // too long
      `sha256=${hex.slice(0, 63)}g`, // not hex
      `sha256= ${hex}`,
      `SHA256=${hex}`,
      hex, // no prefix
      `sha256=${hex},sha256=${hex}`,
    ]) {
      expect(verifySignature(capturedBody, bad, secret), bad).toBe(false);
    }
  });

  it("accepts the same digest written in uppercase hex (same bytes)", () => {
    expect(verifySignature(capturedBody, `sha256=${header.slice(7).toUpperCase()}`, secret)).toBe(true);
  });

  it("refuses a header for another algorithm (legacy sha1)", () => {
    const sha1 = `sha1=${createHmac("sha1", secret).update(capturedBody).digest("hex")}`;
    expect(verifySignature(capturedBody, sha1, secret)).toBe(false);
  });

  it("refuses when the app secret is empty, even with a signature made with the empty key", () => {
    expect(verifySignature(capturedBody, sign(capturedBody, ""), "")).toBe(false);
    expect(verifySignature(capturedBody, header, "")).toBe(false);
  });

  it("refuses invalid UTF-8 bytes instead of guessing an escaped form", () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(verifySignature(body, sign(escapeNonAscii("{\ufffd\ufffd}"), secret), secret)).toBe(false);
    expect(verifySignature(body, sign(body, secret), secret)).toBe(true);
  });
});

describe("verifyHandshake", () => {
  const meta = { "hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": "meatyhamhock" };

  it("returns the challenge for the right token (object and URLSearchParams)", () => {
    expect(verifyHandshake(meta, "meatyhamhock")).toBe("1158201444");
    expect(verifyHandshake(new URLSearchParams(meta), "meatyhamhock")).toBe("1158201444");
    // whatsapp-api-js's published GET test: the answer body is the hub.challenge value.
    const published = { "hub.mode": "subscribe", "hub.challenge": "challenge", "hub.verify_token": "YOUR_WEBHOOK_VERIFY_TOKEN" };
    expect(verifyHandshake(published, "YOUR_WEBHOOK_VERIFY_TOKEN")).toBe("challenge");
  });

  it("returns null for a wrong token, a wrong mode, or missing fields", () => {
    expect(verifyHandshake(meta, "meatyhamhocK")).toBeNull();
    expect(verifyHandshake(meta, "meatyhamhock-longer")).toBeNull();
    expect(verifyHandshake({ ...meta, "hub.mode": "unsubscribe" }, "meatyhamhock")).toBeNull();
    expect(verifyHandshake({ "hub.mode": "subscribe", "hub.challenge": "1" }, "meatyhamhock")).toBeNull();
    expect(verifyHandshake({ ...meta, "hub.challenge": undefined }, "meatyhamhock")).toBeNull();
  });

  it("fails closed on an empty configured token, array values and unsafe challenges", () => {
    expect(verifyHandshake({ ...meta, "hub.verify_token": "" }, "")).toBeNull();
    expect(verifyHandshake({ ...meta, "hub.verify_token": ["meatyhamhock"] }, "meatyhamhock")).toBeNull();
    expect(verifyHandshake({ ...meta, "hub.challenge": "<script>alert(1)</script>" }, "meatyhamhock")).toBeNull();
  });
});
