import { describe, expect, it } from "vitest";
import { one, said, twiml } from "../../test/support/voice.js";
import { connectRelay, holdAndRedirect, sayAndDial, sayAndGather, sayAndHangup, speechLanguage } from "./twiml.js";

describe("TwiML", () => {
  it("says the lines inside a speech <Gather> that posts even an empty result", () => {
    const r = twiml(sayAndGather(["Hello & welcome <friend>."], { action: "https://x.test/v/gather?turn=2&retry=1", language: "en-GB" }));
    const g = one(r, "Gather");
    expect(g.attrs).toMatchObject({
      input: "speech", action: "https://x.test/v/gather?turn=2&retry=1", method: "POST", speechTimeout: "auto",
      actionOnEmptyResult: "true", language: "en-GB",
    });
    expect(one(g, "Say").text).toBe("Hello & welcome <friend>.");
    expect(r.children.map((c) => c.name)).toEqual(["Gather"]);
  });

  it("holds and redirects when the budget runs out", () => {
    const r = twiml(holdAndRedirect("One moment while I check that.", "https://x.test/v/continue?turn=1", "en-US"));
    expect(r.children.map((c) => c.name)).toEqual(["Say", "Redirect"]);
    expect(one(r, "Redirect")).toMatchObject({ attrs: { method: "POST" }, text: "https://x.test/v/continue?turn=1" });
  });

  it("dials a person with an action for the unanswered case", () => {
    const r = twiml(sayAndDial(["Putting you through."], { number: "+15550001111", action: "https://x.test/v/dialed", language: "en-US" }));
    expect(r.children.map((c) => c.name)).toEqual(["Say", "Dial"]);
    expect(one(r, "Dial")).toMatchObject({ text: "+15550001111", attrs: { action: "https://x.test/v/dialed", timeout: "20" } });
  });

  it("hangs up after goodbye", () => {
    const r = twiml(sayAndHangup(["Goodbye."], "en-US"));
    expect(r.children.map((c) => c.name)).toEqual(["Say", "Hangup"]);
    expect(said(r)).toBe("Goodbye.");
  });

  it("connects ConversationRelay with the greeting and parameters", () => {
    const r = twiml(connectRelay({
      url: "wss://x.test/voice/relay?to=%2B15550001111", action: "https://x.test/v/relay-ended", language: "en-US",
      welcomeGreeting: "Thanks for calling.", parameters: { tenant: "t1" },
    }));
    const relay = one(one(r, "Connect"), "ConversationRelay");
    expect(one(r, "Connect").attrs.action).toBe("https://x.test/v/relay-ended");
    expect(relay.attrs).toMatchObject({ url: "wss://x.test/voice/relay?to=%2B15550001111", welcomeGreeting: "Thanks for calling.", language: "en-US", interruptible: "any" });
    expect(one(relay, "Parameter").attrs).toEqual({ name: "tenant", value: "t1" });
  });

  it("maps tenant locales to speech languages", () => {
    expect(speechLanguage("en")).toBe("en-US");
    expect(speechLanguage("en-GB")).toBe("en-GB");
    expect(speechLanguage("hi_in")).toBe("hi-IN");
    expect(speechLanguage("xx")).toBe("en-US");
  });
});
