// Owner intents → a tool call for the local tier: classify (IntentClassifier on owner-data.ts),
// then cut the lead-in phrase off to get the slot. No slot, no call.
import {
  ADD_TEXT_DOCUMENT, CAMPAIGN_CONTROL, CAMPAIGN_RESULTS, FORGET_KNOWLEDGE, INGESTION_STATUS, LIST_BOOKINGS, LIST_CONTACTS, TEACH_FACT, USAGE_REPORT,
} from "../../tools/registry.js";
import { extractDateTimes } from "../nlu/index.js";
import { IntentClassifier } from "./classifier.js";
import {
  ADD_DOCUMENT_LEAD_INS, DOCUMENT_STATUS_WORDS, MIN_PASTED_DOCUMENT_CHARS, FORGET_TRAILERS, OWNER_EXAMPLES, SLOT_FILLERS, SLOT_LEAD_INS, VAGUE_DOCUMENT_SLOTS, VAGUE_SLOTS, type OwnerIntent,
} from "./owner-data.js";

export interface OwnerToolCall {
  name: string;
  args: Record<string, unknown>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join("|");
const FILLERS = new RegExp(`^(?:(?:${alternation(SLOT_FILLERS)})\\b[\\s,]*)*`, "i");
const LEAD_IN = {
  teach: new RegExp(`^(?:${alternation(SLOT_LEAD_INS.teach)})\\b[\\s,:;-]*`, "i"),
  forget: new RegExp(`^(?:${alternation(SLOT_LEAD_INS.forget)})\\b[\\s,:;-]*`, "i"),
};
const TRAILERS = new RegExp(`(?:\\s+(?:${alternation(FORGET_TRAILERS)}))+$`, "i");

/** The text after the lead-in ("remember that X" → "X"); null when there is no lead-in. */
export function slotAfterLeadIn(kind: "teach" | "forget", text: string): string | null {
  const t = text.trim().replace(FILLERS, "");
  const m = LEAD_IN[kind].exec(t);
  if (!m) return null;
  let slot = t.slice(m[0].length).trim().replace(/[\s.!?]+$/, "");
  if (kind === "forget") slot = slot.replace(/^(?:the|that|our|my)\s+/i, "").replace(TRAILERS, "").trim();
  return slot.length > 0 && !VAGUE_SLOTS.includes(slot.toLowerCase()) ? slot : null;
}

const STATUS_WORDS = alternation(DOCUMENT_STATUS_WORDS);
const DOC_NAME = [
  new RegExp(`\\b(?:is|has|did|was|are|have)\\s+(?:my|the|our)\\s+(.+?)\\s+(?:been\\s+|got\\s+|gone\\s+)?(?:${STATUS_WORDS})\\b`, "i"),
  new RegExp(`\\bhow(?:'s|\\s+is|\\s+are)\\s+(?:my|the|our)\\s+(.+?)\\s+(?:${STATUS_WORDS})\\b`, "i"),
  /\b(?:status|progress)\s+(?:of|on|for)\s+(?:my|the|our)?\s*(.+?)[\s?.!]*$/i,
];

/** The document a status question is about ("is my price list done?" → "price list"); null for all of them. */
export function documentSlot(text: string): string | null {
  for (const re of DOC_NAME) {
    const m = re.exec(text.trim());
    if (!m) continue;
    const slot = m[1]!.replace(/\s+(?:upload|file|document|doc|sheet)$/i, "").trim();
    return slot && !VAGUE_DOCUMENT_SLOTS.includes(slot.toLowerCase()) ? slot : null;
  }
  return null;
}

const PASTED = new RegExp(`^(?:(?:${alternation(SLOT_FILLERS)})\\b[\\s,]*)*(?:${alternation(ADD_DOCUMENT_LEAD_INS)})\\b[ \\t,.]*(?::|\\n)\\s*`, "i");

/** The text of a pasted document ("add this to your knowledge:\n<text>"), or null. */
export function pastedDocument(text: string): string | null {
  const t = text.trim();
  const m = PASTED.exec(t);
  if (!m) return null;
  const rest = t.slice(m[0].length).trim();
  return rest.length >= MIN_PASTED_DOCUMENT_CHARS ? rest : null;
}

const RESUME = /\b(?:resume|unpause|continue|carry on|restart|reanuda\w*|retom\w*|repren\w*|fortsetz\w*|weiter)\b/i;
const PAUSE = /\b(?:pause|paus\w*|hold|halt)\b/i;
/** Words that frame a campaign request rather than name the campaign. */
const CAMPAIGN_FRAME = new Set(
  ("how did do does is was were the a an our my of for results result stats statistics show me please campaign campaigns offer go going " +
    "perform performed performing many people opened replies reply get got any bookings booking what pause paused resume unpause continue " +
    "carry on restart hold put can you could it that this last latest on with").split(" "),
);

/** Which campaign a request names: its remaining words ("friday's", "diwali"), or "latest". */
export function campaignRef(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => !CAMPAIGN_FRAME.has(w));
  const ref = words.join(" ").trim();
  return ref && ref.length <= 60 ? ref : "latest";
}

