// createAgent: wires tiers, role-scoped tools and the checkpointed graph into an Agent.
import { HumanMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { KnowledgeStore } from "../knowledge/types.js";
import { toolsFor } from "../tools/registry.js";
import { turnConfigurable, type TurnContext } from "./context.js";
import { buildAgentGraph } from "./graph.js";
import { defaultIntentClassifier, type IntentClassifier } from "./intent/classifier.js";
import { LocalChatModel } from "./models/local.js";
import { createProviders, type ModelSettings } from "./models/providers.js";
import { TierSet } from "./models/tiers.js";
import type { Agent, TurnInput, TurnResult } from "./types.js";

export interface AgentDeps {
  knowledge: KnowledgeStore;
  /** PostgresSaver from createCheckpointer() in production; thread_id = conversationId. */
  checkpointer: BaseCheckpointSaver;
  /** From modelSettingsFromConfig(config). No keys → local tier only. */
  models: ModelSettings;
  /** Knowledge hits below this score are not answered from by the local tier. */
  minScore: number;
  logger?: Logger;
  classifier?: IntentClassifier;
  historyLimit?: number;
  keepMessages?: number;
  maxToolRounds?: number;
  now?: () => Date;
  /** When checkpoints are written (default "exit": once per turn; see agent/README.md). */
  durability?: "exit" | "async" | "sync";
}

export function createAgent(deps: AgentDeps): Agent {
  const local = new LocalChatModel({ minScore: deps.minScore });
  const tiers = new TierSet(createProviders(deps.models), local);
  const maxToolRounds = deps.maxToolRounds ?? 3;
  const graph = buildAgentGraph({
    tiers,
    tools: { lead: toolsFor("lead", deps), owner: toolsFor("owner", deps) },
    classifier: deps.classifier ?? defaultIntentClassifier(),
    historyLimit: deps.historyLimit ?? 20,
    keepMessages: deps.keepMessages ?? 60,
    maxToolRounds,
    llmTimeoutMs: deps.models.timeoutMs,
    logger: deps.logger,
  }).compile({ checkpointer: deps.checkpointer });
  const now = deps.now ?? (() => new Date());

  return {
    async runTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult> {
      if (!input.tenant?.id) throw new AppError("bad_request", "turn without a tenant");
      if (!input.conversationId) throw new AppError("bad_request", "turn without a conversation");
      const texts = input.messages.map((m) => m.text.trim()).filter(Boolean);
      if (texts.length === 0) throw new AppError("bad_request", "turn without message text");
      const turn: TurnContext = {
        tenant: input.tenant,
        role: input.role,
        channel: input.channel,
        conversationId: input.conversationId,
        contactName: input.contactName ?? null,
        now: now().toISOString(),
      };
      const started = performance.now();
      const state = await graph.invoke(
        {
          messages: texts.map((t) => new HumanMessage(t)),
          turn: { reset: true },
        },
        {
          configurable: turnConfigurable(turn),
          signal,
          durability: deps.durability ?? "exit",
          recursionLimit: 2 * maxToolRounds + 8,
        },
      );
      const { reply, tier, model, usage, handoff, route } = state.turn;
      const result: TurnResult = { reply, tier, model, usage, handoff, route };
      deps.logger?.debug(
        { tenantId: turn.tenant.id, conversationId: turn.conversationId, tier: result.tier, route: result.route, ms: Math.round(performance.now() - started) },
        "agent turn",
      );
      return result;
    },
  };
}

export { createCheckpointer } from "./checkpointer.js";
export { modelSettingsFromConfig, type ModelSettings } from "./models/providers.js";
export type { Agent, TurnInput, TurnResult, UsageRecord } from "./types.js";
