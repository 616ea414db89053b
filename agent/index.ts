// createAgent: wires tiers, role-scoped tools and the checkpointed graph into an Agent.
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import { FORGET_MY_MEMORY, parseApprovalRequest, toolsFor, type ToolDeps } from "../tools/registry.js";
import { approvalDecision } from "./approval-words.js";
import { turnConfigurable, type TurnContext } from "./context.js";
import { buildAgentGraph } from "./graph.js";
import { defaultIntentClassifier, type IntentClassifier } from "./intent/classifier.js";
import { LocalChatModel } from "./models/local.js";
import { createProviders, type ModelSettings } from "./models/providers.js";
import { TierSet } from "./models/tiers.js";
import type { BudgetLedger } from "./budget/ledger.js";
import type { AnswerCache } from "./cache/index.js";
import type { CircuitBreakers } from "./health/breaker.js";
import { thisTurn } from "./history.js";
import { turnResult } from "./result.js";
import { resumeApproval } from "./resume.js";
import type { Agent, MemoryAccess, ResumeInput, TurnInput, TurnResult } from "./types.js";

/**
 * Everything the agent needs. The tools' dependencies (knowledge, directory, memory,
 * documents, calendar, payments, campaigns…) are `ToolDeps` (tools/registry.ts): a tool whose
 * dependency is missing is not offered.
 */
export interface AgentDeps extends ToolDeps {
  /** PostgresSaver from createCheckpointer() in production; thread_id = conversationId. */
  checkpointer: BaseCheckpointSaver;
  /** From modelSettingsFromConfig(config). No keys → local tier only. */
  models: ModelSettings;
  /** Per-tenant monthly budgets (agent/budget/ledger.ts); without it no budget is enforced. */
  budget?: BudgetLedger;
  /** Per-provider circuit breakers shared across workers (agent/health); without them every provider is tried. */
  breakers?: CircuitBreakers;
  /** Output cap of every LLM call in tokens (default 1024): bounds each call's worst-case cost. */
  maxOutputTokens?: number;
  /** Tenant-scoped semantic cache of lead FAQ answers (agent/cache); the knowledge store must bump its generation (withGeneration). */
  answerCache?: AnswerCache;
  logger?: Logger;
  classifier?: IntentClassifier;
  historyLimit?: number;
  keepMessages?: number;
  maxToolRounds?: number;
  now?: () => Date;
  /** When checkpoints are written (default "exit": once per turn; see agent/README.md). */
  durability?: "exit" | "async" | "sync";
}

/** The agent createAgent builds: `resume` is always there. */
export type GrowAgent = Agent & Required<Pick<Agent, "resume">>;

