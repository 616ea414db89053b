// The tool itself only acknowledges: the agent graph sees a successful request_human call
// and sets `handoff` on the turn result; the pipeline notifies the business.
import { tool } from "@langchain/core/tools";
import { toolContextFrom } from "../context.js";
import { REQUEST_HUMAN, requestHumanDescription, requestHumanSchema } from "./schema.js";

export function requestHumanTool() {
  return tool(
    async (args, config) => {
      const ctx = toolContextFrom(config);
      return JSON.stringify({ handoff: "requested", conversationId: ctx.conversationId, reason: args.reason ?? null });
    },
    { name: REQUEST_HUMAN, description: requestHumanDescription, schema: requestHumanSchema },
  );
}
