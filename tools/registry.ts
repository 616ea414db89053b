// Which tools exist in a turn is decided here, in code, from the role — never by a prompt.
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { KnowledgeStore } from "../knowledge/types.js";
import type { ToolRole } from "./context.js";
import { requestHumanTool } from "./handoff/tool.js";
import { knowledgeSearchTool } from "./knowledge/tool.js";

export interface ToolDeps {
  knowledge: KnowledgeStore;
}

type ToolFactory = (deps: ToolDeps) => StructuredToolInterface;

const COMMON: ToolFactory[] = [(d) => knowledgeSearchTool(d.knowledge), () => requestHumanTool()];
/** Leads' own tools (availability, booking, paying their own booking) slot in here. */
const LEAD_ONLY: ToolFactory[] = [];
/** Owners' tools (campaigns, creatives, reports, teaching knowledge) slot in here. */
const OWNER_ONLY: ToolFactory[] = [];

const BY_ROLE: Record<ToolRole, ToolFactory[]> = {
  lead: [...COMMON, ...LEAD_ONLY],
  owner: [...COMMON, ...OWNER_ONLY],
};

export function toolsFor(role: ToolRole, deps: ToolDeps): StructuredToolInterface[] {
  const factories = BY_ROLE[role];
  if (!factories) throw new Error(`unknown role: ${String(role)}`);
  return factories.map((make) => make(deps));
}

export { KNOWLEDGE_SEARCH } from "./knowledge/schema.js";
export { REQUEST_HUMAN } from "./handoff/schema.js";
export { toolConfigurable, toolContextFrom, type ToolContext, type ToolRole } from "./context.js";
export { parseSearchResult, type SearchResult, type SearchResultHit } from "./knowledge/handler.js";
