// Inbound trust for the WhatsApp Cloud API webhook:
// - POST bodies carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(appSecret, body)>`;
// - the GET subscription handshake echoes `hub.challenge` when `hub.verify_token` matches.
//
// Both functions return a value instead of throwing: `false` / `null` means "refuse"
// (the route answers 401/403 and enqueues nothing). They fail closed on every missing,
// empty or malformed input and compare secrets in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;
const DIGEST_BYTES = 32;

function hmac(appSecret: string, data: Buffer | string): Buffer {
  return createHmac("sha256", appSecret).update(data).digest();
}

function hasNonAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/**
 * Meta computes the signature over the payload with every non-ASCII UTF-16 code unit
 * written as a lowercase `\uXXXX` escape (what the delivered body normally already is).
 * Code units, not code points: an emoji becomes its two surrogate escapes, as in JSON.
 */
export function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Strict UTF-8 decode; undefined when the bytes are not valid UTF-8. */
function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * True only when `header` is `sha256=<64 hex>` and equals the HMAC-SHA256 of the raw
 * body under `appSecret`. The raw bytes are checked first. If they contain non-ASCII
 * (a proxy or client decoded Meta's `\uXXXX` escapes into UTF-8), the escaped form of
 * the same text is checked too: it is the exact byte string Meta signed, and it denotes
 * the same JSON value, so accepting it trusts nothing the signer did not sign.
 */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof appSecret !== "string" || appSecret.length === 0) return false;
  if (!Buffer.isBuffer(rawBody) || typeof header !== "string") return false;
  const match = SIGNATURE_HEADER.exec(header);
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], "hex");
  if (received.length !== DIGEST_BYTES) return false;

  if (timingSafeEqual(hmac(appSecret, rawBody), received)) return true;
  if (!hasNonAscii(rawBody)) return false;
  const text = decodeUtf8(rawBody);
  if (text === undefined) return false;
  return timingSafeEqual(hmac(appSecret, escapeNonAscii(text)), received);
}

/** Query of the GET handshake: a plain object (express `req.query`) or URLSearchParams. */
export type HandshakeQuery = URLSearchParams | Record<string, unknown>;

function single(query: HandshakeQuery, key: string): string | undefined {
  const value = query instanceof URLSearchParams ? query.get(key) : query[key];
  return typeof value === "string" ? value : undefined;
}

/** Meta sends an integer; anything outside this shape is refused so it is never reflected. */
const CHALLENGE = /^[A-Za-z0-9._-]{1,256}$/;

function sameSecret(a: string, b: string): boolean {
  // Hash both sides so the compare is constant-time even when lengths differ.
  const key = "growai-verify-token";
  return timingSafeEqual(hmac(key, a), hmac(key, b));
}

/**
 * The subscription handshake: returns the `hub.challenge` to answer with (HTTP 200,
 * text/plain) when `hub.mode` is "subscribe" and `hub.verify_token` equals `verifyToken`;
 * otherwise null (answer 403). An empty configured token never matches.
 */
export function verifyHandshake(query: HandshakeQuery, verifyToken: string): string | null {
  if (typeof verifyToken !== "string" || verifyToken.length === 0) return null;
  const mode = single(query, "hub.mode");
  const token = single(query, "hub.verify_token");
  const challenge = single(query, "hub.challenge");
  if (mode !== "subscribe" || token === undefined || challenge === undefined) return null;
  if (!CHALLENGE.test(challenge)) return null;
  return sameSecret(token, verifyToken) ? challenge : null;
}
