// Money is an integer count of a currency's minor units plus its ISO 4217 code — never a
// float. How many minor units a major unit has comes from Intl (JPY 0, USD 2, KWD 3), and
// amounts are turned into text by string arithmetic, so no binary fraction ever appears.
import { AppError } from "../errors.js";

const CODE = /^[A-Z]{3}$/;

/** Upper-case ISO 4217 code, or a clear error. */
export function normalizeCurrency(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code) || !isKnownCurrency(code)) throw new AppError("bad_request", `“${raw}” is not a currency code I know (use ISO codes like USD, INR, JPY)`);
  return code;
}

function isKnownCurrency(code: string): boolean {
  const supported = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("currency");
  return supported ? supported.includes(code) : true;
}

/** Minor-unit digits of a currency (JPY 0, USD 2, KWD 3), from the platform's ISO data. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units must be a positive safe integer. */
export function assertMinor(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new AppError("bad_request", "the amount must be a positive whole number of the currency's smallest unit");
  }
}

/** "1234" minor units of a 2-digit currency → "12.34" (exact, by string). */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amountMinor < 0;
  const s = Math.abs(amountMinor).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? s : s.slice(0, s.length - digits);
  const frac = digits === 0 ? "" : `.${s.slice(s.length - digits)}`;
  return `${negative ? "-" : ""}${whole}${frac}`;
}

/** A localized money string ("£45.00", "¥5,000", "KWD 1.250"); the decimal string keeps it exact. */
export function formatMinor(amountMinor: number, currency: string, locale = "en"): string {
  const nf = new Intl.NumberFormat(locale, { style: "currency", currency });
  // Node 20's Intl formats decimal strings exactly (no float conversion)
  return (nf.format as (v: string) => string)(minorToDecimal(amountMinor, currency));
}

/**
 * "12.5" major units → 1250 minor units, by string (for owners who type an amount). Refuses
 * more decimals than the currency has rather than rounding money.
 */
export function decimalToMinor(text: string, currency: string): number {
  const m = /^\s*(\d{1,12})(?:[.,](\d+))?\s*$/.exec(text);
  if (!m) throw new AppError("bad_request", `“${text}” is not an amount`);
  const digits = currencyDigits(currency);
  const frac = m[2] ?? "";
  if (frac.length > digits) throw new AppError("bad_request", `${currency} has ${digits} decimal places; “${text}” has more`);
  const minor = Number(`${m[1]}${frac.padEnd(digits, "0")}`);
  assertMinor(minor);
  return minor;
}

/**
 * Stripe and Razorpay both ask three-decimal currencies (KWD, BHD, OMR, JOD, TND) to end in 0:
 * refuse instead of rounding someone's price.
 */
export function assertChargeable(amountMinor: number, currency: string): void {
  assertMinor(amountMinor);
  if (currencyDigits(currency) === 3 && amountMinor % 10 !== 0) {
    throw new AppError("bad_request", `${currency} amounts must end in 0 in the smallest unit (${minorToDecimal(amountMinor, currency)} can't be charged)`);
  }
}
