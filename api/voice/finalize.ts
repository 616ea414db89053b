// After the call (status callback with a final CallStatus): the end is recorded once on the
// call's conversation, and — when the business has an SMS number and the caller said
// something — one follow-up text is queued through the outbox: what the agent promised to
// text (links, addresses), answers that came too late to be said, and what was asked.
// Idempotent: the end row and the follow-up have keys derived from the CallSid.
import type { StatusCallback } from "../../channels/voice/params.js";
import { startMessage } from "../pipeline/outbound.js";
import type { VoiceAccount } from "./accounts.js";
import { ensureCall } from "./call.js";
import type { VoiceDeps } from "./deps.js";

export const FINAL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
const SMS_MAX = 600;

export async function finalizeCall(d: VoiceDeps, account: VoiceAccount, p: StatusCallback): Promise<{ followUp: boolean }> {
  if (!FINAL_STATUSES.has(p.CallStatus)) return { followUp: false };
  const tenantId = account.tenant.id;
  const call = await ensureCall(d, account, p.CallSid, p.From);
  await d.calls.markEnded({ tenantId, conversationId: call.conversationId, callSid: p.CallSid, status: p.CallStatus, durationSeconds: p.CallDuration });
  if (!(await d.tenants.accountFor(tenantId, "sms"))) return { followUp: false };

  const asked = (await d.calls.transcript(tenantId, call.conversationId))
    .filter((m) => m.direction === "inbound" && m.text?.trim())
    .map((m) => m.text!.trim());
  if (!asked.length) return { followUp: false };
  const late: string[] = [];
  for (const n of await d.state.turns(p.CallSid)) {
    const o = await d.turns.unclaimed(p.CallSid, n);
    if (o?.spoken) late.push(o.spoken);
  }
  const text = followUpText(account.tenant.name, asked, await d.state.offers(p.CallSid), late);
  await startMessage(d, {
    tenantId, channel: "sms", address: p.From, text, idempotencyKey: `followup:${p.CallSid}`, purpose: "followup",
  });
  return { followUp: true };
}

/** The follow-up SMS: plain text, the promised details first, within a few segments. */
export function followUpText(business: string, asked: string[], offers: string[], late: string[]): string {
  const parts = [`Thanks for calling ${business}!`];
  if (offers.length) parts.push(`As promised: ${offers.join(" | ")}`);
  if (late.length) parts.push(`About your question: ${late.join(" ")}`);
  const topics = asked.slice(-3).map((q) => `"${clip(q, 60)}"`).join(", ");
  parts.push(`You asked about ${topics}. Reply to this text if there's anything else.`);
  let text = parts.join("\n");
  if (text.length > SMS_MAX) text = `${text.slice(0, SMS_MAX - 1).trimEnd()}…`;
  return text;
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`;
}
