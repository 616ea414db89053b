// One ConversationRelay call. Twilio does speech-to-text and text-to-speech; we get the
// caller's words as `prompt` messages and answer with `text` tokens. The agent has only
// runTurn (no token stream), so the reply is sent the moment it exists, sentence by
// sentence, first sentence first, the last token marked `last: true`; true token
// streaming needs a streaming agent API. Messages of one call are handled in order.
import type { WebSocket } from "ws";
import { phrases } from "../../channels/voice/phrases.js";
import { endSession, parseRelayMessage, sentenceTokens, type RelayInbound, type RelayOutbound } from "../../channels/voice/relay-messages.js";
import { sentencesOf } from "../../channels/voice/speech.js";
import type { VoiceAccount } from "./accounts.js";
import { ensureCall, greetingFor } from "./call.js";
import type { VoiceDeps } from "./deps.js";
import { requestCallback } from "./handoff.js";
import type { CallInfo } from "./state.js";
import type { TurnRequest } from "./turn.js";

export class RelaySession {
  private call: { info: CallInfo; callSid: string } | null = null;
  private n = 0;
  private partial = "";
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly d: VoiceDeps, private readonly account: VoiceAccount, private readonly ws: WebSocket) {}

  start(): void {
    this.ws.on("message", (data, isBinary) => {
      const m = isBinary ? null : parseRelayMessage(data.toString());
      if (!m) return this.d.logger.warn({ tenantId: this.account.tenant.id }, "conversation relay: unreadable message ignored");
      this.onMessage(m);
    });
    this.ws.on("error", (err) => this.d.logger.warn({ err, tenantId: this.account.tenant.id }, "conversation relay socket error"));
  }

  private onMessage(m: RelayInbound): void {
    const log = this.d.logger.child({ tenantId: this.account.tenant.id, callSid: this.call?.callSid });
    if (m.type === "interrupt") return log.debug({ heard: m.utteranceUntilInterrupt.length }, "caller interrupted the reply");
    if (m.type === "error") return log.warn({ description: m.description }, "conversation relay reported an error");
    if (m.type === "unknown") return log.debug({ type: m.raw }, "conversation relay message type not handled");
    this.queue = this.d.turns.track(
      this.queue.then(() => this.handle(m)).catch((err: unknown) => {
        log.error({ err }, "conversation relay turn failed");
        this.send(...sentenceTokens([phrases.error]));
      }),
    );
  }

  private async handle(m: Exclude<RelayInbound, { type: "interrupt" | "error" | "unknown" }>): Promise<void> {
    if (m.type === "setup") {
      if (m.to !== this.account.number) {
        this.d.logger.warn({ tenantId: this.account.tenant.id }, "conversation relay setup for another number: closing");
        return this.ws.close(1008, "wrong number");
      }
      const info = await ensureCall(this.d, this.account, m.callSid, m.from);
      this.call = { info, callSid: m.callSid };
      await this.said("greeting", await greetingFor(this.d, this.account, info));
      return;
    }
    if (!this.call) return; // nothing before setup
    if (m.type === "dtmf") {
      if (m.digit === "0") await this.handoff(++this.n, null); // 0: "a person, please"
      return;
    }
    if (!m.last) {
      this.partial += `${m.voicePrompt} `;
      return;
    }
    const text = `${this.partial}${m.voicePrompt}`.trim();
    this.partial = "";
    if (text) await this.turn(text);
  }

  private async turn(text: string): Promise<void> {
    const call = this.call!;
    const n = ++this.n;
    const t: TurnRequest = { account: this.account, call: call.info, callSid: call.callSid, n, text, at: new Date() };
    const [th] = await Promise.all([this.d.turns.think(t), this.d.state.touchTurn(call.callSid, n)]);
    if (th.result.handoff) {
      const turnId = await this.d.turns.commit(t, th);
      return this.handoff(n, turnId);
    }
    const spoken = th.spoken || phrases.anythingElse;
    this.send(...sentenceTokens(sentencesOf(spoken)));
    const turnId = await this.d.turns.commit(t, th);
    await this.said(String(n), spoken, turnId);
  }

  private async handoff(n: number, turnId: string | null): Promise<void> {
    if (this.account.forwardTo) {
      this.send(...sentenceTokens([phrases.connecting]), endSession({ reason: "handoff" }));
      await this.said(String(n), phrases.connecting, turnId);
      return;
    }
    await requestCallback(this.d, this.account, this.call!.info, this.call!.callSid);
    const line = `${phrases.callbackRequested(this.account.tenant.name)} ${phrases.anythingElse}`;
    this.send(...sentenceTokens(sentencesOf(line)));
    await this.said(String(n), line, turnId);
  }

  private said(label: string, text: string, turnId: string | null = null) {
    const c = this.call!;
    return this.d.calls.recordSaid({ tenantId: this.account.tenant.id, conversationId: c.info.conversationId, callSid: c.callSid, label, text, turnId });
  }

  private send(...messages: RelayOutbound[]): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    for (const m of messages) this.ws.send(JSON.stringify(m));
  }
}