export function createAgent(deps: AgentDeps): GrowAgent {
  const local = new LocalChatModel({ minScore: deps.minScore });
  const tiers = new TierSet(createProviders(deps.models), local, deps.maxOutputTokens);
  const maxToolRounds = deps.maxToolRounds ?? 3;
  const graph = buildAgentGraph({
    tiers,
    tools: { lead: toolsFor("lead", deps), owner: toolsFor("owner", deps) },
    classifier: deps.classifier ?? defaultIntentClassifier(),
    historyLimit: deps.historyLimit ?? 20,
    keepMessages: deps.keepMessages ?? 60,
    maxToolRounds,
    llmTimeoutMs: deps.models.timeoutMs,
    ...(deps.budget ? { budget: deps.budget } : {}),
    ...(deps.breakers ? { breakers: deps.breakers } : {}),
    minScore: deps.minScore,
    ...(deps.answerCache ? { cache: deps.answerCache } : {}),
    logger: deps.logger,
  }).compile({ checkpointer: deps.checkpointer });
  const now = deps.now ?? (() => new Date());
  const durability = deps.durability ?? "exit";
  const recursionLimit = 2 * maxToolRounds + 8;

  return {
    async runTurn(input: TurnInput, signal?: AbortSignal): Promise<TurnResult> {
      if (!input.tenant?.id) throw new AppError("bad_request", "turn without a tenant");
      if (!input.conversationId) throw new AppError("bad_request", "turn without a conversation");
      const inbound = input.messages.filter((m) => m.text.trim());
      if (inbound.length === 0) throw new AppError("bad_request", "turn without message text");
      // remembered facts are used only with full access (fail closed: a missing flag is learn_only)
      const memoryAccess: MemoryAccess = input.memoryAccess === "full" ? "full" : "learn_only";
      const memory = memoryAccess === "full" && input.memory?.length ? input.memory : undefined;
      // a name the contact gave us beats the channel's profile name
      const rememberedName = memory?.find((f) => f.key === "name")?.value ?? null;
      const turn: TurnContext = {
        tenant: input.tenant,
        role: input.role,
        channel: input.channel,
        conversationId: input.conversationId,
        contactName: rememberedName ?? input.contactName ?? null,
        ...(input.contactId ? { contactId: input.contactId } : {}),
        ...(memory ? { memory } : {}),
        memoryAccess,
        rememberedName,
        now: now().toISOString(),
      };
      // an owner's plain "yes"/"no" to the approval waiting in this conversation decides it
      const decision = input.role === "owner" && inbound.length === 1 ? approvalDecision(inbound[0]!.text) : null;
      if (decision) {
        const snap = await graph.getState({ configurable: turnConfigurable(turn) });
        const paused = snap.tasks.flatMap((t) => t.interrupts ?? []).map((i) => parseApprovalRequest(i.value)).filter((r) => r?.tenantId === turn.tenant.id);
        if (paused.length === 1 && paused[0]) {
          const result = await resumeApproval(graph, { ...input, contactId: input.contactId ?? "", approvalId: paused[0].id, decision }, signal, { now, durability, recursionLimit });
          deps.logger?.info({ tenantId: turn.tenant.id, conversationId: turn.conversationId, route: result.route }, "approval decided in words");
          return { ...result, route: `${result.route} (in words)` };
        }
      }
      const started = performance.now();
      const state = await graph.invoke(
        {
          // ids from the stored messages: the messages reducer replaces a message with the same
          // id, so a turn retried after a crash does not repeat what the person said
          messages: inbound.map((m) => new HumanMessage({ content: m.text.trim(), ...(m.id ? { id: `in-${m.id}` } : {}) })),
          turn: { reset: true },
        },
        {
          configurable: turnConfigurable(turn),
          signal,
          durability,
          recursionLimit,
        },
      );
      const result = turnResult(state);
      if (calledForget(state.messages)) result.forgotMemory = true;
      deps.logger?.debug(
        { tenantId: turn.tenant.id, conversationId: turn.conversationId, tier: result.tier, route: result.route, ms: Math.round(performance.now() - started) },
        "agent turn",
      );
      return result;
    },

    async resume(input: ResumeInput, signal?: AbortSignal): Promise<TurnResult> {
      const result = await resumeApproval(graph, input, signal, { now, durability, recursionLimit });
      deps.logger?.info({ tenantId: input.tenant?.id, conversationId: input.conversationId, route: result.route }, "approval resumed");
      return result;
    },
  };
}

/** This turn's model asked for forget_my_memory (its calls follow the turn's last human message). */
function calledForget(messages: BaseMessage[]): boolean {
  return thisTurn(messages).some((m) => AIMessage.isInstance(m) && m.tool_calls?.some((c) => c.name === FORGET_MY_MEMORY));
}

export { createCheckpointer } from "./checkpointer.js";
export { BudgetLedger } from "./budget/ledger.js";
export { CircuitBreakers } from "./health/breaker.js";
export { modelSettingsFromConfig, type ModelSettings } from "./models/providers.js";
export { approvalButtons, parseApprovalButton } from "./approvals.js";
export type { Agent, MemoryAccess, ResumeInput, TurnInput, TurnResult, UsageRecord } from "./types.js";
export type { ContactDirectory, ContactSummary, KnowledgeAdmin } from "../tools/registry.js";
