// Which language a message is written in, as far as the local tier needs to know: English
// (or too short to tell), or another language. The local tier answers in English templates
// around quoted knowledge, so a request in another language is not one it can answer well.
// Devanagari and Arabic script say it on their own; Latin-script text goes to eld (an n-gram
// language detector bundled in its npm package — the "small" table, nothing downloaded),
// restricted to the languages the businesses' customers write, and counts only when eld
// calls its own result reliable. eld has no Hinglish (Hindi in Latin script): it reads it
// as English or nothing, so Latin text eld does not call foreign also goes to a naive Bayes
// trained on the bundled examples by language (English vs Hinglish, data.ts / data-i18n.ts).
import { eld as shared } from "eld/small";
import { EXAMPLES_BY_LANGUAGE } from "./data.js";
import { NaiveBayesModel } from "./naive-bayes.js";

/** The languages eld chooses among (the replay's, plus neighbours it would otherwise confuse them with). */
export const DETECTED_LANGUAGES = ["en", "es", "pt", "fr", "de", "it", "nl", "hi", "mr", "ar"];

const detector = shared.newInstance();
detector.setLanguageSubset(DETECTED_LANGUAGES);

const OTHER_SCRIPT = /[\p{Script=Devanagari}\p{Script=Arabic}]/u;

const HINGLISH_MIN = 0.9;
let hinglish: NaiveBayesModel<"en" | "hi-Latn"> | undefined;
function hinglishModel(): NaiveBayesModel<"en" | "hi-Latn"> {
  hinglish ??= new NaiveBayesModel({ en: EXAMPLES_BY_LANGUAGE.en, "hi-Latn": EXAMPLES_BY_LANGUAGE["hi-Latn"] });
  return hinglish;
}

/** ISO 639-1 code of a message's language when clear; "en" is returned only when eld is sure; null = can't tell. */
export function messageLanguage(text: string): string | null {
  if (OTHER_SCRIPT.test(text)) return /\p{Script=Arabic}/u.test(text) ? "ar" : "hi";
  const letters = text.replace(/https?:\/\/\S+|[^\p{L}\s']/gu, " ").trim();
  if (letters.length < 3) return null;
  const r = detector.detect(letters);
  const lang = r.language && r.isReliable() ? r.language : null;
  if (lang === null || lang === "en") {
    if (hinglishModel().scores(text)["hi-Latn"] >= HINGLISH_MIN) return "hi-Latn";
  }
  return lang;
}

/** Written in a language other than English (clearly). */
export function isForeign(text: string): boolean {
  const lang = messageLanguage(text);
  return lang !== null && lang !== "en";
}