/** pause / resume from the verb; null when neither is said (cancel and stop are for the LLM tiers, which confirm). */
export function campaignAction(text: string): "pause" | "resume" | null {
  if (/\b(?:cancel|stop|end|delete|kill)\b/i.test(text)) return null;
  if (RESUME.test(text)) return "resume";
  return PAUSE.test(text) ? "pause" : null;
}

const ANY_ZONE = { timezone: "UTC", locale: "en", currency: "USD" };
/** The text names a day or a time the date reader understands (in any zone: only presence matters). */
function saysDay(text: string): boolean {
  return extractDateTimes(text, { ...ANY_ZONE, now: new Date() }).some((d) => d.hasDate || d.hasTime);
}

let shared: IntentClassifier<OwnerIntent> | undefined;
export function ownerIntentClassifier(): IntentClassifier<OwnerIntent> {
  shared ??= new IntentClassifier<OwnerIntent>(OWNER_EXAMPLES);
  return shared;
}

/** The owner tool call the text asks for, or null (not an owner intent, unsure, or no slot). */
export function ownerToolCall(text: string, minConfidence: number, classifier = ownerIntentClassifier()): OwnerToolCall | null {
  // a pasted document is recognized by its lead-in: its long body would drown the classifier
  const pasted = pastedDocument(text);
  if (pasted) return { name: ADD_TEXT_DOCUMENT, args: { text: pasted } };
  const { intent, confidence } = classifier.classify(text);
  if (confidence < minConfidence) return null;
  switch (intent) {
    case "teach": {
      const fact = slotAfterLeadIn("teach", text);
      return fact && fact.length >= 3 ? { name: TEACH_FACT, args: { fact } } : null;
    }
    case "forget": {
      const query = slotAfterLeadIn("forget", text);
      return query ? { name: FORGET_KNOWLEDGE, args: { query } } : null;
    }
    case "list_contacts":
      return { name: LIST_CONTACTS, args: {} };
    case "ingestion_status": {
      const name = documentSlot(text);
      return { name: INGESTION_STATUS, args: name ? { name } : {} };
    }
    case "usage_report":
      return { name: USAGE_REPORT, args: {} };
    case "bookings":
      // list_bookings reads the day from the owner's own words (agent/nlu in the tenant's
      // zone): only when there is a day the date reader can find ("kal ke bookings" is not one)
      return saysDay(text) ? { name: LIST_BOOKINGS, args: { when: text.trim().slice(0, 200) } } : null;
    case "campaign_control": {
      const action = campaignAction(text);
      return action ? { name: CAMPAIGN_CONTROL, args: { campaign: campaignRef(text), action } } : null;
    }
    case "campaign_results":
      return { name: CAMPAIGN_RESULTS, args: { campaign: campaignRef(text) } };
    case "none":
      return null;
  }
}
