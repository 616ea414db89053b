// What makes two questions "the same thing": a question is normalised (case, punctuation,
// emoji, whitespace), its entities are read with the tenant's NLU context (services, dates and
// times as local wall clock, money, percents), and its remaining words are reduced to a set of
// content stems (framing words dropped, a few everyday synonyms folded, negation and bare
// numbers kept). Two questions can share a cached answer only when both parts are identical;
// `key` is a hash of them and indexes the cache, so a different thing is never even a candidate.
import { createHash } from "node:crypto";
import { stemmer } from "stemmer";
import { understandEntities } from "../nlu/index.js";
import { toWall } from "../nlu/zone.js";
import type { Entity, NluContext } from "../nlu/types.js";

export interface QuestionSignature {
  /** The normalised question: an exact match on this is always the same question. */
  normalised: string;
  /** Sorted entity tokens: `s:<service>`, `d:<date|*>@<from-to|*>`, `m:<minor><CUR>`, `p:<basis points>`. */
  entities: string[];
  /** Sorted, unique content stems (`!not` for negation, digits for numbers, `$price`… for folded synonyms). */
  stems: string[];
  /** The text embedded for the similarity check (normalised, entities in canonical form). */
  embedText: string;
  /** hex hash of entities + stems: the cache bucket. */
  key: string;
  /** The question can be understood without the conversation before it: it names something
   *  (an entity or a content word), has no pronoun or follow-up word pointing back ("how much
   *  is it?", "and on Sunday?", "what about that one") and is short. Only these are cached. */
  selfContained: boolean;
}

const MARK = /\p{M}+/gu;
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu;

/** Lowercase, no accents, apostrophes folded ("don't" → "dont"), emoji and punctuation → space,
 *  except `.:,/-` between digits ("£2.50", "5:30", "5-7pm") and currency signs and `%`. */
