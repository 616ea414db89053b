// Web chat sessions. The server issues the session id and a token binding it to the
// tenant (HMAC-SHA256 under a key derived from the credentials key), so a browser can only
// send as, and read the replies of, a session it was given.
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { safeEqual } from "../../core/crypto.js";

export class ChatSessions {
  private readonly key: Buffer;

  constructor(credentialsKey: Buffer) {
    this.key = Buffer.from(hkdfSync("sha256", credentialsKey, Buffer.alloc(0), "growai web chat sessions v1", 32));
  }

  issue(slug: string): { sessionId: string; token: string } {
    const sessionId = randomBytes(16).toString("base64url");
    return { sessionId, token: this.sign(slug, sessionId) };
  }

  /** The session id the token stands for, or null (wrong tenant, forged, malformed). */
  verify(slug: string, token: string | undefined): string | null {
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
    if (!m) return null;
    return safeEqual(this.sign(slug, m[1]!), token!) ? m[1]! : null;
  }

  private sign(slug: string, sessionId: string): string {
    return `${sessionId}.${createHmac("sha256", this.key).update(`${slug}\n${sessionId}`).digest("base64url")}`;
  }
}
