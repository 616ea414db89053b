// Writing for the ear. A chat reply becomes something a text-to-speech voice can say:
// no markdown, emoji or URLs; prices, times and ranges in words a listener follows;
// short. Anything a caller would have to write down (a link, an e-mail, a street address)
// is collected as an `offer` so the call can text it afterwards.

export interface Spoken {
  /** What to say. */
  text: string;
  /** Things better sent by text than read aloud, in the order they appeared. */
  offers: string[];
}

export interface EarOptions {
  /** At most this many sentences are spoken (the rest is dropped, not rushed). */
  maxSentences?: number;
  maxChars?: number;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()]+[^\s<>().,;:!?'"]/giu;
const EMAIL_RE = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu;
// "12 Harbour Street, Bristol BS1 4QA" — a number, words, a street word, and what follows up to a stop
const STREET_RE =
  /\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'-]*\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Place|Square|Court|Marg|Nagar)\b(?:,\s*[\w\s-]*?[A-Z0-9]{2,4}\s?\d[A-Z0-9]{1,3})?/gu;
const EMOJI_RE = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}]/gu;

const CURRENCIES: Array<[string, string, string]> = [
  ["£", "pound", "pounds"],
  ["€", "euro", "euros"],
  ["₹", "rupee", "rupees"],
  ["$", "dollar", "dollars"],
];

/** Prices: "£45" → "45 pounds", "$12.50" → "12 dollars 50", "₹5,500" → "5,500 rupees". */
export function sayPrices(text: string): string {
  let out = text;
  for (const [symbol, one, many] of CURRENCIES) {
    const re = new RegExp(`${escapeRe(symbol)}\\s?(\\d[\\d,]*)(?:\\.(\\d{2}))?`, "g");
    out = out.replace(re, (_m, whole: string, cents: string | undefined) => {
      const unit = whole === "1" ? one : many;
      return cents && cents !== "00" ? `${whole} ${unit} ${cents}` : `${whole} ${unit}`;
    });
  }
  return out;
}

/** Times and ranges: "9am-7pm" → "9 AM to 7 PM", "17:30" stays, "Tue-Sat" → "Tue to Sat". */
export function sayTimes(text: string): string {
  return text
    .replace(/\b(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\b(\.?)/giu,
      (m: string, h: string, min: string | undefined, ap: string, dot: string, at: number, all: string) => {
        // "6 p.m. Bring…" / "…at 6 p.m." end a sentence: keep that full stop
        const endsSentence = dot && /^(?:\s+\p{Lu}|\s*$)/u.test(all.slice(at + m.length));
        return `${h}${min && min !== "00" ? `:${min}` : ""} ${ap.toUpperCase()}M${endsSentence ? "." : ""}`;
      })
    .replace(/(\d(?: [AP]M)?)\s?[-–]\s?(\d)/gu, "$1 to $2")
    .replace(/\b([A-Z][a-z]{2,8})\s?[-–]\s?([A-Z][a-z]{2,8})\b/gu, "$1 to $2");
}

/** Markdown and chat decoration removed: emphasis, headings, bullets, code, emoji. */
export function stripMarkup(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 $2")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s*(?:[-*•]|\d+[.)])\s+(.*)$/gm, (_m, item: string) => (/[.!?]$/.test(item) ? item : `${item}.`))
    .replace(/(\*\*|__|\*|_|~~)(\S(?:.*?\S)?)\1/g, "$2")
    .replace(EMOJI_RE, "")
    .replace(/\s*\n+\s*/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}\p{N}"'(])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The whole transformation: what to say, and what to offer by text instead. */
export function forTheEar(reply: string, o: EarOptions = {}): Spoken {
  const maxSentences = o.maxSentences ?? 3;
  const maxChars = o.maxChars ?? 360;
  const offers: string[] = [];
  const keep = (m: string) => {
    const v = m.trim();
    if (!offers.includes(v)) offers.push(v);
  };
  let text = stripMarkup(reply);
  let linkOffered = false;
  text = text.replace(URL_RE, (m) => {
    keep(m);
    linkOffered = true;
    return "";
  });
  text = text.replace(EMAIL_RE, (m) => {
    keep(m);
    linkOffered = true;
    return "";
  });
  for (const m of text.match(STREET_RE) ?? []) keep(m);
  text = sayTimes(sayPrices(text))
    .replace(/\s+([,.!?;:])/g, "$1")
    .replace(/([,:;])(?=[.!?])/g, "")
    .replace(/\b(?:at|here|on|via|to|visit)\s*([.!?])/giu, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();

  const picked: string[] = [];
  for (const s of sentencesOf(text)) {
    if (picked.length >= maxSentences) break;
    if (picked.length > 0 && picked.join(" ").length + s.length + 1 > maxChars) break;
    picked.push(s);
  }
  let spoken = picked.join(" ");
  if (spoken.length > maxChars) spoken = `${spoken.slice(0, maxChars).replace(/\s+\S*$/, "")}.`;
  if (linkOffered) spoken = `${spoken} I'll text you the link after this call.`.trim();
  else if (offers.length) spoken = `${spoken} I'll text you the address after this call.`;
  return { text: spoken.replace(/^[.!?,\s]+/, ""), offers };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
