// The tiers available in a deployment and the fallback chain of each: the tier's
// providers in order, then the local model, which needs nothing and always answers.
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

export class TierSet {
  private readonly chains: Record<TierName, Candidate[]>;
  readonly local: Candidate;

  constructor(providers: Record<LlmTier, ProviderModel[]>, local: LocalChatModel) {
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
}
