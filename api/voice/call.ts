// A call is its own conversation (keyed by CallSid) on the caller's contact — the same
// contact as their SMS and WhatsApp — so the agent's memory of that person carries over.
// But caller ID can be spoofed: the memory is used (greeting by name, facts in the turn,
// my_memory / forget_my_memory) only when the carrier verified the number — Twilio's
// STIR/SHAKEN result `StirVerstat` on the call's webhook is TN-Validation-Passed-A. Any other
// call only learns from what the caller says ("learn_only").
import type { MemoryAccess } from "../../agent/types.js";
import type { FormParams } from "../../channels/voice/params.js";
import { phrases } from "../../channels/voice/phrases.js";
import { recallMemory } from "../pipeline/memory.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import type { CallInfo } from "./state.js";

/** The one StirVerstat value that vouches for the caller ID: verified, with A attestation. */
export const VERIFIED_CALLER = "TN-Validation-Passed-A";

/**
 * The memory access of a call, from the signed webhook's StirVerstat (absent on calls
 * without a SHAKEN PASSporT, e.g. most non-US numbers). B/C attestation, failures,
 * "-Diverted"/"-Passthrough" variants and anything else are learn_only.
 */
export function memoryAccessOf(params: FormParams): MemoryAccess {
  const v = params.StirVerstat;
  const verstat = Array.isArray(v) ? v[0] : v;
  return verstat === VERIFIED_CALLER ? "full" : "learn_only";
}

/**
 * The call's state, created on its first webhook. `access` is that webhook's verdict
 * (memoryAccessOf): it is stored with the call and later webhooks, the relay session
 * and the status callback reuse it; a call first seen without it is learn_only.
 */
export async function ensureCall(
  d: Pick<VoiceDeps, "contacts" | "state">, account: VoiceAccount, callSid: string, from: string, access: MemoryAccess = "learn_only",
): Promise<CallInfo> {
  const known = await d.state.get(callSid);
  if (known && known.tenantId === account.tenant.id) return known;
  const ref = await d.contacts.ensureConversation({
    tenantId: account.tenant.id, channelAccountId: account.accountId, channel: "voice", address: from, conversationKey: callSid,
  });
  const info: CallInfo = { tenantId: account.tenant.id, conversationId: ref.conversationId, contactId: ref.contactId, from, memoryAccess: access };
  await d.state.put(callSid, info);
  return info;
}

/**
 * The call's greeting, with the caller's remembered name when there is one ("Hi Priya!
 * Thanks for calling…") — only on a call with a verified caller ID.
 */
export async function greetingFor(d: Pick<VoiceDeps, "memory" | "logger">, account: VoiceAccount, call: CallInfo): Promise<string> {
  const base = phrases.greeting(account.tenant.name);
  if (call.memoryAccess !== "full") return base;
  const facts = await recallMemory(d.memory, account.tenant.id, call.contactId, d.logger);
  const name = facts?.find((f) => f.key === "name")?.value;
  return name ? `Hi ${name}! ${base}` : base;
}
