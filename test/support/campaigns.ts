// Campaign test helpers: contacts with a channel identity, a campaign row, what the fakes saw.
import { randomBytes } from "node:crypto";
import type { Db } from "../../core/db.js";

/** `n` contacts of the tenant with a WhatsApp (or SMS) identity; returns ids and +E.164 numbers in creation order. */
export async function seedContacts(
  db: Db, tenantId: string, n: number,
  o: { channel?: "whatsapp" | "sms"; consent?: "opted_in" | "unknown" | "opted_out"; lastInboundAt?: Date | null; tags?: string[] } = {},
): Promise<Array<{ id: string; phone: string }>> {
  const out: Array<{ id: string; phone: string }> = [];
  const base = 447700000000 + Math.floor(Math.random() * 9e8);
  for (let i = 0; i < n; i++) {
    const phone = `+${base + i}`;
    const c = await db.contact.create({
      data: {
        tenantId, consent: o.consent ?? "opted_in", tags: o.tags ?? [], lastInboundAt: o.lastInboundAt ?? null,
        identities: { create: { tenantId, channel: o.channel ?? "whatsapp", address: phone, lastInboundAt: o.lastInboundAt ?? null } },
      },
      select: { id: true },
    });
    out.push({ id: c.id, phone });
  }
  return out;
}

export async function createCampaign(
  db: Db, tenantId: string,
  o: { channel?: "whatsapp" | "sms"; body?: string; templateName?: string | null; audience?: unknown } = {},
): Promise<string> {
  const c = await db.campaign.create({
    data: {
      tenantId, name: `Test campaign ${randomBytes(3).toString("hex")}`, channel: o.channel ?? "whatsapp", audience: (o.audience ?? {}) as object,
      body: o.body ?? "20% off cuts this week — reply BOOK to grab a slot.",
      templateName: o.templateName === undefined ? "weekly_offer" : o.templateName, templateLanguage: "en_GB", templateParams: ["20%"],
    },
    select: { id: true },
  });
  return c.id;
}

/** How many times each recipient number appears among accepted sends (`to` of WhatsApp bodies, `To` of Twilio forms). */
export function tally(numbers: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of numbers) {
    const key = `+${n.replace(/^\+/, "")}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}
