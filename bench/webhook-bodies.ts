// Signed WhatsApp text webhooks, as Meta sends them, built fast enough for a load
// generator: the body comes from the tests' own builder (test/support/webhooks.ts) once,
// as a template; each request splices in a fresh wamid, sender, text and timestamp and is
// signed (X-Hub-Signature-256: HMAC-SHA256 over the exact raw bytes).
import { randomBytes } from "node:crypto";
import { IN_SCOPE } from "../knowledge/demo/questions.js";
import { sign, textWebhook } from "../test/support/webhooks.js";

export interface SignedBody {
  body: Buffer;
  signature: string;
  wamid: string;
}

export interface WebhookFactory {
  /** A text message from `from` (a WhatsApp wa_id) with a wamid never used before. */
  text(from: string, text: string): SignedBody;
  /** Rotates through senders and the demo lead questions. */
  next(): SignedBody;
  readonly issued: number;
}

const escape = (s: string) => JSON.stringify(s).slice(1, -1);

export function webhookFactory(phoneNumberId: string, appSecret: string, senders = 1000): WebhookFactory {
  const tpl = JSON.stringify(textWebhook({ phoneNumberId, from: "@@FROM@@", text: "@@TEXT@@", id: "@@ID@@", timestamp: "@@TS@@", name: "@@NAME@@" }));
  const parts = tpl.split(/@@(FROM|TEXT|ID|TS|NAME)@@/); // literal, key, literal, key, ...
  const runId = randomBytes(12).toString("base64url");
  const questions = IN_SCOPE.map((q) => q.q);
  let issued = 0;

  const text = (from: string, body: string): SignedBody => {
    const wamid = `wamid.HBgL${runId}${(issued++).toString(36).padStart(8, "0")}`;
    const values: Record<string, string> = {
      FROM: from, TEXT: escape(body), ID: wamid, TS: String(Math.floor(Date.now() / 1000)), NAME: `Lead ${from.slice(-4)}`,
    };
    let json = "";
    for (let i = 0; i < parts.length; i++) json += i % 2 ? values[parts[i]!]! : parts[i]!;
    const buf = Buffer.from(json, "utf8");
    return { body: buf, signature: sign(buf, appSecret), wamid };
  };

  return {
    text,
    next() {
      const n = issued;
      const from = `4477009${String(n % senders).padStart(5, "0")}`;
      return text(from, questions[n % questions.length]!);
    },
    get issued() {
      return issued;
    },
  };
}
