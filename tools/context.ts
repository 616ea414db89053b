// The run context every tool reads: set in code by Agent.runTurn through the run's
// `configurable`, never taken from the model's arguments. A missing tenant is an error,
// never a default.
import type { RunnableConfig } from "@langchain/core/runnables";
import { AppError } from "../core/errors.js";

export type ToolRole = "lead" | "owner";
/** See agent/types.ts MemoryAccess: only "full" lets the memory tools read or delete. */
export type ToolMemoryAccess = "full" | "learn_only";

export interface ToolContext {
  tenantId: string;
  role: ToolRole;
  conversationId: string;
  /** Whose conversation this is (set by runTurn); tools about "me" act on this contact only. */
  contactId?: string;
  /** Set by the channel layer (a call with unverified caller ID: "learn_only"); missing → the memory tools refuse. */
  memoryAccess?: ToolMemoryAccess;
}

/** The keys runTurn puts into `config.configurable`. */
export function toolConfigurable(ctx: ToolContext): Record<string, string> {
  return {
    tenantId: ctx.tenantId, role: ctx.role, conversationId: ctx.conversationId,
    ...(ctx.contactId ? { contactId: ctx.contactId } : {}), ...(ctx.memoryAccess ? { memoryAccess: ctx.memoryAccess } : {}),
  };
}

export function toolContextFrom(config: RunnableConfig | undefined): ToolContext {
  const c = (config?.configurable ?? {}) as Record<string, unknown>;
  const { tenantId, role, conversationId } = c;
  if (typeof tenantId !== "string" || tenantId.length === 0) {
    throw new AppError("internal", "tool called without a tenant in the run context");
  }
  if (role !== "lead" && role !== "owner") {
    throw new AppError("internal", "tool called without a role in the run context");
  }
  if (typeof conversationId !== "string" || conversationId.length === 0) {
    throw new AppError("internal", "tool called without a conversation in the run context");
  }
  const contactId = typeof c.contactId === "string" && c.contactId.length > 0 ? c.contactId : undefined;
  const memoryAccess = c.memoryAccess === "full" || c.memoryAccess === "learn_only" ? c.memoryAccess : undefined;
  return { tenantId, role, conversationId, ...(contactId ? { contactId } : {}), ...(memoryAccess ? { memoryAccess } : {}) };
}

/** The context of a tool about the person talking (their memory): no contact → it refuses. */
export function contactContextFrom(config: RunnableConfig | undefined, toolName: string): ToolContext & { contactId: string } {
  const ctx = toolContextFrom(config);
  if (!ctx.contactId) throw new AppError("internal", `${toolName} called without a contact in the run context`);
  return { ...ctx, contactId: ctx.contactId };
}

/**
 * The context of an owner-only tool. The registry never gives these tools to a lead; this
 * second check makes a wiring mistake fail closed instead of leaking owner data.
 */
export function ownerContextFrom(config: RunnableConfig | undefined, toolName: string): ToolContext {
  const ctx = toolContextFrom(config);
  if (ctx.role !== "owner") throw new AppError("forbidden", `${toolName} is not available in this conversation`);
  return ctx;
}
