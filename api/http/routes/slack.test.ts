// Without SLACK_SIGNING_SECRET the Slack endpoints fail closed: every request is refused.
import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { Metrics } from "../../metrics.js";
import { slackRoutes } from "./slack.js";

describe("slackRoutes without a signing secret", () => {
  it("refuses every endpoint with 401 and counts it", async () => {
    const outcomes: string[] = [];
    const metrics = { webhooks: { inc: (l: { outcome: string }) => void outcomes.push(l.outcome) } } as unknown as Metrics;
    const app = express().use(
      "/webhooks/slack",
      slackRoutes({
        signingSecret: undefined, apiBaseUrl: "https://slack.com/api", resolver: null as never, queues: null as never,
        credentials: () => Promise.reject(new Error("never called")), logger: pino({ level: "silent" }), metrics,
      }),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/slack`;
    try {
      for (const path of ["/events", "/commands", "/interactivity"]) {
        const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"type":"url_verification","challenge":"x"}' });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: { code: "unauthorized", message: "invalid signature" } });
      }
      expect(outcomes).toEqual(["invalid_signature", "invalid_signature", "invalid_signature"]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
