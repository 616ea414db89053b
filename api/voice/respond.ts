// What the caller hears once a turn has an outcome: the reply (already written for the
// ear) and the next <Gather>; a transfer to a person; or a callback request. Everything
// said is stored as an outbound message of the call, so the transcript is complete.
import { phrases } from "../../channels/voice/phrases.js";
import { sayAndDial, sayAndGather, speechLanguage } from "../../channels/voice/twiml.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import { requestCallback } from "./handoff.js";
import type { CallInfo } from "./state.js";
import type { Outcome } from "./turn.js";
import type { VoiceUrls } from "./urls.js";

export interface TurnContext {
  account: VoiceAccount;
  call: CallInfo;
  callSid: string;
  n: number;
  urls: VoiceUrls;
}

export async function deliver(d: VoiceDeps, c: TurnContext, o: Outcome): Promise<string> {
  const language = speechLanguage(c.account.tenant.locale);
  const next = { action: c.urls.gather(c.n + 1), language };
  const say = (text: string, turnId?: string | null) =>
    d.calls.recordSaid({ tenantId: c.account.tenant.id, conversationId: c.call.conversationId, callSid: c.callSid, label: String(c.n), text, turnId: turnId ?? null });

  if (o.failed) return sayAndGather([phrases.error], next);
  if (o.handoff && c.account.forwardTo) {
    await say(phrases.connecting, o.turnId);
    return sayAndDial([phrases.connecting], { number: c.account.forwardTo, action: c.urls.at("/dialed"), language });
  }
  if (o.handoff) {
    await requestCallback(d, c.account, c.call, c.callSid);
    const line = `${phrases.callbackRequested(c.account.tenant.name)} ${phrases.anythingElse}`;
    await say(line, o.turnId);
    return sayAndGather([line], next);
  }
  const line = o.spoken || phrases.anythingElse;
  await say(line, o.turnId);
  return sayAndGather([line], next);
}
