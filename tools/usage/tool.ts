// usage_report: the owner's "how much has the assistant cost this month?" — read through
// UsageSource for the run's tenant only (never an argument), formatted in format.ts.
import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import { usageText } from "./format.js";
import { USAGE_REPORT, usageReportDescription, usageReportSchema } from "./schema.js";
import type { UsageSource } from "./types.js";

export function usageReportTool(usage: UsageSource) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, USAGE_REPORT);
      return usageText(await usage.summary(ctx.tenantId, args.month));
    },
    { name: USAGE_REPORT, description: usageReportDescription, schema: usageReportSchema },
  );
}
