// "I want a person" when nobody can be put through: the conversation is marked as needing
// a person (handoffRequestedAt) and every owner reachable on a channel the business has is
// told, through the outbox (stored first, sent once: the key is CallSid + owner).
import { AppError } from "../../core/errors.js";
import { startMessage } from "../pipeline/outbound.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import type { CallInfo } from "./state.js";

const NOTIFY_CHANNELS = new Set(["whatsapp", "sms", "slack"]);

export async function requestCallback(
  d: Pick<VoiceDeps, "calls" | "tenants" | "contacts" | "messages" | "queues" | "logger">,
  account: VoiceAccount,
  call: CallInfo,
  callSid: string,
): Promise<number> {
  const tenantId = account.tenant.id;
  await d.calls.requestCallback(tenantId, call.conversationId);
  const said = (await d.calls.transcript(tenantId, call.conversationId)).filter((m) => m.direction === "inbound" && m.text);
  const last = said.at(-1)?.text;
  const text =
    `Callback requested: ${call.from} called ${account.tenant.name} and asked to speak to a person.` +
    (last ? ` Last thing they said: "${last.slice(0, 200)}"` : "");
  let notified = 0;
  for (const owner of await d.tenants.listOwners(tenantId)) {
    if (!NOTIFY_CHANNELS.has(owner.channel)) continue;
    try {
      await startMessage(d, {
        tenantId, channel: owner.channel, address: owner.address, text, purpose: "notification",
        idempotencyKey: `callback:${callSid}:${owner.id}`, displayName: owner.displayName,
      });
      notified++;
    } catch (err) {
      // the business has an owner on a channel it has no account for: skip that one
      if (!(err instanceof AppError && err.code === "not_configured")) throw err;
    }
  }
  if (!notified) d.logger.warn({ tenantId, conversationId: call.conversationId }, "callback requested but no owner could be notified");
  return notified;
}
