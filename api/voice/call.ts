// A call is its own conversation (keyed by CallSid) on the caller's contact — the same
// contact as their SMS and WhatsApp — so the agent's memory of that person carries over.
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
