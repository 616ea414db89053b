// The one price table. Prices in micro-USD per million tokens (integers), matched by the
// longest model-name prefix. Update here when providers change prices.
export interface Price {
  input: number;
  output: number;
}

const PER_MILLION: Record<string, Price> = {
  "gpt-4o-mini": { input: 150_000, output: 600_000 },
  "gpt-4o": { input: 2_500_000, output: 10_000_000 },
  "gpt-4.1-mini": { input: 400_000, output: 1_600_000 },
  "gpt-4.1-nano": { input: 100_000, output: 400_000 },
  "gpt-4.1": { input: 2_000_000, output: 8_000_000 },
  "gemini-2.5-flash-lite": { input: 100_000, output: 400_000 },
  "gemini-2.5-flash": { input: 300_000, output: 2_500_000 },
  "gemini-2.5-pro": { input: 1_250_000, output: 10_000_000 },
  "gemini-2.0-flash": { input: 100_000, output: 400_000 },
  // image generation (api/creatives): text prompt tokens in, image tokens out
  "gpt-image-1-mini": { input: 2_000_000, output: 8_000_000 },
  "gpt-image-1": { input: 5_000_000, output: 40_000_000 },
  "gemini-2.5-flash-image": { input: 300_000, output: 30_000_000 },
};

/** Image tokens one square image costs when a provider reports no usage (gpt-image-1 at medium 1024×1024; Gemini's 1290 per image). */
const IMAGE_OUTPUT_TOKENS: Record<string, number> = { "gpt-image-1": 1056, "gemini-2.5-flash-image": 1290 };

/** Estimated cost of one generated image in micro-USD: from the reported usage, else the model's per-image token count. */
export function estimateImageCostMicros(model: string, usage?: { inputTokens: number; outputTokens: number }): { costMicros: number; known: boolean } {
  if (usage) return estimateCostMicros(model, usage.inputTokens, usage.outputTokens);
  const name = model.replace(/^models\//, "").toLowerCase();
  const key = Object.keys(IMAGE_OUTPUT_TOKENS).sort((a, b) => b.length - a.length).find((p) => name.startsWith(p));
  return key ? estimateCostMicros(model, 0, IMAGE_OUTPUT_TOKENS[key]!) : { costMicros: 0, known: false };
}

const PREFIXES = Object.keys(PER_MILLION).sort((a, b) => b.length - a.length);

export function priceOf(model: string): Price | undefined {
  const name = model.replace(/^models\//, "").toLowerCase();
  const key = PREFIXES.find((p) => name.startsWith(p));
  return key ? PER_MILLION[key] : undefined;
}

/** Estimated cost in micro-USD (integer). Unknown models cost 0 and `known` is false. */
export function estimateCostMicros(
  model: string,
  inputTokens: number,
  outputTokens: number,
): { costMicros: number; known: boolean } {
  const price = priceOf(model);
  if (!price) return { costMicros: 0, known: false };
  const micros = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return { costMicros: Math.round(micros), known: true };
}
