import { describe, expect, it } from "vitest";
import { consentKeyword } from "./consent.js";

describe("consentKeyword", () => {
  it.each([
    ["STOP", "opt_out"], ["stop", "opt_out"], [" Stop. ", "opt_out"], ["STOPALL", "opt_out"], ["unsubscribe", "opt_out"],
    ["CANCEL", "opt_out"], ["End", "opt_out"], ["quit!", "opt_out"], ["START", "opt_in"], ["unstop", "opt_in"],
    ["YES", "opt_in_if_out"], ["help", "help"], ["HELP?", "help"],
  ])("%s → %s", (text, kw) => expect(consentKeyword(text)).toBe(kw));

  it.each(["stop texting me about the sale", "can I cancel my booking", "yes please, 5pm", "I need help with prices", "stopp", ""])(
    "%j is a message, not a keyword",
    (text) => expect(consentKeyword(text)).toBeNull(),
  );
});
