import { describe, expect, it } from "vitest";
import { endSession, parseRelayMessage, sentenceTokens } from "./relay-messages.js";

describe("ConversationRelay messages", () => {
  it("parses setup, prompt, interrupt, dtmf and error as Twilio documents them", () => {
    const setup = parseRelayMessage(JSON.stringify({
      type: "setup", sessionId: "VX00000000000000000000000000000000", accountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", parentCallSid: "",
      callSid: "CA00000000000000000000000000000000", from: "+18005550100", to: "+18005550101", forwardedFrom: "+18005550102",
      callType: "PSTN", callerName: "", direction: "inbound", callStatus: "RINGING", customParameters: { callReference: "bar" },
    }));
    expect(setup).toMatchObject({ type: "setup", callSid: "CA00000000000000000000000000000000", customParameters: { callReference: "bar" } });
    expect(parseRelayMessage('{"type":"prompt","voicePrompt":"Hello there","lang":"en-US","last":true}')).toEqual({
      type: "prompt", voicePrompt: "Hello there", lang: "en-US", last: true,
    });
    expect(parseRelayMessage('{"type":"interrupt","utteranceUntilInterrupt":"We open at","durationUntilInterruptMs":460}')).toMatchObject({ type: "interrupt", durationUntilInterruptMs: 460 });
    expect(parseRelayMessage('{"type":"dtmf","digit":"0"}')).toEqual({ type: "dtmf", digit: "0" });
    expect(parseRelayMessage('{"type":"error","description":"Invalid message received"}')).toMatchObject({ type: "error" });
  });

  it("keeps unknown types, refuses malformed frames", () => {
    expect(parseRelayMessage('{"type":"info","x":1}')).toEqual({ type: "unknown", raw: "info" });
    expect(parseRelayMessage("not json")).toBeNull();
    expect(parseRelayMessage('{"type":"prompt"}')).toBeNull();
    expect(parseRelayMessage('{"type":"setup","callSid":""}')).toBeNull();
  });

  it("sends a reply sentence by sentence, last one marked", () => {
    expect(sentenceTokens(["We open at 9 AM.", "See you then."])).toEqual([
      { type: "text", token: "We open at 9 AM. ", last: false },
      { type: "text", token: "See you then.", last: true },
    ]);
    expect(sentenceTokens([])).toEqual([{ type: "text", token: "", last: true }]);
    expect(endSession({ reason: "handoff" })).toEqual({ type: "end", handoffData: '{"reason":"handoff"}' });
  });
});
