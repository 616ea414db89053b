// Per-message channel prices (campaign cost estimates), beside the LLM price table in
// pricing.ts. Integer micro-USD, matched by the recipient's country calling code (longest
// prefix of the E.164 number). Update here when providers change prices.
//
// WhatsApp (Meta per-message pricing since 1 July 2025): only delivered *template* messages
// are charged, by template category and recipient country; non-template messages inside the
// 24-hour customer service window are free. Campaigns use marketing templates.
// SMS (Twilio outbound, per segment; UCS-2 text needs more segments, see channels/sms/segments.ts).

/** Marketing template, per delivered message, by calling code (Meta rate card, July 2025). */
const WHATSAPP_MARKETING: Record<string, number> = {
  "1": 25_000, // US, Canada
  "44": 52_900, // United Kingdom
  "91": 10_700, // India
  "49": 136_500, // Germany
  "33": 85_900, // France
  "34": 61_500, // Spain
  "39": 69_100, // Italy
  "55": 62_500, // Brazil
  "52": 30_500, // Mexico
  "62": 41_100, // Indonesia
  "971": 38_400, // UAE
  "61": 73_200, // Australia
};
/** Any other country ("rest of world" tiers run ~$0.06–0.09): the cautious end. */
const WHATSAPP_MARKETING_DEFAULT = 74_000;

/** Twilio SMS, per outbound segment, by calling code. */
const SMS_SEGMENT: Record<string, number> = {
  "1": 8_300, // US (carrier fees not included)
  "44": 46_300, // United Kingdom
  "91": 83_200, // India (international route)
  "49": 109_000, // Germany
  "33": 84_400, // France
  "34": 88_700, // Spain
  "61": 52_500, // Australia
};
const SMS_SEGMENT_DEFAULT = 90_000;

function byPrefix(table: Record<string, number>, fallback: number, address: string): number {
  const digits = address.replace(/\D/g, "");
  for (let n = 4; n >= 1; n--) {
    const price = table[digits.slice(0, n)];
    if (price !== undefined) return price;
  }
  return fallback;
}

/**
 * Estimated provider cost of one campaign message in micro-USD.
 * whatsapp: a template costs the marketing rate; free-form (inside the window) costs 0.
 * sms: per segment.
 */
export function messagePriceMicros(channel: "whatsapp" | "sms", address: string, o: { template?: boolean; segments?: number } = {}): number {
  if (channel === "whatsapp") return o.template ? byPrefix(WHATSAPP_MARKETING, WHATSAPP_MARKETING_DEFAULT, address) : 0;
  return byPrefix(SMS_SEGMENT, SMS_SEGMENT_DEFAULT, address) * Math.max(1, o.segments ?? 1);
}

/** The currency of the table above. */
export const MESSAGE_PRICE_CURRENCY = "USD";
