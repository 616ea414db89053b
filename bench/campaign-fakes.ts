// The campaign bench's provider fakes in a process of their own (started by bench/campaign.ts
// over IPC), so the time a request reaches the fake's rate check is not skewed by the
// bench's own work (scheduling, the app receiving receipts, garbage collection).
//   setup → ready {graphBaseUrl, apiVersion, twilioBaseUrl}; count → accepted sends so far;
//   report → {decisions, waTo, smsTo}; reset {receipts} → forget everything (for the baseline).
import { startFakeGraphApi } from "../test/fakes/graph-api.js";
import { startFakeTwilio } from "../test/fakes/twilio.js";

export type FakesRequest =
  | {
      type: "setup";
      wa: Array<{ id: string; token: string; rate: number }>;
      sms: Array<{ number: string; accountSid: string; authToken: string; rate: number }>;
      receipts: { url: string; appSecret: string; delayMs: number } | null;
    }
  | { type: "count" }
  | { type: "report" }
  | { type: "reset"; receipts: boolean }
  | { type: "close" };

const graph = await startFakeGraphApi();
const twilio = await startFakeTwilio();
let receipts: { url: string; appSecret: string; delayMs: number } | null = null;
const reply = (m: unknown) => process.send!(m);

process.on("message", async (m: FakesRequest) => {
  if (m.type === "setup") {
    for (const w of m.wa) {
      graph.setToken(w.id, w.token);
      graph.limitRate(w.id, { perSecond: w.rate });
    }
    for (const s of m.sms) {
      twilio.addAccount({ accountSid: s.accountSid, authToken: s.authToken, numbers: [s.number] });
      twilio.limitRate(s.number, { perSecond: s.rate });
    }
    receipts = m.receipts;
    if (receipts) {
      graph.postReceipts({ url: `${receipts.url}/webhooks/whatsapp`, appSecret: receipts.appSecret, delayMs: receipts.delayMs });
      twilio.postReceipts({ delayMs: receipts.delayMs });
    }
    reply({ type: "ready", graphBaseUrl: graph.baseUrl, apiVersion: graph.apiVersion, twilioBaseUrl: twilio.baseUrl });
  } else if (m.type === "count") {
    reply({ type: "count", n: graph.sends().length + twilio.sends().length });
  } else if (m.type === "report") {
    reply({
      type: "report",
      decisions: [...graph.rateDecisions, ...twilio.rateDecisions],
      waTo: graph.sends().map((s) => String((s.body as { to: string }).to)),
      smsTo: twilio.sends().map((s) => s.form["To"] ?? ""),
    });
  } else if (m.type === "reset") {
    if (!m.receipts) {
      graph.postReceipts(null);
      twilio.postReceipts(null);
    }
    graph.reset();
    twilio.reset();
    reply({ type: "reset" });
  } else if (m.type === "close") {
    await Promise.all([graph.close(), twilio.close()]);
    reply({ type: "closed" });
    process.exit(0);
  }
});
reply({ type: "started" });
