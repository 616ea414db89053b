// The tiers available in a deployment and the fallback chain of each: the tier's
// providers in order, then the local model, which needs nothing and always answers.
// Every LLM call is capped at `maxOutputTokens`, so its worst-case cost is known before it
// is made (agent/budget reserves it).
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { TierName } from "../types.js";
import { LOCAL_MODEL_NAME, type LocalChatModel } from "./local.js";
import type { LlmTier, ProviderModel } from "./providers.js";

export interface Candidate {
  tier: TierName;
  provider: string;
  model: string;
  chat: BaseChatModel;
  /** "openai:fast" — identifies the candidate in fallback bookkeeping. */
  key: string;
}

/** Output cap of LLM calls when none is configured (tokens). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

/** Sets the client's own output limit (ChatOpenAI `maxTokens`, ChatGoogleGenerativeAI `maxOutputTokens`), read per call. */
function capOutput(chat: BaseChatModel, max: number): void {
  type Capped = { maxTokens?: number; maxOutputTokens?: number; completions?: Capped; responses?: Capped; fields?: Capped };
  const c = chat as unknown as Capped;
  if ("maxOutputTokens" in c) {
    c.maxOutputTokens = Math.min(c.maxOutputTokens ?? max, max);
    return;
  }
  // ChatOpenAI delegates to its completions / responses clients, and its bindTools/withConfig
  // build a new ChatOpenAI from its constructor fields: all of them get the cap
  for (const m of [c, c.completions, c.responses, c.fields]) {
    if (m) m.maxTokens = Math.min(m.maxTokens && m.maxTokens > 0 ? m.maxTokens : max, max);
  }
}

export class TierSet {
  private readonly chains: Record<TierName, Candidate[]>;
  readonly local: Candidate;
  readonly maxOutputTokens: number;

  constructor(providers: Record<LlmTier, ProviderModel[]>, local: LocalChatModel, maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS) {
    this.maxOutputTokens = maxOutputTokens;
    for (const p of [...providers.fast, ...providers.smart]) capOutput(p.chat, maxOutputTokens);
    this.local = { tier: "local", provider: "local", model: LOCAL_MODEL_NAME, chat: local, key: "local" };
    const toCandidate = (p: ProviderModel): Candidate => ({ ...p, key: `${p.provider}:${p.tier}` });
    this.chains = {
      local: [this.local],
      fast: [...providers.fast.map(toCandidate), this.local],
      smart: [...providers.smart.map(toCandidate), this.local],
    };
  }

  /** LLM tiers that have at least one provider. */
  available(): Set<LlmTier> {
    const s = new Set<LlmTier>();
    if (this.chains.fast.length > 1) s.add("fast");
    if (this.chains.smart.length > 1) s.add("smart");
    return s;
  }

  chain(tier: TierName): Candidate[] {
    return this.chains[tier];
  }

  /** The providers ("openai", "gemini") of an LLM tier, in order. */
  providersOf(tier: LlmTier): string[] {
    return this.chains[tier].filter((c) => c.tier !== "local").map((c) => c.provider);
  }
}
