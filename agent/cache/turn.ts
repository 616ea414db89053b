// The cache's two touch points in a turn (agent/graph.ts): `lookupForTurn` in the route node
// (a lead's single, plain, idle-state question; a hit answers with no model call) and
// `storeForTurn` in the respond node (a turn answered only from knowledge_search, grounded,
// without the contact's memory). Redis trouble is a miss / no store, never a failed turn.
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { Logger } from "../../core/logger.js";
import { parseSearchResult } from "../../tools/registry.js";
import type { TurnContext } from "../context.js";
import { thisTurn } from "../history.js";
import type { StateFeatures } from "../router/state.js";
import type { AnswerCache, CacheLookup, CacheQuestion } from "./answer-cache.js";
import { isCacheableTurn } from "./cacheable.js";

export const CACHE_MODEL_NAME = "semantic-cache";

/** What the route node knows when it asks: only a plain, single, idle, risk-free lead question is looked up. */
export interface LookupGate {
  role: TurnContext["role"];
  risk: readonly string[];
  asks: number;
  state: StateFeatures["state"];
}

export function cacheQuestion(turn: TurnContext, text: string): CacheQuestion {
  return {
    tenantId: turn.tenant.id,
    question: text,
    context: { timezone: turn.tenant.timezone, locale: turn.tenant.locale, currency: turn.tenant.currency, now: new Date(turn.now) },
    variant: turn.channel === "voice" ? "voice" : "text",
  };
}

export async function lookupForTurn(cache: AnswerCache, turn: TurnContext, text: string, gate: LookupGate, logger?: Logger): Promise<CacheLookup | null> {
  if (gate.role !== "lead" || gate.risk.length > 0 || gate.asks > 1 || gate.state !== "idle" || turn.memory?.length) return null;
  try {
    return await cache.lookup(cacheQuestion(turn, text));
  } catch (err) {
    logger?.warn({ err, tenantId: turn.tenant.id }, "answer cache unavailable; answering normally");
    return null;
  }
}


/**
 * Store the turn's answer when it may be reused: tools were knowledge_search only, the reply
 * is grounded (the local tier says so; an LLM reply passed validation and a search hit cleared
 * `minScore`), nothing about the contact was used, and the turn was not flagged.
 */
export async function storeForTurn(
  cache: AnswerCache,
  args: { turn: TurnContext; question: string; generation: number; messages: readonly BaseMessage[]; reply: string; route: string; minScore: number },
  logger?: Logger,
): Promise<void> {
  const msgs = thisTurn(args.messages);
  const toolNames = msgs.filter((m): m is ToolMessage => ToolMessage.isInstance(m)).map((m) => m.name ?? "");
  const last = msgs.at(-1);
  const meta = (last && AIMessage.isInstance(last) ? last.response_metadata : {}) as { grounded?: unknown; entryIds?: unknown; model_name?: unknown };
  let entryIds: string[] = [];
  let grounded = false;
  if (typeof meta.grounded === "boolean") {
    grounded = meta.grounded;
    entryIds = Array.isArray(meta.entryIds) ? meta.entryIds.filter((x): x is string => typeof x === "string") : [];
  } else {
    for (const m of msgs) {
      if (!ToolMessage.isInstance(m)) continue;
      for (const h of parseSearchResult(m.text)?.hits ?? []) if (h.score >= args.minScore) entryIds.push(h.entryId);
    }
    grounded = entryIds.length > 0 && !/output kept/.test(args.route);
  }
  const usedMemory = !!args.turn.memory?.length;
  if (!isCacheableTurn({ role: args.turn.role, toolNames, grounded, usedMemory, answer: args.reply })) return;
  try {
    const r = await cache.store({ ...cacheQuestion(args.turn, args.question), answer: args.reply, entryIds, generation: args.generation });
    logger?.debug({ tenantId: args.turn.tenant.id, result: r }, "answer cache store");
  } catch (err) {
    logger?.warn({ err, tenantId: args.turn.tenant.id }, "answer cache unavailable; answer not stored");
  }
}
