// Turning a model response into a UsageRecord: tokens from the provider's own usage
// fields (AIMessage.usage_metadata), never counted locally; cost from pricing.ts.
import type { AIMessage } from "@langchain/core/messages";
import { estimateCostMicros } from "./pricing.js";
import type { TierName, UsageRecord } from "./types.js";

export function usageRecord(
  tier: TierName,
  provider: string,
  model: string,
  message: AIMessage,
): { record: UsageRecord; priced: boolean } {
  const u = message.usage_metadata;
  const inputTokens = Math.max(0, Math.trunc(u?.input_tokens ?? 0));
  const outputTokens = Math.max(0, Math.trunc(u?.output_tokens ?? 0));
  if (tier === "local") {
    return { record: { tier, provider, model, inputTokens, outputTokens, costMicros: 0 }, priced: true };
  }
  const { costMicros, known } = estimateCostMicros(model, inputTokens, outputTokens);
  return { record: { tier, provider, model, inputTokens, outputTokens, costMicros }, priced: known };
}
