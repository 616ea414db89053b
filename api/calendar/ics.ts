// The .ics invite (RFC 5545, written by hand: one VEVENT, a few properties) and the signed
// token of its URL (`GET /ics/:token`): `<bookingId>.<HMAC-SHA256(tenantId|bookingId)>`,
// keyed from the credentials key, so a link names one booking of one tenant and cannot be
// guessed or moved to another booking.
import { createHmac } from "node:crypto";
import { safeEqual } from "../../core/crypto.js";
import type { BookingRow } from "../../core/calendar/types.js";

/** 20260325T170000Z */
export function icsUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
export function icsText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets are folded with CRLF + space (§3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join("\r\n ");
}

export function buildIcs(b: BookingRow, o: { businessName: string; location?: string; now: Date; domain?: string }): string {
  const cancelled = !(b.status === "held" || b.status === "confirmed");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//GrowAI//Bookings//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${cancelled ? "CANCEL" : "REQUEST"}`,
    "BEGIN:VEVENT",
    `UID:booking-${b.id}@${o.domain ?? "growai"}`,
    `SEQUENCE:${b.version}`,
    `DTSTAMP:${icsUtc(o.now)}`,
    `DTSTART:${icsUtc(b.startsAt)}`,
    `DTEND:${icsUtc(b.endsAt)}`,
    `SUMMARY:${icsText(`${b.serviceName} — ${o.businessName}`)}`,
    ...(o.location ? [`LOCATION:${icsText(o.location)}`] : []),
    `DESCRIPTION:${icsText(`${b.serviceName} with ${b.resourceName}`)}`,
    `STATUS:${cancelled ? "CANCELLED" : b.status === "held" ? "TENTATIVE" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function mac(key: Buffer, tenantId: string, bookingId: string): string {
  return createHmac("sha256", key).update(`ics|${tenantId}|${bookingId}`).digest("base64url").slice(0, 32);
}

export function icsToken(key: Buffer, tenantId: string, bookingId: string): string {
  return `${bookingId}.${mac(key, tenantId, bookingId)}`;
}

/** The booking id a token names (checked against its tenant by `verifyIcsToken`), or null. */
export function icsTokenBookingId(token: string): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})(?:\.ics)?$/i.exec(token);
  return m ? m[1]! : null;
}

export function verifyIcsToken(key: Buffer, token: string, tenantId: string, bookingId: string): boolean {
  const sig = /\.([A-Za-z0-9_-]{32})(?:\.ics)?$/.exec(token)?.[1];
  return !!sig && safeEqual(sig, mac(key, tenantId, bookingId));
}
