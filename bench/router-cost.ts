// The token model behind `npm run bench:router`'s cost figures, in one place. Every figure is
// an estimate: the replay has no real model calls, so each turn is priced as if it made the
// calls below on the chosen tier, at agent/pricing.ts's prices for the deployment's default
// models (core/config.ts; OpenAI is first in each tier's chain, Gemini the fallback).
import { configSchema } from "../core/config.js";
import { estimateCostMicros } from "../agent/pricing.js";
import type { TierName } from "../agent/types.js";

/**
 * One turn on an LLM tier = one tool round: the model asks for a tool (knowledge_search,
 * a booking tool...), then answers with the result. Per call the input is the system prompt
 * (~250–320 tokens measured from agent/prompt.ts, rounded up for tenant help text and
 * memory), the history window (a few short chat turns) and the role's tool schemas; the
 * second call adds the tool result (≈ 5 knowledge chunks). Outputs: a tool call, then a
 * 1–3 sentence reply. Same for every role and tier, so the cost ratio against always-smart
 * depends only on the tier mix and the models' prices, not on these counts' exact size.
 */
export const TOKEN_MODEL = {
  systemPrompt: 400,
  history: 500,
  toolSchemas: 600,
  toolResult: 600,
  toolCallOutput: 60,
  replyOutput: 120,
} as const;

export const TURN_TOKENS = {
  input: 2 * (TOKEN_MODEL.systemPrompt + TOKEN_MODEL.history + TOKEN_MODEL.toolSchemas) + TOKEN_MODEL.toolResult,
  output: TOKEN_MODEL.toolCallOutput + TOKEN_MODEL.replyOutput,
};

const dflt = (key: "OPENAI_FAST_MODEL" | "OPENAI_SMART_MODEL" | "GEMINI_FAST_MODEL" | "GEMINI_SMART_MODEL"): string =>
  configSchema.shape[key].parse(undefined);

export interface PriceSet {
  name: string;
  models: { fast: string; smart: string };
  /** Estimated micro-USD per turn on each tier (local is in-process: 0). */
  perTurn: Record<TierName, number>;
}

function priceSet(name: string, fast: string, smart: string): PriceSet {
  const cost = (model: string) => {
    const c = estimateCostMicros(model, TURN_TOKENS.input, TURN_TOKENS.output);
    if (!c.known) throw new Error(`no price for ${model} in agent/pricing.ts`);
    return c.costMicros;
  };
  return { name, models: { fast, smart }, perTurn: { local: 0, fast: cost(fast), smart: cost(smart) } };
}

/** The default models of each provider; the first is the one the headline cost uses. */
export const PRICE_SETS: PriceSet[] = [
  priceSet("OpenAI defaults", dflt("OPENAI_FAST_MODEL"), dflt("OPENAI_SMART_MODEL")),
  priceSet("Gemini defaults", dflt("GEMINI_FAST_MODEL"), dflt("GEMINI_SMART_MODEL")),
];

export function describeTokenModel(): string {
  const m = TOKEN_MODEL;
  const sets = PRICE_SETS.map(
    (p) => `${p.name}: fast = ${p.models.fast} ≈ $${(p.perTurn.fast / 1e6).toFixed(6)}/turn, smart = ${p.models.smart} ≈ $${(p.perTurn.smart / 1e6).toFixed(6)}/turn`,
  ).join("; ");
  return (
    `Token model (bench/router-cost.ts): a turn on an LLM tier = 2 calls (tool call, then reply); ` +
    `input ${TURN_TOKENS.input} tokens = 2 × (system prompt ${m.systemPrompt} + history ${m.history} + tool schemas ${m.toolSchemas}) + tool result ${m.toolResult}; ` +
    `output ${TURN_TOKENS.output} tokens = tool call ${m.toolCallOutput} + reply ${m.replyOutput}; local = 0. ` +
    `Prices: agent/pricing.ts. ${sets}.`
  );
}
