// The budget as a call guard (agent/fallback.ts): before an LLM call its worst-case cost is
// reserved on the tenant's monthly counter (refused → the candidate is skipped, and the
// chain ends at the local tier); after it, the reservation is settled to the real cost.
// Redis trouble fails closed: no reservation, no paid call (the local tier still answers).
import type { BaseMessage } from "@langchain/core/messages";
import type { Logger } from "../../core/logger.js";
import type { Admission, CallGuard } from "../fallback.js";
import { usageRecord } from "../usage.js";
import { promptTokenBound, worstCaseMicros } from "./estimate.js";
import type { BudgetLedger } from "./ledger.js";

export interface BudgetCall {
  tenantId: string;
  timeZone: string;
  /** What the model is sent (system prompt + window). */
  messages: readonly BaseMessage[];
  /** Bytes of the tool definitions sent with it. */
  toolBytes: number;
  maxOutputTokens: number;
}

export function budgetGuard(ledger: BudgetLedger, call: BudgetCall, logger?: Logger): CallGuard {
  const inputBound = promptTokenBound(call.messages, call.toolBytes);
  return {
    async admit(c) {
      const micros = worstCaseMicros(c.model, inputBound, call.maxOutputTokens) ?? 0;
      let r;
      try {
        r = await ledger.reserve(call.tenantId, call.timeZone, micros);
      } catch (err) {
        logger?.warn({ err, tenantId: call.tenantId }, "budget counter unavailable; no paid model call this time");
        return { refused: "budget unavailable" };
      }
      if (!r) return { refused: "budget: hard limit" };
      const reservation = r;
      return {
        async done(o) {
          const actual = "skipped" in o || !o.ok ? 0 : usageRecord(c.tier, c.provider, c.model, o.message).record.costMicros;
          try {
            await ledger.settle(reservation, actual);
          } catch (err) {
            logger?.warn({ err, tenantId: call.tenantId }, "could not settle a budget reservation");
          }
        },
      } satisfies Admission;
    },
  };
}
