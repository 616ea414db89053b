// Yes / no / unsure and ordinal choices, in English, Hinglish, Spanish, French, German,
// Portuguese and Arabic; hedges and questions are not confirmations.
import { describe, expect, it } from "vitest";
import { extractChoice, extractYesNo } from "./yesno.js";

describe("extractYesNo", () => {
  it.each([
    ["yes", "yes"], ["Y", "yes"], ["yep 👍", "yes"], ["yes please", "yes"], ["sure", "yes"], ["ok go ahead", "yes"],
    ["sounds good", "yes"], ["haan ji", "yes"], ["thik hai done 👍", "yes"], ["sí, confirmo", "yes"], ["oui", "yes"],
    ["ja, passt", "yes"], ["sim", "yes"], ["نعم", "yes"], ["yes but can it be with Amy not Jess", "yes"],
    ["no", "no"], ["nope", "no"], ["no thanks", "no"], ["nahi", "no"], ["non merci", "no"], ["nein", "no"], ["não", "no"],
    ["no actually hold off", "no"], ["um actually no wait what about sunday", "no"], ["لا", "no"],
    ["not sure", "unsure"], ["maybe", "unsure"], ["i dont know yet", "unsure"], ["shayad", "unsure"], ["vielleicht", "unsure"],
  ])("%s → %s", (text, value) => {
    const y = extractYesNo(text);
    expect(y?.value).toBe(value);
    expect(text.slice(y!.span.start, y!.span.end)).toBe(y!.span.text);
  });

  it("short clear replies are surer than long ones", () => {
    expect(extractYesNo("yes")!.confidence).toBeGreaterThan(0.9);
    expect(extractYesNo("yes but can it be with Amy not Jess on another day instead")!.confidence).toBeLessThan(extractYesNo("yes")!.confidence);
  });

  it.each(["what time do you open", "hello", "can I book a cut", "I have a question about my booking ok", "how much is balayage"])("nothing in %s", (text) => {
    expect(extractYesNo(text)).toBeUndefined();
  });
});

describe("extractChoice", () => {
  it.each([["the second one", 2], ["first one please", 1], ["I'll take the last one", -1], ["dusra wala", 2], ["la segunda opción", 2], ["option 3", 3]])(
    "%s → %d", (text, index) => {
      expect(extractChoice(text)?.index).toBe(index);
    });
  it.each(["second thoughts, call me", "my first time here", "yes"])("none in %s", (text) => {
    expect(extractChoice(text)).toBeUndefined();
  });
});
