// The router's turn features from the pending user text: the base intent and its confidence
// (agent/intent: an NLP.js neural + naive Bayes ensemble; a knowledge question in another
// language than English reports at most FOREIGN_QUESTION_CONFIDENCE), word count, risk
// (./risk.ts), how many asks the message holds, and for owners the owner intent
// (agent/intent/owner.ts) and whether the request is open-ended (judgement) rather than a
// command, a lookup or light composition (given content, a summary). agent/graph.ts's
// route node and bench/router.ts both call `turnFeatures`, so the bench measures exactly
// what the graph decides. Pure apart from the (shared, read-only) classifiers; microseconds.
// Conversation state (mid-booking, awaiting approval) is not a feature yet: the graph keeps
// no booking state to read it from.
import type { IntentClassifier } from "../intent/classifier.js";
import { isForeign } from "../intent/language.js";
import { CAMPAIGN_RESULTS, INGESTION_STATUS, LIST_BOOKINGS, LIST_CONTACTS, USAGE_REPORT } from "../../tools/registry.js";
import { ownerIntentClassifier, ownerToolCall } from "../intent/owner.js";
import type { OwnerIntent } from "../intent/owner-data.js";
import type { OwnerFeatures, TurnFeatures } from "../route.js";
import type { Role } from "../types.js";
import { normaliseForRisk, riskOf } from "./risk.js";

/** The local tier acts on an owner intent at or above this confidence (LocalChatModel's minIntentConfidence default). */
export const OWNER_LOCAL_CONFIDENCE = 0.7;

/** Owner intents that are one tool call with at most a simple slot (the local tier's owner tools). */
export const SIMPLE_OWNER_INTENTS: ReadonlySet<OwnerIntent> = new Set(["teach", "forget", "list_contacts", "ingestion_status", "usage_report", "bookings", "campaign_control", "campaign_results"]);

