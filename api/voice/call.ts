// A call is its own conversation (keyed by CallSid) on the caller's contact — the same
// contact as their SMS and WhatsApp — so the agent's memory of that person carries over.
import { phrases } from "../../channels/voice/phrases.js";
import { recallMemory } from "../pipeline/memory.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import type { CallInfo } from "./state.js";

export async function ensureCall(d: Pick<VoiceDeps, "contacts" | "state">, account: VoiceAccount, callSid: string, from: string): Promise<CallInfo> {
  const known = await d.state.get(callSid);
  if (known && known.tenantId === account.tenant.id) return known;
  const ref = await d.contacts.ensureConversation({
    tenantId: account.tenant.id, channelAccountId: account.accountId, channel: "voice", address: from, conversationKey: callSid,
  });
  const info: CallInfo = { tenantId: account.tenant.id, conversationId: ref.conversationId, contactId: ref.contactId, from };
  await d.state.put(callSid, info);
  return info;
}

/** The call's greeting, with the caller's remembered name when there is one ("Hi Priya! Thanks for calling…"). */
export async function greetingFor(d: Pick<VoiceDeps, "memory" | "logger">, account: VoiceAccount, call: CallInfo): Promise<string> {
  const base = phrases.greeting(account.tenant.name);
  const facts = await recallMemory(d.memory, account.tenant.id, call.contactId, d.logger);
  const name = facts?.find((f) => f.key === "name")?.value;
  return name ? `Hi ${name}! ${base}` : base;
}
