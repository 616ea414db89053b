// The estimated provider cost of a campaign: the per-message price of each recipient's
// country (agent/pricing-messages.ts, the one table), summed in micro-USD and rounded UP to
// whole cents — an estimate the owner approves should not be lower than the bill.
import { MESSAGE_PRICE_CURRENCY, messagePriceMicros } from "../../../agent/pricing-messages.js";
import { formatMinor } from "../../../core/payments/money.js";
import type { CampaignChannel } from "./segment.js";

export interface CostEstimate {
  micros: number;
  minor: number;
  currency: string;
  label: string;
}

export function estimateCost(channel: CampaignChannel, addresses: string[], o: { template: boolean; segments: number; locale: string }): CostEstimate {
  let micros = 0;
  for (const a of addresses) micros += messagePriceMicros(channel, a, { template: o.template, segments: o.segments });
  const minor = Math.ceil(micros / 10_000);
  const label = micros === 0
    ? "free (WhatsApp messages inside the 24-hour window cost nothing)"
    : `≈ ${formatMinor(minor, MESSAGE_PRICE_CURRENCY, o.locale)}`;
  return { micros, minor, currency: MESSAGE_PRICE_CURRENCY, label };
}
