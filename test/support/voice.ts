// Voice test support: a GrowAI HTTP server with the ConversationRelay upgrade attached,
// the real local agent behind a switch that can slow it down, voice tenants, signed Twilio
// voice webhooks, and a small XML reader to assert on the TwiML we answer.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAgent } from "../../agent/index.js";
import { createCheckpointer } from "../../agent/checkpointer.js";
import { modelSettingsFromConfig } from "../../agent/models/providers.js";
import type { Agent, TurnInput, TurnResult } from "../../agent/types.js";
import { createContainer, type Container } from "../../api/container.js";
import { twilioSignature } from "../../channels/twilio/verify.js";
import { loadConfig } from "../../core/config.js";
import { NO_ANSWER_THRESHOLD } from "../../knowledge/relevance.js";
import { TEST_CREDENTIALS_KEY, testDatabaseUrl, uniquePrefix, uniqueSlug } from "./db.js";
import { SALON_KNOWLEDGE } from "./harness.js";

/** The real agent, optionally slowed down (a slow LLM tier, as far as voice can tell). */
export class SwitchableAgent implements Agent {
  inner: Agent | null = null;
  delayMs = 0;
  async runTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return this.inner!.runTurn(input, signal);
  }
}

export interface VoiceTenant {
  tenantId: string;
  number: string;
  authToken: string;
  accountSid: string;
}

export interface VoiceHarness {
  c: Container;
  agent: SwitchableAgent;
  baseUrl: string;
  server: Server;
  tenant(o?: { forwardTo?: string; relay?: boolean; turnBudgetMs?: number; sms?: boolean; name?: string }): Promise<VoiceTenant>;
  post(t: VoiceTenant, path: string, params: Record<string, string>, o?: { signature?: string | null; authToken?: string }): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export const newCallSid = () => `CA${randomBytes(16).toString("hex")}`;
export const newNumber = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

/**
 * Twilio's STIR/SHAKEN verdict on an inbound call (the signed `StirVerstat` form field):
 * the caller ID was verified with A attestation. Add it to callParams' `extra` for a call
 * whose caller may see and change their remembered details; without it a call is learn_only.
 */
export const VERIFIED_CALLER_ID = { StirVerstat: "TN-Validation-Passed-A" } as const;

/** The fields of a real Twilio voice request (see test/fixtures), for one call. */
export function callParams(t: VoiceTenant, callSid: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: t.accountSid, ApiVersion: "2010-04-01", CallSid: callSid, CallStatus: "in-progress", Called: t.number,
    Caller: from, Direction: "inbound", From: from, FromCountry: "US", To: t.number, ToCountry: "US", ...extra,
  };
}

export async function startVoiceHarness(o: { budgetMs?: number } = {}): Promise<VoiceHarness> {
  const config = loadConfig({
    DATABASE_URL: testDatabaseUrl(), REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: uniquePrefix("voice").replaceAll(":", "-"), ADMIN_TOKEN: "test-admin-token-0123456789abcdef",
    CREDENTIALS_KEY: TEST_CREDENTIALS_KEY, LOG_LEVEL: "silent", DEMO_WEB_CHAT: "false",
  });
  const agent = new SwitchableAgent();
  const c = await createContainer(config, { agent, dbPoolSize: 5, voice: { budgetMs: o.budgetMs ?? 2500 } });
  const checkpointer = await createCheckpointer(config.DATABASE_URL, { max: 2 });
  agent.inner = createAgent({ knowledge: c.knowledge, checkpointer, models: modelSettingsFromConfig(config), minScore: NO_ANSWER_THRESHOLD });
  const server = createServer(c.app);
  server.on("upgrade", (req, socket, head) => {
    if (!c.voice.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    c, agent, baseUrl, server,
    async tenant(t = {}) {
      const tenant = await c.tenants.create({ slug: uniqueSlug("voice"), name: t.name ?? "Glow Studio", timezone: "Europe/London", currency: "GBP" });
      for (const k of SALON_KNOWLEDGE) await c.knowledge.addEntry(tenant.id, { ...k, source: "admin" });
      const number = newNumber();
      const authToken = randomBytes(16).toString("hex");
      const accountSid = `AC${randomBytes(16).toString("hex")}`;
      const credentials: Record<string, string> = { accountSid, authToken };
      if (t.forwardTo) credentials.forwardTo = t.forwardTo;
      if (t.relay) credentials.relay = "true";
      if (t.turnBudgetMs) credentials.turnBudgetMs = String(t.turnBudgetMs);
      await c.tenants.upsertChannelAccount(tenant.id, { channel: "voice", externalId: number, credentials });
      if (t.sms !== false) await c.tenants.upsertChannelAccount(tenant.id, { channel: "sms", externalId: number, credentials: { accountSid, authToken } });
      return { tenantId: tenant.id, number, authToken, accountSid };
    },
    async post(t, path, params, p = {}) {
      const url = `${baseUrl}/webhooks/twilio/voice${path}`;
      const signature = p.signature === undefined ? twilioSignature(p.authToken ?? t.authToken, url, params) : p.signature;
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, text: await res.text() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await c.close();
      await checkpointer.end();
    },
  };
}

// ---- a small XML reader (TwiML has elements, attributes, text and the five entities) ----
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re = /<\?[^>]*\?>|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let pos = 0;
  for (const m of xml.matchAll(re)) {
    if (m.index !== pos) throw new Error(`unreadable XML at ${pos}: ${xml.slice(pos, pos + 40)}`);
    pos += m[0].length;
    const top = stack.at(-1)!;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`mismatched </${m[1]}> in ${top.name}`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? "").matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = unescape(a[2]!);
      const node: XmlNode = { name: m[2], attrs, children: [], text: "" };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    } else if (m[5] && m[5].trim()) {
      top.text += unescape(m[5]);
    }
  }
  if (pos !== xml.length) throw new Error(`unreadable XML at ${pos}`);
  if (stack.length !== 1) throw new Error("unclosed XML element");
  return root;
}

/** The <Response> element of a TwiML document (throws if there is none). */
export function twiml(xml: string): XmlNode {
  const r = parseXml(xml).children.find((n) => n.name === "Response");
  if (!r) throw new Error(`not TwiML: ${xml.slice(0, 80)}`);
  return r;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

export function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
  return found[0]!;
}

/** Every <Say> text, in document order. */
export function said(node: XmlNode): string {
  return all(node, "Say").map((s) => s.text).join(" ");
}
