// X-Twilio-Signature, checked by the twilio SDK (HMAC-SHA1 over the URL Twilio called plus
// the sorted form parameters). The URL must be the public one the provider used, not the
// one our process sees behind a proxy: callers pass PUBLIC_BASE_URL + the original path
// and query. Fails closed: no token, no header → false.
import twilio from "twilio";

export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

export function verifyTwilioSignature(
  authToken: string | undefined,
  signature: string | undefined,
  url: string,
  params: Record<string, string | string[]>,
): boolean {
  if (!authToken || !signature) return false;
  if (!/^[A-Za-z0-9+/]{27}=$/.test(signature)) return false; // base64 of a 20-byte SHA-1
  return twilio.validateRequest(authToken, signature, url, params);
}

/** The URL Twilio signed: the public base URL (if configured) joined with the request's path and query. */
export function publicUrl(publicBaseUrl: string | undefined, fallbackOrigin: string, originalUrl: string): string {
  const base = (publicBaseUrl ?? fallbackOrigin).replace(/\/+$/, "");
  return `${base}${originalUrl}`;
}

/** What a test or fake provider sends: the signature Twilio would compute. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