const wordRe = (list: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join("|")})(?![\\p{L}\\p{N}])`, "u");

/**
 * Owner work that needs judgement or composition, not a lookup: marketing and campaigns,
 * writing copy, reports and analysis, advice. General vocabulary of running a small business.
 */
export const OPEN_ENDED_OWNER = wordRe([
  "campaigns?", "promo\\w*", "marketing", "advert\\w*", "ads?", "newsletter", "broadcast", "announce\\w*",
  "posts?", "caption\\w*", "flyers?", "posters?", "banner", "instagram", "insta", "facebook", "tiktok", "social media", "reels?",
  "write", "rewrite", "draft", "compose", "copy", "slogan", "tagline", "wording", "reply to (?:a |the |this )?review", "reviews?",
  "plan\\w*", "strateg\\w*", "ideas?", "suggest\\w*", "advice", "advise", "recommend\\w*", "improve", "grow", "growth", "growing", "increase", "boost",
  "get more", "more (?:customers|clients|people|bookings|students|footfall|sales)", "attract", "what (?:would|should|could) (?:you|i|we) do",
  "\\d+ ?% off", "discounts?", "special offer", "deals?", "sale",
  // bulk messages to customers
  "(?:message|text|email|tell|notify|remind|send|blast|move|reschedule|rebook|cancel)\\b.{0,25}\\b(?:all|everyone|everybody|customers|clients|regulars)", "let (?:everyone|everybody|people|customers|clients) know",
  "(?:weekly|monthly|sales|business|performance) report", "analy[sz]\\w*", "insights?", "trends?", "compare\\w*", "breakdown", "summar\\w*", "performance",
  "why", "how (?:are|were|was|is) (?:we|business|the business|things) (?:doing|going)", "how did we do",
  // choosing among customers or offers: retention and targeting are judgement, not a lookup
  "win(?:ning)? (?:\\w+ )?back", "re-?engag\\w*", "lapsed", "churn\\w*", "lost (?:customers|clients)", "at risk",
  "which (?:ones?|customers|clients|of them|services|offers?) (?:to|should|would|could|are worth)", "who (?:should|would) (?:i|we)",
  "campana", "publicidad", "escribe", "campanha", "escreva", "publicite", "ecris", "werbung", "kampagne", "schreib\\w*",
]);

/** Judgement within open-ended work: strategy, advice, analysis, targeting. Given content or a summary does not make these light. */
export const OWNER_JUDGEMENT = wordRe([
  "plan\\w*", "strateg\\w*", "ideas?", "suggest\\w*", "advice", "advise", "recommend\\w*", "improve", "grow", "growth", "growing", "increase", "boost",
  "get more", "more (?:customers|clients|people|bookings|students|footfall|sales)", "attract", "what (?:would|should|could) (?:you|i|we) do",
  "analy[sz]\\w*", "insights?", "trends?", "compare\\w*", "why", "win(?:ning)? (?:\\w+ )?back", "re-?engag\\w*", "lapsed", "churn\\w*",
  "which (?:ones?|customers|clients|of them|services|offers?) (?:to|should|would|could|are worth)", "who (?:should|would) (?:i|we)",
  "reply to (?:a |the |this )?review", "reviews?",
  "should (?:i|we)", "is (?:that|this|it) (?:good|bad|ok|enough|normal)", "worth (?:it|keeping|continuing)", "better",
]);
/**
 * The owner gives the words: a quoted text, or "saying …" / "that says …" with the content.
 * Wrapping given content (an announcement, a flyer's line) is light composition (replay
 * README rule 8: fast), not creative judgement.
 */
export const GIVEN_CONTENT = /["“«][^"”»]{6,}["”»]|\b(?:saying|that says|which says|to say)\b(?:\s+\S+){3,}/u;
/** A summary of what happened: composition from data (fast), not analysis. */
export const SUMMARY = wordRe(["summar\\w*", "recap", "breakdown", "(?:daily|weekly|monthly) report"]);
/** Quoted text is content, not the request: its words ("deal", "post") say nothing about the work asked for. */
const withoutQuotes = (t: string) => t.replace(/["“«][^"”»]*["”»]/gu, " ");

/** An owner asking to see bookings (a list_bookings lookup, which the local tier cannot do yet). */
export const BOOKINGS_LOOKUP = /\b(?:what(?:'s| is| have we got)?|who(?:'s| is)?|show|list|any|how many|check)\b.{0,40}\b(?:booked|bookings?|appointments?|schedule|diary|calendar)\b/;

/** Start, stop or pause an existing campaign: a one-tool command, not planning. */
export const CAMPAIGN_CONTROL = /\b(?:pause|stop|resume|restart|end|cancel|turn off|switch off)\b.{0,30}\bcampaigns?\b/;

const QUESTION_RUN = /\?+/g;
/** English openers of a request: question words, auxiliaries with their subject, "I'd like", imperatives of the business's actions. */
const REQUEST_OPENERS = [
  // an auxiliary opens a question only with its subject ("can you…", "is it…"); "…and would love" continues a sentence
  "(?:can|could|would|will|do|does|did|is|are)\\s+(?:you|u|i|we|it|there|they|he|she|my|our|the|this|that)", "what", "whats", "what's", "how", "when", "where", "which", "who", "why",
  "i(?:'d| would)? (?:like|want|need)", "we(?:'d| would)? (?:like|want|need)", "i wanna", "please",
  "book", "cancel", "move", "change", "send", "tell", "give", "add", "check", "message", "text", "email", "call", "let", "update",
  "remind", "post", "write", "make", "create", "remove", "delete", "forget", "remember", "show", "list",
].join("|");
/** Interrogatives of the other languages customers write, anywhere in a clause (Hindi/Hinglish puts them late). */
const OTHER_INTERROGATIVES = /(?<![\p{L}])(?:kitna|kitne|kitni|kya|kab|kaise|kahan|kaun|cuanto|cuanta|cuando|donde|puedo|puede[ns]?|combien|quand|est-ce que|pouvez|wie ?viel|wann|konnen|kann ich|quanto|quando|onde|posso|pode)(?![\p{L}])/u;
const FILLERS = "(?:(?:so|ok|okay|and|also|plus|then|but|um+|uh+|oh|hi|hello|hey|please|yes|no)\\b[\\s,]*)*";
const REQUEST_START = new RegExp(`^${FILLERS}(?:${REQUEST_OPENERS})\\b`);
/** Sentence ends, commas, and a conjunction (en, Hinglish "aur", es/pt "y"/"e", fr "et", de "und") that opens a new request. */
const CLAUSE_SPLIT = new RegExp(`[.!?;,\\n]+|\\s+(?:and|also|plus|then|but|aur|y|e|et|und)\\s+(?=(?:also\\s+)?(?:${REQUEST_OPENERS})\\b|.*${OTHER_INTERROGATIVES.source})`, "u");

/**
 * How many separate asks the message holds: the larger of its question-mark groups
 * ("??" counts once) and its clauses that open with a request (a question word, a modal, "I'd
 * like", an imperative) or hold another language's interrogative; clauses are split at
 * sentence ends, commas and at a conjunction that starts a new request. At least 1.
 */
export function asksIn(text: string): number {
  const marks = text.match(QUESTION_RUN)?.length ?? 0;
  const t = normaliseForRisk(text);
  let requests = 0;
  for (const clause of t.split(CLAUSE_SPLIT)) {
    const c = clause.trim();
    if (c && (REQUEST_START.test(c) || OTHER_INTERROGATIVES.test(c))) requests++;
  }
  return Math.max(1, marks, requests);
}

/** The owner-side features: owner intent, whether the local tier can act on it, lookup, open-ended. */
export function ownerFeatures(text: string, classifier = ownerIntentClassifier()): OwnerFeatures {
  const { intent, confidence } = classifier.classify(text);
  const t = normaliseForRisk(text);
  const simple = SIMPLE_OWNER_INTENTS.has(intent) && confidence >= OWNER_LOCAL_CONFIDENCE;
  const call = ownerToolCall(text, OWNER_LOCAL_CONFIDENCE, classifier);
  // an explicit command whose lead-in gave the slot ("remember that…", "forget the…", a pasted
  // document) is a command whatever it mentions; a slot-less intent yields to open-ended words
  const explicit = call !== null && !LOOKUP_TOOLS.has(call.name);
  const control = CAMPAIGN_CONTROL.test(t);
  const request = withoutQuotes(t);
  // light composition (given content, a summary) unless it also asks for judgement; a
  // bookings or campaign-results lookup names its topic ("campaign") without asking for any
  const light = (GIVEN_CONTENT.test(t) || SUMMARY.test(request) || (call !== null && TOPIC_LOOKUPS.has(call.name))) && !OWNER_JUDGEMENT.test(request);
  const openEnded = !explicit && !control && !light && OPEN_ENDED_OWNER.test(request);
  // one tool call only: a command with another request attached ("list them and tell me…")
  // is not the local tier's
  const single = asksIn(text) === 1;
  return {
    intent,
    confidence,
    local: call !== null && !openEnded && single,
    lookup: !openEnded && (simple || control || BOOKINGS_LOOKUP.test(t)),
    openEnded,
  };
}

/** Owner tools that read (a list, a status, a report): open-ended words still win over them. */
const LOOKUP_TOOLS: ReadonlySet<string> = new Set([LIST_CONTACTS, INGESTION_STATUS, USAGE_REPORT, LIST_BOOKINGS, CAMPAIGN_RESULTS]);
/** Lookups whose topic word is also a word of open-ended work ("campaign", "bookings"). */
const TOPIC_LOOKUPS: ReadonlySet<string> = new Set([LIST_BOOKINGS, CAMPAIGN_RESULTS]);

export type TextFeatures = Omit<TurnFeatures, "available" | "budget" | "health">;

/**
 * Whether agent/graph.ts feeds the owner intent step into routing: on. An owner's single
 * command with its slot goes local, lookups and light composition fast, open-ended work
 * smart (route.ts). bench/router.ts reads this flag for its main row and also measures the
 * router with it off.
 */
export const OWNER_INTENT_ROUTING = true;

export interface TurnFeatureOptions {
  /** Add the owner intent step's features for owners (default OWNER_INTENT_ROUTING). */
  ownerIntent?: boolean;
  ownerClassifier?: IntentClassifier<OwnerIntent>;
}

/**
 * The confidence reported for a knowledge question written in another language than
 * English (agent/intent/language.ts): the local tier answers in English templates around
 * the quoted entry, and the router does not know which language the tenant's knowledge is
 * in, so such a question goes to an LLM tier (this is below ROUTE_THRESHOLDS.question).
 * Small talk, human requests and memory requests are answered locally in any language.
 */
export const FOREIGN_QUESTION_CONFIDENCE = 0.5;

/** Everything routeTier needs from the text and the role (deployment, budget and health come from elsewhere). */
export function turnFeatures(text: string, role: Role, classifier: IntentClassifier, opts: TurnFeatureOptions = {}): TextFeatures {
  const { ownerIntent = OWNER_INTENT_ROUTING, ownerClassifier = ownerIntentClassifier() } = opts;
  const c = classifier.classify(text);
  const { intent } = c;
  // the classifier's confidence; "unsure" (agent/intent/classifier.ts UNSURE) is below every
  // threshold the router acts on, so it escalates by itself
  const confidence = intent === "question" && isForeign(text) ? Math.min(c.confidence, FOREIGN_QUESTION_CONFIDENCE) : c.confidence;
  const words = text.split(/\s+/).filter(Boolean).length;
  // a "complaint" or "complex" intent is never local (route.ts: not small talk, not a question);
  // a complaint goes smart only with the risk vocabulary's anger (a calm one is fast)
  const risk = riskOf(text);
  return {
    role, intent, confidence, words,
    risk,
    asks: asksIn(text),
    ...(role === "owner" && ownerIntent ? { owner: ownerFeatures(text, ownerClassifier) } : {}),
  };
}
