// Slack's documented signing example (as reproduced by python-slack-sdk's test) verified
// through Bolt's own verifier — the very function ExpressReceiver runs on every request.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isValidSlackRequest, verifySlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";

const DIR = resolve(import.meta.dirname, "../../test/fixtures/slack");
const vectors = JSON.parse(readFileSync(resolve(DIR, "signature-vectors.json"), "utf8")) as {
  vectors: Array<{ signing_secret: string; timestamp: string; body_file: string; expected_signature: string; clock_now_for_valid_window: number }>;
};
const [v] = vectors.vectors;
const body = readFileSync(resolve(DIR, v!.body_file), "utf8");
const check = (o: { signature?: string; timestamp?: number; body?: string; nowSec?: number; secret?: string }) =>
  isValidSlackRequest({
    signingSecret: o.secret ?? v!.signing_secret,
    body: o.body ?? body,
    headers: { "x-slack-signature": o.signature ?? v!.expected_signature, "x-slack-request-timestamp": o.timestamp ?? Number(v!.timestamp) },
    nowMilliseconds: (o.nowSec ?? v!.clock_now_for_valid_window) * 1000,
  });

describe("Slack request signing (v0) through @slack/bolt", () => {
  it("our signer reproduces Slack's documented example", () => {
    const sig = `v0=${createHmac("sha256", v!.signing_secret).update(`v0:${v!.timestamp}:${body}`).digest("hex")}`;
    expect(sig).toBe(v!.expected_signature);
  });

  it("accepts the documented example at its own time and up to 5 minutes later", () => {
    expect(check({})).toBe(true);
    expect(check({ nowSec: Number(v!.timestamp) + 300 })).toBe(true);
  });

  it("refuses it once stale (more than 5 minutes old)", () => {
    expect(check({ nowSec: Number(v!.timestamp) + 301 })).toBe(false);
    expect(() =>
      verifySlackRequest({
        signingSecret: v!.signing_secret, body, nowMilliseconds: (Number(v!.timestamp) + 360) * 1000,
        headers: { "x-slack-signature": v!.expected_signature, "x-slack-request-timestamp": Number(v!.timestamp) },
      }),
    ).toThrow(/stale/);
  });

  it("refuses a changed body, another secret, another timestamp or a malformed header", () => {
    expect(check({ body: `${body}&x=1` })).toBe(false);
    expect(check({ secret: "another-secret-0000000000000000" })).toBe(false);
    expect(check({ timestamp: Number(v!.timestamp) + 1 })).toBe(false);
    expect(check({ signature: v!.expected_signature.replace("v0=", "v1=") })).toBe(false);
    expect(check({ signature: "v0=" })).toBe(false);
  });
});
