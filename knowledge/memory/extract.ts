// The extractor: a message (or a turn's messages) → facts about the person who wrote it.
// Names, preferences and the last service come from compromise's tagging of each sentence
// (names.ts, preferences.ts, last-service.ts); the language from eld over the whole text,
// only when confident (language.ts). Messages about the memory itself are skipped.
import { isMemoryControl } from "./control.js";
import { guessLanguage, warmLanguageDetector } from "./language.js";
import { lastServiceIn } from "./last-service.js";
import { nameIn } from "./names.js";
import { preferencesIn } from "./preferences.js";
import { sentences } from "./tokens.js";
import { MAX_VALUE_CHARS, type ExtractedFact } from "./types.js";

type Eld = Awaited<ReturnType<typeof warmLanguageDetector>>;

const clip = (v: string) => (v.length <= MAX_VALUE_CHARS ? v : `${v.slice(0, MAX_VALUE_CHARS - 1).trimEnd()}…`);

/** Name, preferences and last service in one message (no language). */
export function factsInMessage(text: string): ExtractedFact[] {
  if (!text.trim() || isMemoryControl(text)) return [];
  const out: ExtractedFact[] = [];
  for (const tokens of sentences(text)) {
    if (!tokens.length) continue;
    const isQuestion = /\?\s*$/.test(tokens.map((t) => t.text).join(" ")) || tokens.at(-1)!.text.endsWith("?");
    const name = isQuestion ? null : nameIn(tokens);
    if (name) out.push({ key: "name", value: name });
    for (const p of preferencesIn(tokens, isQuestion)) out.push({ key: "preference", value: p });
    const last = lastServiceIn(tokens, isQuestion);
    if (last) out.push({ key: "last_service", value: last });
  }
  return out.map((f) => ({ ...f, value: clip(f.value) }));
}

/** Facts in a turn's messages, language included when the joined text is clear enough. */
export function extractWith(eld: Eld | null, texts: string[]): ExtractedFact[] {
  const usable = texts.filter((t) => t.trim() && !isMemoryControl(t));
  const facts = usable.flatMap(factsInMessage);
  const lang = eld ? guessLanguage(eld, usable.join("\n")) : null;
  if (lang) facts.push({ key: "language", value: lang.code });
  // one value per single-valued key: the last one said wins
  const seen = new Set<string>();
  return facts
    .reverse()
    .filter((f) => {
      const id = f.key === "preference" ? `${f.key}:${f.value.toLowerCase()}` : f.key;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .reverse();
}

export async function extractFacts(texts: string[]): Promise<ExtractedFact[]> {
  return extractWith(await warmLanguageDetector(), texts);
}
