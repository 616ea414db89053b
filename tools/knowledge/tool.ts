import { tool } from "@langchain/core/tools";
import type { KnowledgeStore } from "../../knowledge/types.js";
import { toolContextFrom } from "../context.js";
import { searchKnowledge } from "./handler.js";
import { KNOWLEDGE_SEARCH, knowledgeSearchDescription, knowledgeSearchSchema } from "./schema.js";

export function knowledgeSearchTool(store: KnowledgeStore) {
  return tool(
    async (args, config) => JSON.stringify(await searchKnowledge(store, toolContextFrom(config), args)),
    { name: KNOWLEDGE_SEARCH, description: knowledgeSearchDescription, schema: knowledgeSearchSchema },
  );
}
