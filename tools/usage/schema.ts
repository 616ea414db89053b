// usage_report (owners only): what the assistant's model calls cost this month (or another).
import { z } from "zod";

export const USAGE_REPORT = "usage_report";

export const usageReportSchema = z.object({
  month: z
    .string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM")
    .describe("The month to report as YYYY-MM (e.g. \"2026-10\"); leave out for this month so far.")
    .optional(),
});

export type UsageReportArgs = z.infer<typeof usageReportSchema>;

export const usageReportDescription =
  "Report how much the assistant's AI model usage has cost the business: the month-to-date total and the split by tier " +
  "(local = free, fast, smart) with calls and tokens, and the monthly budget if one is set. Use it when the owner asks " +
  "what the assistant costs, how much was spent on AI, or how much budget is left.";
