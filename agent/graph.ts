// The turn graph: router (tier) → call_model ⇄ tools (bounded) → respond; a tools step that
// settles an owner's approval goes straight to respond with the tool's own confirmation
// (no model call, nothing for a model to misreport). Node functions first,
// the builder chain last; the builder is exported uncompiled so callers (and tests)
// compile it with their own checkpointer.
import type { StructuredToolInterface } from "@langchain/core/tools";
import { AIMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { END, START, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import type { Logger } from "../core/logger.js";
import { MY_MEMORY, REQUEST_HUMAN } from "../tools/registry.js";
import { turnFrom } from "./context.js";
import { closeDangling, decidedApprovals, screenCalls } from "./executor.js";
import { budgetGuard } from "./budget/guard.js";
import { CACHE_MODEL_NAME, lookupForTurn, storeForTurn, type AnswerCache } from "./cache/index.js";
import { ceilingFor, nextTier, validateMessage } from "./escalate/index.js";
import type { BudgetLedger } from "./budget/ledger.js";
import { callWithFallback, type CallGuard } from "./fallback.js";
import type { CircuitBreakers } from "./health/breaker.js";
import { allGuards, breakerGuard } from "./health/guard.js";
import { modelWindow, pendingHumanText, trimStored } from "./history.js";
import type { IntentClassifier } from "./intent/classifier.js";
import type { TierSet } from "./models/tiers.js";
import { systemPrompt } from "./prompt.js";
import { routeTier } from "./route.js";
import { turnFeatures } from "./router/features.js";
import { conversationState, stateFeatures } from "./router/state.js";
import { AgentState, type AgentStateType, type AgentStateUpdate } from "./state.js";
import type { Role, TierName, UsageRecord } from "./types.js";
import { usageRecord } from "./usage.js";

export interface GraphDeps {
  tiers: TierSet;
  tools: Record<Role, StructuredToolInterface[]>;
  classifier: IntentClassifier;
  /** Messages a model sees (the last N, starting at a user message). */
  historyLimit: number;
  /** Messages kept in the checkpoint. */
  keepMessages: number;
  /** Model calls that may request tools in one turn; the next call must answer. */
  maxToolRounds: number;
  llmTimeoutMs: number;
  /** Per-tenant monthly budgets (agent/budget): routing level and per-call reservations. */
  budget?: BudgetLedger;
  /** Per-provider circuit breakers shared across workers (agent/health). */
  breakers?: CircuitBreakers;
  /** The knowledge store's "relevant enough" score: the local tier's near misses escalate (agent/escalate). */
  minScore?: number;
  /** Tenant-scoped semantic cache of lead FAQ answers (agent/cache); without it every turn is answered afresh. */
  cache?: AnswerCache;
  logger?: Logger;
}

/** LLM tiers with a provider whose circuit is not open (all of them when there are no breakers). */
async function healthyTiers(deps: GraphDeps): Promise<Set<"fast" | "smart"> | undefined> {
  if (!deps.breakers) return undefined;
  const available = [...deps.tiers.available()];
  try {
    const states = await deps.breakers.states([...new Set(available.flatMap((t) => deps.tiers.providersOf(t)))]);
    return new Set(available.filter((t) => deps.tiers.providersOf(t).some((p) => states[p] !== "open")));
  } catch (err) {
    deps.logger?.warn({ err }, "circuit breakers unavailable; routing as if every provider were up");
    return undefined;
  }
}

/** The tenant's budget level; Redis trouble counts as "hard" (no paid call without a reservation anyway). */
async function budgetLevel(deps: GraphDeps, tenantId: string, timeZone: string): Promise<"ok" | "soft" | "hard" | undefined> {
  if (!deps.budget) return undefined;
  try {
    return (await deps.budget.status(tenantId, timeZone)).level;
  } catch (err) {
    deps.logger?.warn({ err, tenantId }, "budget unavailable; local tier only");
    return "hard";
  }
}

const RANK: Record<TierName, number> = { local: 0, fast: 1, smart: 2 };

export const LOOP_CUT_OFF_REPLY =
  "Sorry, I couldn't finish looking that up. Would you like me to connect you with a person?";

function routeNode(deps: GraphDeps) {
  return async (state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> => {
    const turn = turnFrom(config);
    const text = pendingHumanText(state.messages);
    const features = turnFeatures(text, turn.role, deps.classifier); // intent, words, risk, asks, owner intent
    const nlu = { timezone: turn.tenant.timezone, locale: turn.tenant.locale, currency: turn.tenant.currency, now: new Date(turn.now) };
    const st = stateFeatures(text, conversationState(state.messages), nlu); // mid-booking, awaiting approval
    const available = deps.tiers.available();
    const [budget, health] = available.size
      ? await Promise.all([budgetLevel(deps, turn.tenant.id, turn.tenant.timezone), healthyTiers(deps)])
      : [undefined, undefined];
    const d = routeTier({
      ...features, available, state: st, ...(budget ? { budget } : {}), ...(health ? { health } : {}),
    });
    const closed = closeDangling(state.messages, turn.conversationId, turn.tenant.id, turn.now);
    const usable = [...available].filter((t) => !health || health.has(t));
    const byBudget = ceilingFor(budget);
    const ceiling = RANK[d.tier] > RANK[byBudget] ? d.tier : byBudget;
    const routed = { tier: d.tier, route: d.reason, ceiling, usable, rejected: [] };
    const gate = { role: turn.role, risk: features.risk ?? [], asks: features.asks ?? 1, state: st.state };
    const looked = deps.cache && !closed ? await lookupForTurn(deps.cache, turn, text, gate, deps.logger) : null;
    if (looked?.hit) {
      const { hit } = looked;
      const answer = new AIMessage({ content: hit.answer, response_metadata: { model_name: CACHE_MODEL_NAME, cached: true, grounded: true, entryIds: hit.entryIds } });
      return {
        messages: [answer],
        turn: { ...routed, tier: "local", model: CACHE_MODEL_NAME, cached: true, route: `semantic cache hit (similarity ${hit.similarity.toFixed(2)}); ${d.reason}` },
      };
    }
    const cache = looked ? { cacheGeneration: looked.generation, cacheQuestion: text } : {};
    return { turn: { ...routed, ...cache }, ...(closed ?? {}) };
  };
}

function modelNode(deps: GraphDeps) {
  // bytes of each role's tool definitions, for the worst-case prompt size (agent/budget)
  const bytesOf = (role: Role) =>
    deps.budget ? Buffer.byteLength(JSON.stringify(deps.tools[role].map((t) => ({ name: t.name, description: t.description, parameters: toJsonSchema(t.schema) })))) : 0;
  const toolBytes: Record<Role, number> = { lead: bytesOf("lead"), owner: bytesOf("owner") };
  const breakers = deps.breakers ? breakerGuard(deps.breakers, deps.logger) : undefined;
  return async (state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> => {
    const turn = turnFrom(config);
    const tools = deps.tools[turn.role];
    const withTools = state.turn.iterations < deps.maxToolRounds && tools.length > 0;
    const window = modelWindow(state.messages, deps.historyLimit);
    const prompt = new SystemMessage(
      systemPrompt({
        tenant: turn.tenant, role: turn.role, channel: turn.channel, contactName: turn.contactName, now: new Date(turn.now),
        ...(turn.memory ? { memory: turn.memory } : {}), memoryTools: tools.some((t) => t.name === MY_MEMORY),
      }),
    );
    const guards: CallGuard[] = breakers ? [breakers] : [];
    if (deps.budget) {
      guards.push(budgetGuard(deps.budget, {
        tenantId: turn.tenant.id, timeZone: turn.tenant.timezone, messages: [prompt, ...window],
        toolBytes: withTools ? toolBytes[turn.role] : 0, maxOutputTokens: deps.tiers.maxOutputTokens,
      }, deps.logger));
    }
    const call = (tier: TierName, failed: readonly string[]) =>
      callWithFallback(
        deps.tiers.chain(tier),
        failed,
        async (c) => {
          const model = withTools && c.chat.bindTools ? c.chat.bindTools(tools) : c.chat;
          if (c.tier === "local") {
            const booking = { timezone: turn.tenant.timezone, locale: turn.tenant.locale, currency: turn.tenant.currency, now: new Date(turn.now) };
            const opts = { signal: config.signal, businessName: turn.tenant.name, contactName: turn.rememberedName ?? undefined, booking };
            return (await model.invoke(window, opts)) as AIMessage;
          }
          return (await model.invoke([prompt, ...window], { signal: config.signal, timeout: deps.llmTimeoutMs })) as AIMessage;
        },
        { signal: config.signal, logger: deps.logger, guard: allGuards(guards) },
      );
    const nlu = { timezone: turn.tenant.timezone, locale: turn.tenant.locale, currency: turn.tenant.currency };
    const usage: UsageRecord[] = [];
    let route = state.turn.route;
    const rejected = [...state.turn.rejected];
    // tiers asked for this call: each at most once, so the loop ends even when a guard keeps
    // skipping a tier's providers (a budget refusal is a skip, not a failure) and it falls back
    const asked: TierName[] = [state.turn.tier];
    let res = await call(state.turn.tier, state.turn.failed);
    for (;;) {
      const { candidate: c, message } = res;
      const { record, priced } = usageRecord(c.tier, c.provider, c.model, message);
      if (!priced) deps.logger?.warn({ model: c.model }, "no price for model: cost recorded as 0");
      usage.push(record);
      route = appendNotes(route, res.notes, c.key);
      if (c.tier === "local" && state.turn.usable.length === 0) break; // no LLM tier to escalate to: nothing to check for
      const v = validateMessage(message, {
        tools, prompt: c.tier === "local" ? "" : String(prompt.content), window, nlu, minScore: deps.minScore ?? 0,
      });
      if (v.ok) break;
      rejected.push(c.tier);
      // a tier all of whose providers failed this turn is not usable any more
      const usable = state.turn.usable.filter((t) => deps.tiers.chain(t).some((x) => x.tier !== "local" && !res.failed.includes(x.key)));
      const up = nextTier(c.tier, { ceiling: state.turn.ceiling, usable, failedValidation: [...rejected, ...asked] });
      if (!up) {
        route = `${route}; ${c.tier} output kept: ${v.kind} (${v.reason}), no tier above`;
        deps.logger?.warn({ tenantId: turn.tenant.id, conversationId: turn.conversationId, tier: c.tier, kind: v.kind, reason: v.reason }, "model output failed validation; no tier to escalate to");
        break;
      }
      route = `${route}; escalated ${c.tier}→${up}: ${v.kind} (${v.reason})`;
      deps.logger?.info({ tenantId: turn.tenant.id, conversationId: turn.conversationId, from: c.tier, to: up, kind: v.kind, reason: v.reason }, "escalated a turn one tier up");
      asked.push(up);
      res = await call(up, res.failed);
    }
    const { candidate: c, message } = res;
    return {
      messages: [message],
      turn: {
        tier: c.tier,
        model: c.model,
        usage,
        iterations: state.turn.iterations + 1,
        failed: res.failed,
        route,
        rejected,
      },
    };
  };
}

/** The route plus this call's fallback notes; a note already recorded by an earlier call of the turn is not repeated. */
function appendNotes(route: string, notes: string[], answered: string): string {
  const fresh = notes.filter((n) => !route.includes(n));
  if (!fresh.length) return route;
  return `${route}; ${fresh.join("; ")} → ${answered}`;
}

function toolsNode(deps: GraphDeps) {
  const nodes: Record<Role, ToolNode> = {
    lead: new ToolNode(deps.tools.lead, { handleToolErrors: true }),
    owner: new ToolNode(deps.tools.owner, { handleToolErrors: true }),
  };
  const allowed: Record<Role, ReadonlySet<string>> = {
    lead: new Set(deps.tools.lead.map((t) => t.name)),
    owner: new Set(deps.tools.owner.map((t) => t.name)),
  };
  return async (state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> => {
    const turn = turnFrom(config);
    const last = state.messages[state.messages.length - 1];
    if (!last || !AIMessage.isInstance(last)) return {};
    const { refused, outside } = screenCalls(last, allowed[turn.role]);
    if (outside.length) {
      deps.logger?.warn({ tenantId: turn.tenant.id, conversationId: turn.conversationId, role: turn.role, tools: outside }, "refused tool calls outside the role's tools");
    }
    // ToolNode skips calls that already have a result, so refused calls never reach it.
    const out = (await nodes[turn.role].invoke({ messages: [...state.messages, ...refused] }, config)) as { messages?: unknown };
    const results = [...refused, ...(Array.isArray(out.messages) ? out.messages : [])].filter((m): m is ToolMessage =>
      ToolMessage.isInstance(m),
    );
    const handoff = results.some((m) => m.name === REQUEST_HUMAN && m.status !== "error");
    const decided = decidedApprovals(results, turn.tenant.id, new Date().toISOString());
    if (!decided) return { messages: results, turn: { handoff: state.turn.handoff || handoff } };
    return {
      messages: [...results, new AIMessage(decided.reply)],
      approvals: decided.log,
      turn: { handoff: state.turn.handoff || handoff },
    };
  };
}

function replyNode(deps: GraphDeps) {
  return async (state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> => {
    const last = state.messages[state.messages.length - 1];
    const ai = last && AIMessage.isInstance(last) ? last : undefined;
    const fix = ai?.tool_calls?.length ? [new AIMessage({ id: ai.id, content: LOOP_CUT_OFF_REPLY })] : [];
    const text = fix.length ? LOOP_CUT_OFF_REPLY : (ai?.text.trim() ?? "");
    const { cacheGeneration, cacheQuestion, cached, route } = state.turn;
    if (deps.cache && cacheGeneration !== null && !cached && !fix.length && text) {
      await storeForTurn(deps.cache, {
        turn: turnFrom(config), question: cacheQuestion, generation: cacheGeneration, messages: state.messages, reply: text, route, minScore: deps.minScore ?? 0,
      }, deps.logger);
    }
    return { turn: { reply: text || null }, messages: [...fix, ...trimStored(state.messages, deps.keepMessages)] };
  };
}

/** A cached answer goes straight to respond. */
function afterRoute(state: AgentStateType): "call_model" | "respond" {
  return state.turn.cached ? "respond" : "call_model";
}

/** Back to the model, unless the tools step already answered (a settled approval). */
function afterTools(state: AgentStateType): "call_model" | "respond" {
  const last = state.messages[state.messages.length - 1];
  return last && AIMessage.isInstance(last) ? "respond" : "call_model";
}

function afterModel(deps: GraphDeps) {
  return (state: AgentStateType): "tools" | "respond" => {
    const last = state.messages[state.messages.length - 1];
    const calls = last && AIMessage.isInstance(last) ? (last.tool_calls?.length ?? 0) : 0;
    return calls > 0 && state.turn.iterations <= deps.maxToolRounds ? "tools" : "respond";
  };
}

export function buildAgentGraph(deps: GraphDeps) {
  return new StateGraph(AgentState)
    .addNode("router", routeNode(deps))
    .addNode("call_model", modelNode(deps))
    .addNode("tools", toolsNode(deps))
    .addNode("respond", replyNode(deps))
    .addEdge(START, "router")
    .addConditionalEdges("router", afterRoute, ["call_model", "respond"])
    .addConditionalEdges("call_model", afterModel(deps), ["tools", "respond"])
    .addConditionalEdges("tools", afterTools, ["call_model", "respond"])
    .addEdge("respond", END);
}
