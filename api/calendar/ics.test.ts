// The .ics invite (RFC 5545) and its signed link token.
import { describe, expect, it } from "vitest";
import type { BookingRow } from "../../core/calendar/types.js";
import { buildIcs, foldLine, icsText, icsToken, icsTokenBookingId, verifyIcsToken } from "./ics.js";

const booking: BookingRow = {
  id: "0b7c9a52-6a53-4f0e-9a4c-0c7c6b1d2e3f", tenantId: "5f0e6a1c-1111-4222-8333-444455556666", contactId: "c", contactName: "Priya",
  serviceId: "s", serviceName: "Cut, wash; finish", resourceId: "r", resourceName: "Anna", startsAt: new Date("2026-03-29T08:00:00Z"),
  endsAt: new Date("2026-03-29T08:45:00Z"), blockedUntil: new Date("2026-03-29T09:00:00Z"), status: "confirmed", holdExpiresAt: null,
  priceMinor: 3500, currency: "GBP", channel: "whatsapp", conversationId: null, source: "chat", notes: null, idempotencyKey: null, version: 2,
  cancelledAt: null, cancelReason: null, createdAt: new Date(),
};

describe("buildIcs", () => {
  it("writes one VEVENT with UTC times, UID, SEQUENCE = version, escaped text and CRLF lines", () => {
    const ics = buildIcs(booking, { businessName: "Glow Studio", location: "12 Harbour St, Bristol", now: new Date("2026-03-20T10:00:00Z"), domain: "growai.test" });
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("METHOD:REQUEST");
    expect(lines).toContain(`UID:booking-${booking.id}@growai.test`);
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).toContain("DTSTAMP:20260320T100000Z");
    expect(lines).toContain("DTSTART:20260329T080000Z");
    expect(lines).toContain("DTEND:20260329T084500Z");
    expect(lines).toContain("LOCATION:12 Harbour St\\, Bristol");
    expect(ics).toContain("SUMMARY:Cut\\, wash\\; finish — Glow Studio");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.includes("\n") && !/[^\r]\n/.test(ics)).toBe(true);
  });

  it("a cancelled booking is METHOD:CANCEL / STATUS:CANCELLED", () => {
    const ics = buildIcs({ ...booking, status: "cancelled", version: 3 }, { businessName: "X", now: new Date() });
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:3");
  });

  it("folds lines at 75 octets without splitting a UTF-8 character; escapes newlines", () => {
    const long = `SUMMARY:${"é".repeat(60)}`;
    const folded = foldLine(long);
    for (const l of folded.split("\r\n")) expect(Buffer.byteLength(l, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.split("\r\n").map((l, i) => (i ? l.slice(1) : l)).join("")).toBe(long);
    expect(icsText("a\nb")).toBe("a\\nb");
  });
});

describe("ics token", () => {
  const key = Buffer.alloc(32, 7);
  it("names one booking of one tenant and cannot be moved or forged", () => {
    const t = icsToken(key, booking.tenantId, booking.id);
    expect(icsTokenBookingId(`${t}.ics`)).toBe(booking.id);
    expect(verifyIcsToken(key, `${t}.ics`, booking.tenantId, booking.id)).toBe(true);
    expect(verifyIcsToken(key, t, "another-tenant", booking.id)).toBe(false);
    expect(verifyIcsToken(Buffer.alloc(32, 8), t, booking.tenantId, booking.id)).toBe(false);
    expect(icsTokenBookingId("not-a-token")).toBeNull();
  });
});
