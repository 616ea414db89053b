// The ConversationRelay WebSocket endpoint (wss://…/voice/relay?to=<number>). Twilio signs
// the upgrade request with X-Twilio-Signature over the wss:// URL from our TwiML (no body
// parameters); the `to` query names the voice account whose auth token verifies it, and
// being inside the signed URL it cannot be swapped. Unsigned or unknown → 403, no socket.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { TWILIO_SIGNATURE_HEADER, publicUrl, verifyTwilioSignature } from "../../channels/twilio/verify.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import { RelaySession } from "./relay-session.js";
import { RELAY_PATH } from "./urls.js";

export class RelayServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(private readonly d: VoiceDeps) {}

  /** Take an HTTP upgrade if it is for the relay path; false leaves it to the caller. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    if ((req.url ?? "").split("?")[0] !== RELAY_PATH) return false;
    socket.on("error", () => socket.destroy());
    this.verify(req).then(
      (account) => {
        if (!account) return refuse(socket, 403, "Forbidden");
        this.wss.handleUpgrade(req, socket, head, (ws) => new RelaySession(this.d, account, ws).start());
      },
      (err: unknown) => {
        this.d.logger.error({ err }, "conversation relay upgrade failed");
        refuse(socket, 500, "Internal Server Error");
      },
    );
    return true;
  };

  private async verify(req: IncomingMessage): Promise<VoiceAccount | null> {
    const to = new URL(req.url ?? "/", "ws://relay").searchParams.get("to");
    const account = to ? await this.d.accounts.resolve(to) : null;
    if (!account) return null;
    const secure = (req.socket as { encrypted?: boolean }).encrypted || req.headers["x-forwarded-proto"] === "https";
    const origin = `${secure ? "wss" : "ws"}://${req.headers.host ?? "localhost"}`;
    const url = publicUrl(this.d.settings.publicBaseUrl?.replace(/^http/, "ws"), origin, req.url ?? "/");
    const signature = req.headers[TWILIO_SIGNATURE_HEADER];
    return verifyTwilioSignature(account.authToken, typeof signature === "string" ? signature : undefined, url, {}) ? account : null;
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
