// SMS encodings and segment counting (3GPP TS 23.038 / GSM 03.38).
// - GSM-7: the basic character set costs 1 septet per character; the extension table
//   (form feed ^ { } \ [ ~ ] | €) costs 2 (an escape + the character). 160 septets in a
//   single message; 153 per part of a concatenated one (the UDH takes 7).
// - UCS-2: anything outside GSM-7 switches the whole message to UTF-16 code units; 70 in a
//   single message, 67 per part. A character outside the BMP (emoji) is a surrogate pair:
//   2 units.
// Parts are filled greedily and a character never straddles two parts (handsets and
// Twilio keep escape pairs and surrogate pairs whole), so a part may carry one unit less.

/** GSM 03.38 basic character set (the escape 0x1B itself excluded). */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** GSM 03.38 extension table: each costs two septets. */
const GSM_EXTENSION = "\f^{}\\[~]|€";

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Parts the message is sent as (0 for an empty text). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

export const LIMITS = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
} as const;

export function isGsmChar(ch: string): boolean {
  return BASIC.has(ch) || EXTENSION.has(ch);
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!isGsmChar(ch)) return false;
  return true;
}

/** Cost of one code point in the given encoding. */
export function unitCost(ch: string, encoding: SmsEncoding): number {
  if (encoding === "UCS-2") return ch.length; // 2 for a surrogate pair
  return EXTENSION.has(ch) ? 2 : 1;
}

/** Parts needed for characters of the given costs, filled greedily without splitting one. */
function countParts(costs: number[], encoding: SmsEncoding): { units: number; segments: number } {
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, part } = LIMITS[encoding];
  if (units === 0) return { units, segments: 0 };
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { units, segments };
}

export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  const costs = Array.from(text, (ch) => unitCost(ch, encoding));
  return { encoding, ...countParts(costs, encoding) };
}
