// What a turn's nodes know about the turn, carried in the run's `configurable` (set in
// code by runTurn; never derived from model output).
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { toolConfigurable } from "../tools/registry.js";
import type { MemoryAccess, RememberedFact, Role, TenantProfile } from "./types.js";

export interface TurnContext {
  tenant: TenantProfile;
  role: Role;
  channel: string;
  conversationId: string;
  contactName: string | null;
  /** The contact of the conversation: memory tools act on this one only. */
  contactId?: string;
  /** The contact's remembered facts (TurnInput.memory); only when memoryAccess is "full". */
  memory?: RememberedFact[];
  /** TurnInput.memoryAccess, passed to the memory tools; missing (e.g. an owner's resumed approval) → they refuse. */
  memoryAccess?: MemoryAccess;
  /** The name the contact gave us (memory), used by the local tier's greetings. */
  rememberedName?: string | null;
  /** ISO time the turn started (the prompt's "now"). */
  now: string;
}

const KEY = "growai_turn";

export function turnConfigurable(turn: TurnContext): Record<string, unknown> {
  return {
    thread_id: turn.conversationId,
    ...toolConfigurable({
      tenantId: turn.tenant.id, role: turn.role, conversationId: turn.conversationId, ...(turn.contactId ? { contactId: turn.contactId } : {}),
      ...(turn.memoryAccess ? { memoryAccess: turn.memoryAccess } : {}),
    }),
    [KEY]: turn,
  };
}

export function turnFrom(config: LangGraphRunnableConfig | undefined): TurnContext {
  const turn = config?.configurable?.[KEY] as TurnContext | undefined;
  if (!turn?.tenant?.id) throw new Error("agent run without a turn context");
  if (config?.configurable?.tenantId !== turn.tenant.id) throw new Error("turn context and tool tenant disagree");
  return turn;
}
