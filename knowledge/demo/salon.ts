// The seeded demo business: Glow Studio, a hair and beauty salon in Bristol, UK.
import type { KnowledgeEntryInput } from "../types.js";
import { POLICY_ENTRIES } from "./salon-policies.js";
import { SERVICE_ENTRIES } from "./salon-services.js";

export const DEMO_TENANT = {
  slug: "glow-studio",
  name: "Glow Studio",
  timezone: "Europe/London",
  locale: "en-GB",
  currency: "GBP",
  helpText:
    "Hi! I'm Glow Studio's assistant. Ask me about prices, opening hours or our services, or book an appointment.",
} as const;

export const DEMO_KNOWLEDGE: KnowledgeEntryInput[] = [...POLICY_ENTRIES, ...SERVICE_ENTRIES].map((e) => ({
  ...e,
  source: "seed",
}));
