// Plain words for a contact's memory ("Your name: Priya (you told me on WhatsApp)").
import { languageName } from "../../knowledge/memory/language.js";
import type { ContactFactView, FactKey } from "../../knowledge/memory/types.js";

const CHANNEL: Record<string, string> = {
  whatsapp: "on WhatsApp", sms: "by text message", voice: "on a phone call", web: "in the web chat", slack: "on Slack",
};
const LABEL: Record<FactKey, string> = {
  name: "Your name", preference: "A preference", last_service: "Your last service", language: "The language you write in", note: "A note",
};
const ORDER: FactKey[] = ["name", "preference", "last_service", "language", "note"];
export const KIND_WORDS: Record<string, string> = {
  all: "everything I remembered about you", name: "your name", preference: "your preferences", last_service: "your last service", language: "your language",
};

/**
 * What the memory tools answer when the turn may not use memory (a call whose caller ID is
 * not verified: anyone can show someone else's number).
 */
export const MEMORY_REFUSAL = "For your privacy I can't share or change saved details on a call — message us on WhatsApp or SMS.";

export function describeMemory(facts: ContactFactView[]): string {
  if (facts.length === 0) return "I don't have anything remembered about you.";
  const sorted = [...facts].sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
  const lines = sorted.map((f) => {
    const value = f.key === "language" ? languageName(f.value) : f.value;
    return `- ${LABEL[f.key] ?? f.key}: ${value} (you told me ${CHANNEL[f.channel] ?? `on ${f.channel}`})`;
  });
  return ["Here's what I remember about you:", ...lines, 'Say "forget me" to delete all of it, or e.g. "forget my name".'].join("\n");
}
