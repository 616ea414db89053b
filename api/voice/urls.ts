// The absolute URLs a TwiML answer points Twilio at. They are built from the public base
// URL (PUBLIC_BASE_URL, else the request's origin) because Twilio signs exactly the URL it
// calls: the state a URL carries (turn, retry) is therefore signed too.
import type { Request } from "express";

export const RELAY_PATH = "/voice/relay";

export interface VoiceUrls {
  at(path: string): string;
  gather(turn: number, retry?: number): string;
  resume(turn: number): string;
  relay(number: string): string;
}

export function publicBase(publicBaseUrl: string | undefined, req: Pick<Request, "protocol" | "get">): string {
  return (publicBaseUrl ?? `${req.protocol}://${req.get("host")}`).replace(/\/+$/, "");
}

export function voiceUrls(publicBaseUrl: string | undefined, req: Request): VoiceUrls {
  const base = publicBase(publicBaseUrl, req);
  const hook = `${base}${req.baseUrl}`;
  return {
    at: (path) => `${hook}${path}`,
    gather: (turn, retry = 0) => `${hook}/gather?turn=${turn}${retry ? `&retry=${retry}` : ""}`,
    resume: (turn) => `${hook}/continue?turn=${turn}`,
    relay: (number) => `${base.replace(/^http/, "ws")}${RELAY_PATH}?to=${encodeURIComponent(number)}`,
  };
}

/** A small positive integer from the query (signed by Twilio as part of the URL). */
export function queryInt(v: unknown, fallback: number, max = 500): number {
  const n = typeof v === "string" && /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= max ? n : fallback;
}
