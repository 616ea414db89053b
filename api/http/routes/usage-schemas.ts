// Request schemas of the budget and usage admin routes (routes/usage.ts). The budget body
// itself is agent/budget's schema: integer micro-units of the price table's currency.
import { z } from "zod";
export { budgetSchema } from "../../../agent/budget/types.js";

export const usageQuerySchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM").optional(),
});