export function normaliseQuestion(text: string): string {
  const t = text.normalize("NFKD").replace(MARK, "").toLowerCase().replace(EMOJI, " ").replace(/['’‘`]/g, "");
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (/[\p{L}\p{N}\p{Sc}%]/u.test(c)) out += c;
    else if (/[.:,/-]/.test(c) && /\d/.test(t[i - 1] ?? "") && /\d/.test(t[i + 1] ?? "")) out += c;
    else out += " ";
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Question framing: words that say how something is asked, not what about. Checked on the
 *  word and on its stem. Negations, numbers, "who/why/long/late/free" are NOT here. */
const FRAMING = new Set(`
a an the is are am be been being was were do does did doing done you your yours yourself u ur r ya
i im id ive me my mine we our ours us it its itself this that these those there theres here
can could would will shall should may might must please pls plz hi hello hey thanks thank ta
what whats how hows when which of for to at on in into from with by about as and or but so if
have has having had got get gets getting offer offered provid provide sell any some anything something
also just currently still ok okay need needs needed time times know tell like want wanna id
possible able availabl available usual usually normal normally actual actually exactly
whether wonder wondering wondered ask asking quick question
`.split(/\s+/).filter(Boolean));

const NEGATION = new Set(`
not no never without dont doesnt didnt cant cannot wont isnt arent wasnt werent havent hasnt
hadnt shouldnt wouldnt couldnt aint none nothing nor neither
`.split(/\s+/).filter(Boolean));

const NUMBER_WORDS: Record<string, string> = {
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10",
  eleven: "11", twelve: "12", fifteen: "15", twenty: "20", thirty: "30", forty: "40", fifty: "50", hundred: "100",
  single: "1", couple: "2", pair: "2",
};

/** Everyday synonyms folded to one concept, by stem. Small on purpose: each one was checked
 *  against the must-not table (e.g. price words are one concept, but "is there parking" stays
 *  apart from "how much is parking" because price is a content concept, not a framing word). */
const CONCEPTS: Record<string, string> = {
  price: "$price", cost: "$price", charg: "$price", fee: "$price", much: "$price", expens: "$price", rate: "$price",
  accept: "$accept", take: "$accept", pai: "$accept", pay: "$accept",
  where: "$loc", locat: "$loc", base: "$loc", address: "$loc",
  hour: "open", shut: "close", nearbi: "near",
};

const NEGATED = "!not";

/** Words that point back into the conversation: a question with one of them means whatever
 *  was discussed before, which differs between conversations. Checked outside entity spans
 *  (so "this weekend" is fine). */
const ANAPHORA = new Set(`
it its that this these those them they their theirs one ones same else another other others
then former latter such either
`.split(/\s+/).filter(Boolean));
const FOLLOW_UP_START = /^(?:and|or|but|so|also|what about|how about|same for|then)\b/;
/** Longer than this is not an FAQ-like question (several asks, a story): not cached. */
const MAX_QUESTION_CHARS = 300;

/** Entities that identify the thing asked about (yes/no and ordinal choices do not). */
function entityToken(e: Entity, timezone: string): string | null {
  switch (e.type) {
    case "service":
      return `s:${e.service}`;
    case "money":
      return `m:${e.minor}${e.currency}`;
    case "percent":
      return `p:${e.basisPoints}`;
    case "datetime": {
      const from = toWall(e.start, timezone);
      const to = toWall(e.end, timezone);
      const pad = (n: number) => String(n).padStart(2, "0");
      const day = (w: typeof from) => `${w.year}-${pad(w.month)}-${pad(w.day)}`;
      const clock = (w: typeof from) => `${pad(w.hour)}:${pad(w.minute)}`;
      // A day is its whole window ("this weekend" ≠ "Saturday"), a time its start and end.
      const date = e.hasDate ? (e.hasTime ? day(from) : `${day(from)}..${day(to)}`) : "*";
      const time = e.hasTime ? `${clock(from)}-${e.end.getTime() === e.start.getTime() ? "" : clock(to)}` : "*";
      return `d:${date}@${time}`;
    }
    default:
      return null;
  }
}

interface Word {
  /** What the word means for the signature: a stem, a number, a concept, `!not`; null = framing. */
  stem: string | null;
  /** How it is embedded: the word itself, or the folded form (digits, concept, "not"). */
  embed: string;
}

function readWord(word: string): Word {
  if (NEGATION.has(word)) return { stem: NEGATED, embed: "not" };
  const number = NUMBER_WORDS[word] ?? (/^\d/.test(word) ? word : undefined);
  if (number) return { stem: number, embed: number };
  if (word.length < 2 || FRAMING.has(word)) return { stem: null, embed: word };
  const stem = stemmer(word);
  if (FRAMING.has(stem)) return { stem: null, embed: word };
  const concept = CONCEPTS[stem] ?? CONCEPTS[word];
  return concept ? { stem: concept, embed: concept.replace(/^\$/, "") } : { stem, embed: word };
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.:,/-]*/gu;

function words(text: string): Word[] {
  return [...text.matchAll(WORD)].map((m) => readWord(m[0].replace(/[.:,/-]+$/, "")));
}

/** Content stems of a text (entity spans already cut out), sorted and unique. */
export function contentStems(text: string): string[] {
  return [...new Set(words(text).flatMap((w) => (w.stem ? [w.stem] : [])))].sort();
}

/** The signature of one question in one tenant's context. Pure and in-process. */
export function questionSignature(question: string, ctx: NluContext): QuestionSignature {
  const normalised = normaliseQuestion(question).slice(0, 2000);
  const u = understandEntities(normalised, ctx);
  const tokens = new Set<string>();
  // Cut entity spans out (rightmost first so offsets stay valid); in the embedded text they
  // are replaced by their canonical form, so "womens cut" and "haircut" embed alike.
  let rest = normalised;
  let embedText = normalised;
  const spans = u.entities
    .map((e) => ({ e, token: entityToken(e, ctx.timezone) }))
    .filter((x): x is { e: Entity; token: string } => x.token !== null)
    .sort((x, y) => y.e.span.start - x.e.span.start);
  let cutFrom = Infinity;
  for (const { e, token } of spans) {
    tokens.add(token);
    const end = Math.min(e.span.end, cutFrom); // overlapping spans: the one to the right already cut its part
    if (end <= e.span.start) continue;
    rest = `${rest.slice(0, e.span.start)} ${rest.slice(end)}`;
    embedText = `${embedText.slice(0, e.span.start)} ${normaliseQuestion(token.slice(2))} ${embedText.slice(end)}`;
    cutFrom = e.span.start;
  }
  const entities = [...tokens].sort();
  const stems = contentStems(rest);
  const selfContained =
    normalised.length <= MAX_QUESTION_CHARS &&
    entities.length + stems.length > 0 &&
    !FOLLOW_UP_START.test(normalised) &&
    ![...rest.matchAll(WORD)].some((m) => ANAPHORA.has(m[0]));
  const key = createHash("sha256").update(JSON.stringify([entities, stems])).digest("hex").slice(0, 32);
  return { normalised, entities, stems, embedText: words(embedText).map((w) => w.embed).join(" "), key, selfContained };
}
