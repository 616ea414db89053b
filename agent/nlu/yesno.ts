// Yes / no / unsure for confirmations, and ordinal choices ("the second one" → 2), in the
// languages of the replay set (English, Hinglish/Hindi, Spanish, Portuguese, French, German,
// Arabic). Words vote with a weight by position (the first words of a reply decide it); a
// hedge ("not sure", "maybe"), a question, or votes both ways give `unsure`.

import type { ChoiceEntity, Span, YesNoEntity } from "./types.js";

const YES = /^(?:y|ye|yes|yess+|yeah|yea|yah|ya|yep|yup|sure|confirm(?:ed)?|correct|absolutely|definitely|certainly|haan|han|ha|haa|ji|theek|thik|bilkul|chalega|sahi|हाँ|हां|जी|ठीक|si|sí|claro|vale|sim|certo|oui|ouais|daccord|d'accord|ja|jawohl|genau|klar|نعم|أكيد|تمام|ايوه|اي|👍|✅|👌)$/i;
const NO = /^(?:n|no|nope|nah|naw|nahi|nahin|nai|mat|नहीं|ना|non|nao|não|nein|لا)$/i;
/** Agreement that is as often a sign-off ("ok bye", "perfect see u then"): half weight. */
const WEAK_YES = /^(?:ok|okay|okey|k|kk|alright|fine|perfect|great|deal|done|cool|right|chalega|theek|thik)$/i;
/** A "yeah" followed by these is speech filler or a greeting, not an answer ("yeah hi um"). */
const FILLER_AFTER = /^(?:hi|hello|hey|so|um|uh|er|well|my|bonjour|hola|mire)$/i;
/** A question is not an answer unless it starts with one ("ok?" aside). */
const QUESTION = /\?\s*$|^(?:is|are|can|could|do|does|did|will|would|should|have|has)\b/i;
/** Two-word yeses/noes whose words alone would mislead. */
const YES_PHRASES = /\b(?:go ahead|sounds good|that works|works for me|of course|why not|thik hai|theek hai|ho jayega|por supuesto|de acuerdo|pode ser|ça marche|ca marche|in ordnung|passt)\b/i;
const NO_PHRASES = /\b(?:no thanks|no thank you|not really|hold off|don't bother|dont bother|never mind|nevermind|rather not|not now|nahi chahiye|mat karo|no gracias|pas maintenant|lieber nicht)\b/i;
const HEDGE = /\b(?:not sure|unsure|maybe|perhaps|possibly|don'?t know|dunno|idk|i think so|might|depends|not yet|let me (?:check|think)|shayad|pata nahi|quizás|quizas|tal vez|talvez|peut-être|peut-etre|vielleicht)\b/i;

const ORDINALS: Record<string, number> = {
  first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, fifth: 5, "5th": 5, last: -1,
  pehla: 1, pehli: 1, dusra: 2, doosra: 2, dusri: 2, teesra: 3, tisra: 3,
  primero: 1, primera: 1, segundo: 2, segunda: 2, tercero: 3, tercera: 3, último: -1, ultima: -1, última: -1,
  premier: 1, première: 1, deuxième: 2, second_fr: 2, troisième: 3, dernier: -1, dernière: -1,
  erste: 1, ersten: 1, zweite: 2, zweiten: 2, dritte: 3, dritten: 3, letzte: -1,
};
const CHOICE = /\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|pehla|pehli|dusra|doosra|dusri|teesra|tisra|primero|primera|segundo|segunda|tercero|tercera|último|ultima|última|premier|première|deuxième|troisième|dernier|dernière|erste|ersten|zweite|zweiten|dritte|dritten|letzte)\s+(?:one|option|choice|slot|wala|wali|vala|uno|una|opción|opcion|opção|horário|horario|option|créneau|termin|variante|please|pls)\b|\b(?:option|number|no\.?|#)\s*([1-5])\b/i;

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

export function extractYesNo(text: string): YesNoEntity | undefined {
  const tokens = [...text.matchAll(/[\p{L}\p{N}'’]+|👍|✅|👌/gu)];
  if (!tokens.length) return undefined;
  let yes = 0, no = 0, first: { start: number; end: number } | null = null;
  const phraseYes = YES_PHRASES.exec(text), phraseNo = NO_PHRASES.exec(text);
  if (phraseYes) { yes += 1; first = { start: phraseYes.index, end: phraseYes.index + phraseYes[0].length }; }
  if (phraseNo) { no += 1.2; first = { start: phraseNo.index, end: phraseNo.index + phraseNo[0].length }; }
  const question = QUESTION.test(text.trim());
  tokens.slice(0, 12).forEach((m, i) => {
    const w = m[0].replace(/’/g, "'");
    if (question && i > 0) return;
    if (FILLER_AFTER.test(tokens[i + 1]?.[0] ?? "")) return;
    const weight = (i === 0 ? 1 : i < 3 ? 0.6 : 0.25) * (WEAK_YES.test(w) ? 0.6 : 1);
    const inPhrase = (p: RegExpExecArray | null) => p && m.index >= p.index && m.index < p.index + p[0].length;
    if (inPhrase(phraseYes) || inPhrase(phraseNo)) return;
    if (YES.test(w) || WEAK_YES.test(w)) yes += weight;
    else if (NO.test(w)) no += weight;
    else return;
    if (!first || i === 0) first = { start: m.index, end: m.index + m[0].length };
  });
  const hedge = HEDGE.exec(text);
  if (hedge) return { type: "yesno", value: "unsure", confidence: 0.7, span: span(text, hedge.index, hedge.index + hedge[0].length) };
  if (!first || Math.max(yes, no) < 0.5) return undefined; // only a stray "ok" deep in a sentence
  const f: { start: number; end: number } = first;
  const margin = Math.abs(yes - no);
  if (margin < 0.3) return { type: "yesno", value: "unsure", confidence: 0.5, span: span(text, f.start, f.end) };
  const value = yes > no ? "yes" : "no";
  // Long messages with a stray "ok" are weaker evidence than a short reply.
  const length = Math.min(1, 6 / tokens.length);
  const confidence = Math.round(Math.min(0.97, 0.5 + 0.35 * Math.min(margin, 1) + 0.15 * length) * 100) / 100;
  return { type: "yesno", value, confidence, span: span(text, f.start, f.end) };
}

export function extractChoice(text: string): ChoiceEntity | undefined {
  const m = CHOICE.exec(text);
  if (!m) return undefined;
  const index = m[1] ? ORDINALS[m[1].toLowerCase()] : Number(m[2]);
  if (index === undefined || Number.isNaN(index)) return undefined;
  return { type: "choice", index, confidence: 0.85, span: span(text, m.index, m.index + m[0].length) };
}
