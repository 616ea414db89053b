// Sentences written for this test (not from the replay set).
import { describe, expect, it } from "vitest";
import { isForeign, messageLanguage } from "./language.js";

describe("messageLanguage / isForeign", () => {
  it.each([
    ["¿a qué hora cierran los sábados?", "es"],
    ["vocês atendem aos domingos?", "pt"],
    ["est-ce que vous faites les colorations sans ammoniaque ?", "fr"],
    ["haben Sie am Freitag noch einen Termin frei?", "de"],
    ["क्या कल शाम को जगह है?", "hi"],
    ["هل عندكم موعد اليوم؟", "ar"],
    ["kal shaam ko haircut ho jayega kya", "hi-Latn"],
  ])("%s → %s", (text, lang) => {
    expect(messageLanguage(text)).toBe(lang);
    expect(isForeign(text)).toBe(true);
  });

  it.each(["what time do you close on saturdays?", "do you do colour without ammonia", "is there parking near the salon", "hi", "ok"])(
    "%s is not foreign",
    (text) => expect(isForeign(text)).toBe(false),
  );
});
