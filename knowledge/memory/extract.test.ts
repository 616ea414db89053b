import { describe, expect, it } from "vitest";
import { extractFacts, extractWith, factsInMessage } from "./extract.js";
import { isMemoryControl } from "./control.js";
import { guessLanguage, warmLanguageDetector } from "./language.js";
import { HELD_OUT_TABLE } from "./held-out.js";
import { EXTRACTION_TABLE } from "./table.js";
import type { ExtractedFact } from "./types.js";

const id = (f: ExtractedFact) => `${f.key}=${f.value.toLowerCase()}`;

describe("fact extraction table", () => {
  it.each(EXTRACTION_TABLE)("%s", (text, want) => {
    expect(factsInMessage(text).map(id).sort()).toEqual(want.map(id).sort());
  });

  it("measures precision and recall over the whole table", () => {
    const m = measure(EXTRACTION_TABLE);
    console.log(`extraction, tuning table (${EXTRACTION_TABLE.length} messages): ${m.line}`);
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("holds up on messages it was not tuned on", () => {
    const m = measure(HELD_OUT_TABLE);
    console.log(`extraction, held-out table (${HELD_OUT_TABLE.length} messages): ${m.line}; misses: ${JSON.stringify(m.wrong)}`);
    expect(m.precision).toBeGreaterThanOrEqual(0.85);
    expect(m.recall).toBeGreaterThanOrEqual(0.7);
  });
});

function measure(table: Array<[string, ExtractedFact[]]>) {
  let tp = 0, fp = 0, fn = 0;
  const wrong: string[] = [];
  for (const [text, want] of table) {
    const got = new Set(factsInMessage(text).map(id));
    const exp = new Set(want.map(id));
    for (const g of got) (exp.has(g) ? tp++ : (fp++, wrong.push(`+${g} in "${text}"`)));
    for (const e of exp) if (!got.has(e)) (fn++, wrong.push(`-${e} in "${text}"`));
  }
  const precision = tp + fp ? tp / (tp + fp) : 1, recall = tp + fn ? tp / (tp + fn) : 1;
  const line = `precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% (tp ${tp}, fp ${fp}, fn ${fn})`;
  return { precision, recall, line, wrong };
}

describe("language, only when confident", () => {
  it.each([
    ["Hola, quisiera reservar una cita para un corte de pelo el sábado por la mañana", "es"],
    ["Bonjour, je voudrais prendre rendez-vous pour une coupe samedi matin", "fr"],
    ["Hallo, ich möchte gerne einen Termin für einen Haarschnitt am Samstag", "de"],
    ["Hi, I would like to book a haircut on Saturday morning please", "en"],
    ["Do you have a slot tomorrow after 5?", "en"],
  ])("%s → %s", async (text, code) => {
    expect(guessLanguage(await warmLanguageDetector(), text)?.code).toBe(code);
  });

  it.each(["ok", "hola", "I'm Priya", "👍👍 lol", "Priya 07700 900123 https://x.y", "नमस्ते, मुझे शनिवार को बाल कटवाने के लिए अपॉइंटमेंट चाहिए"])(
    "no language for %s (too short, or Hindi/Marathi too close to call)",
    async (text) => {
      expect(guessLanguage(await warmLanguageDetector(), text)).toBeNull();
    },
  );

  it("a turn's messages are judged together, and a language fact is added", async () => {
    const facts = await extractFacts(["Hola, soy Lucía", "quisiera una cita para el sábado por la mañana, por favor"]);
    expect(facts).toContainEqual({ key: "language", value: "es" });
    expect(extractWith(null, ["hi"])).toEqual([]);
  });
});

describe("memory requests are not mined", () => {
  it.each(["forget me", "please delete my data", "forget my name, I'm Priya", "what do you remember about me?", "forget that I prefer Anna", "What do you know about me"])(
    "%s",
    async (text) => {
      expect(isMemoryControl(text)).toBe(true);
      expect(await extractFacts([text])).toEqual([]);
    },
  );

  it("ordinary messages are not memory requests", () => {
    for (const t of ["I'm Priya", "I prefer Anna", "remove the nail polish please", "do you remember to open at 9?"]) expect(isMemoryControl(t)).toBe(false);
  });

  it("single-valued keys keep the last value said in a turn", () => {
    expect(extractWith(null, ["I'm Priya", "actually call me P"]).filter((f) => f.key === "name")).toEqual([{ key: "name", value: "P" }]);
  });
});
