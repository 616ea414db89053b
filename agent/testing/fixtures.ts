// Shared test data for agent tests: two tenants with different facts.
import { randomUUID } from "node:crypto";
import type { TenantProfile, TurnInput } from "../types.js";
import { MemoryContactDirectory } from "../../tools/testing/memory-directory.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";

export function tenant(name: string): TenantProfile {
  return { id: randomUUID(), name, timezone: "Asia/Kolkata", locale: "en-IN", currency: "INR" };
}

export async function seededStore(a: TenantProfile, b: TenantProfile): Promise<MemoryKnowledgeStore> {
  const store = new MemoryKnowledgeStore();
  await store.addEntry(a.id, { title: "Facial price", content: "A classic facial costs ₹1,200 and takes 60 minutes. Gold facials cost ₹2,000." });
  await store.addEntry(a.id, { title: "Opening hours", content: "We are open Tuesday to Sunday, 10am to 8pm. We are closed on Mondays." });
  await store.addEntry(a.id, { title: "Haircut price", content: "A women's haircut costs ₹800; a men's haircut costs ₹400." });
  await store.addEntry(b.id, { title: "Facial price", content: "Our facial costs ₹5,500 including a head massage." });
  return store;
}

export function turn(t: TenantProfile, conversationId: string, text: string, over: Partial<TurnInput> = {}): TurnInput {
  return { tenant: t, conversationId, contactId: randomUUID(), role: "lead", channel: "whatsapp", messages: [{ text, at: new Date() }], ...over };
}

/** Three customers of `t` (and one of `other`, which must never show up for `t`). */
export const CUSTOMER_NAMES = ["Asha Rao", "Vikram Mehta", "Neha Kapoor"];
export function seededDirectory(t: TenantProfile, other: TenantProfile): MemoryContactDirectory {
  const dir = new MemoryContactDirectory();
  CUSTOMER_NAMES.forEach((name, i) =>
    dir.add(t.id, { id: randomUUID(), name, channel: "whatsapp", lastMessageAt: new Date(Date.UTC(2025, 5, 1 + i)), consent: "opted_in" }),
  );
  dir.add(other.id, { id: randomUUID(), name: "Ravi Other-Tenant", channel: "sms", lastMessageAt: new Date(), consent: "unknown" });
  return dir;
}
