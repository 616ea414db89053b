// AI images against the tenant's model budget (agent/budget): reserve the worst case of one
// image before the call, settle to the real cost after it, and write the call to the usage
// ledger (ModelUsage, tier "smart": a premium, paid call) so reports and budgets include it.
import type { BudgetLedger } from "../../../agent/budget/ledger.js";
import type { Db } from "../../../core/db.js";
import type { ImageReservation, ImageSpend } from "./planner.js";

/** Worst case of one generated image, micro-USD: gpt-image-1 at high quality (≈ 4,160 image tokens at $40/M) plus its prompt. */
export const IMAGE_WORST_CASE_MICROS = 200_000;

export function imageSpend(budget: Pick<BudgetLedger, "reserve" | "settle">, db: Pick<Db, "modelUsage">): ImageSpend {
  return {
    async reserve(tenantId, timeZone) {
      const r = await budget.reserve(tenantId, timeZone, IMAGE_WORST_CASE_MICROS);
      return r ? ({ ...r } as ImageReservation) : null;
    },
    async record(tenantId, reservation, cost) {
      await budget.settle(reservation as unknown as Parameters<BudgetLedger["settle"]>[0], cost.costMicros);
      if (cost.provider === "local" || !cost.model) return; // the branded card is free: nothing was called
      await db.modelUsage.create({
        data: {
          tenantId, tier: "smart", provider: cost.provider, model: cost.model,
          inputTokens: cost.inputTokens, outputTokens: cost.outputTokens, costMicros: BigInt(cost.costMicros),
        },
      });
    },
  };
}
