// Money and percentages. Amounts become integer minor units by moving the decimal point in
// the digit string (never through a float): "£32" → 3200 GBP, "Rs 1,200" → 120000 INR,
// "1.5k" → 150000, "€15.50" → 1550 EUR. Spelled-out amounts ("thirty two pound") go through
// compromise's number parser, only when a currency word is present.
import nlp from "compromise";
import type { MoneyEntity, NluContext, PercentEntity } from "./types.js";

const SYMBOLS: Record<string, string> = { "£": "GBP", "€": "EUR", "₹": "INR", "$": "USD", "¥": "JPY", "₨": "INR" };
const WORDS: Array<[RegExp, string]> = [
  [/^(?:gbp|pounds?|quid|pence|p)$/i, "GBP"],
  [/^(?:eur|euros?|€)$/i, "EUR"],
  [/^(?:inr|rs\.?|rupees?|rupaye|rupay|₹)$/i, "INR"],
  [/^(?:usd|dollars?|bucks)$/i, "USD"],
  [/^(?:cad)$/i, "CAD"],
  [/^(?:aed|dirhams?|dhs?)$/i, "AED"],
  [/^(?:brl|reais|real|r\$)$/i, "BRL"],
];
const DOLLAR_ZONES = new Set(["USD", "CAD", "AUD", "NZD", "SGD", "HKD"]);

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(k|m)?\b`;
const CUR_WORD = String.raw`gbp|pounds?|quid|pence|eur|euros?|inr|rs\.?|rupees?|rupaye|usd|dollars?|bucks|cad|aed|dirhams?|brl|reais`;
const PREFIX = new RegExp(String.raw`(r\$|[£€₹$¥₨]|\b(?:${CUR_WORD})\b\.?)\s?${NUM}`, "gi");
const SUFFIX = new RegExp(String.raw`\b${NUM}\s?([€₹£$]|(?:${CUR_WORD})\b)`, "gi");
const BARE_K = /(?<![\d.,£€₹$])\b(\d{1,4})(?:\.(\d{1,2}))?k\b/gi;
const PERCENT = /\b(\d{1,3})(?:\.(\d{1,2}))?\s?(?:%|percent\b|per cent\b|pc\b)/gi;
const SPELLED = new RegExp(String.raw`\b((?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|a|and)[\s-]+)+)(${CUR_WORD})\b`, "gi");

function exponent(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units of "<int>.<frac>" × 10^shift, by string arithmetic. */
function toMinor(intPart: string, frac: string, shift: number): number {
  const digits = intPart.replace(/,/g, "") + frac;
  const places = shift - frac.length;
  if (places >= 0) return Number(digits + "0".repeat(places));
  return Number(digits.slice(0, digits.length + places) || "0"); // more decimals than the currency has: truncated
}

function currencyOf(token: string, ctx: NluContext): { code: string; assumed: boolean } {
  const t = token.trim().toLowerCase();
  if (t === "$") return DOLLAR_ZONES.has(ctx.currency) ? { code: ctx.currency, assumed: ctx.currency !== "USD" } : { code: "USD", assumed: false };
  if (t === "r$") return { code: "BRL", assumed: false };
  const sym = SYMBOLS[t];
  if (sym) return { code: sym, assumed: false };
  for (const [re, code] of WORDS) if (re.test(t)) return { code, assumed: false };
  return { code: ctx.currency, assumed: true };
}

export function extractMoney(text: string, ctx: NluContext): MoneyEntity[] {
  const out: MoneyEntity[] = [];
  const push = (start: number, rawEnd: number, cur: string, intPart: string, frac: string | undefined, mult: string | undefined) => {
    let end = rawEnd;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (out.some((m) => start < m.span.end && end > m.span.start)) return;
    const { code, assumed } = currencyOf(cur, ctx);
    const pence = /^(?:p|pence)$/i.test(cur.trim());
    const shift = exponent(code) + (mult?.toLowerCase() === "k" ? 3 : mult?.toLowerCase() === "m" ? 6 : 0) - (pence ? exponent(code) : 0);
    const minor = toMinor(intPart, frac ?? "", shift);
    if (!Number.isSafeInteger(minor) || minor <= 0) return;
    out.push({ type: "money", minor, currency: code, currencyAssumed: assumed, confidence: assumed ? 0.6 : 0.95, span: { start, end, text: text.slice(start, end) } });
  };
  for (const m of text.matchAll(PREFIX)) push(m.index, m.index + m[0].length, m[1]!, m[2]!, m[3], m[4]);
  for (const m of text.matchAll(SUFFIX)) push(m.index, m.index + m[0].length, m[4]!, m[1]!, m[2], m[3]);
  // "1.5k" with no currency: the tenant's currency, flagged as assumed and less sure.
  for (const m of text.matchAll(BARE_K)) push(m.index, m.index + m[0].length, "", m[1]!, m[2], "k");
  for (const m of text.matchAll(SPELLED)) {
    const n = (nlp(m[1]!).numbers().get() as number[])[0];
    if (typeof n === "number" && Number.isInteger(n) && n > 0) push(m.index, m.index + m[0].length, m[2]!, String(n), undefined, undefined);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

export function extractPercents(text: string): PercentEntity[] {
  const out: PercentEntity[] = [];
  for (const m of text.matchAll(PERCENT)) {
    const basisPoints = toMinor(m[1]!, m[2] ?? "", 2);
    if (basisPoints > 0 && basisPoints <= 10000) {
      out.push({ type: "percent", basisPoints, confidence: 0.95, span: { start: m.index, end: m.index + m[0].length, text: m[0] } });
    }
  }
  return out;
}
