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
};

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
