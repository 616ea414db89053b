import { describe, expect, it } from "vitest";
import { callRequestSchema, parseForm, speechResultSchema, statusCallbackSchema } from "./params.js";

// A real voice webhook body, captured by twilio-go (shared protocol fixtures:
// twilio/voice-call-request.twilio-go-capture.txt), kept here verbatim.
const CAPTURED =
  "Called=%2B19252717005&ToState=CA&CallerCountry=US&Direction=outbound-api&CallerState=CA&ToZip=94596&CallSid=CA6d27370cbbfb605521fe8800bb73f2d2&To=%2B19252717005&CallerZip=94514&ToCountry=US&ApiVersion=2010-04-01&CalledZip=94596&CalledCity=PLEASANTON&CallStatus=in-progress&From=%2B19253920364&AccountSid=AC58f1e8f2b1c6b88ca90a012a4be0c279&CalledCountry=US&CallerCity=BRENTWOOD&Caller=%2B19253920364&FromCountry=US&ToCity=PLEASANTON&FromCity=BRENTWOOD&CalledState=CA&FromZip=94514&FromState=CA";
const captured = () => Object.fromEntries(new URLSearchParams(CAPTURED));

describe("voice webhook params", () => {
  it("reads a real captured Twilio voice request", () => {
    const p = parseForm(callRequestSchema, captured());
    expect(p).toMatchObject({ CallSid: "CA6d27370cbbfb605521fe8800bb73f2d2", From: "+19253920364", To: "+19252717005", CallStatus: "in-progress" });
  });

  it("reads speech results with and without confidence", () => {
    const p = parseForm(speechResultSchema, { ...captured(), SpeechResult: "What time do you open?", Confidence: "0.91" });
    expect(p).toMatchObject({ SpeechResult: "What time do you open?", Confidence: 0.91 });
    const silent = parseForm(speechResultSchema, captured());
    expect(silent.SpeechResult).toBe("");
    expect(silent.Confidence).toBeUndefined();
  });

  it("reads status callbacks and refuses malformed ones with field details", () => {
    expect(parseForm(statusCallbackSchema, { ...captured(), CallStatus: "completed", CallDuration: "42" })).toMatchObject({ CallDuration: 42 });
    expect(() => parseForm(statusCallbackSchema, { ...captured(), CallStatus: "exploded" })).toThrow(/malformed voice webhook/);
    expect(() => parseForm(callRequestSchema, { ...captured(), CallSid: "nope" })).toThrow(/malformed/);
  });
});
