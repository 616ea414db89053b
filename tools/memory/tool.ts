// The two memory tools. The contact and the access come only from the run context
// (contactContextFrom); their schemas have no contact or access field and zod drops any a
// model adds. Without "full" access (a call with unverified caller ID, or a run that does
// not say) they read and delete nothing and say why.
import { tool } from "@langchain/core/tools";
import type { ContactMemory, FactKey } from "../../knowledge/memory/types.js";
import { contactContextFrom } from "../context.js";
import { describeMemory, KIND_WORDS, MEMORY_REFUSAL } from "./format.js";
import {
  FORGET_MY_MEMORY, MY_MEMORY, forgetMyMemoryDescription, forgetMyMemorySchema, myMemoryDescription, myMemorySchema,
} from "./schema.js";

export function myMemoryTool(memory: ContactMemory) {
  return tool(
    async (_args, config) => {
      const ctx = contactContextFrom(config, MY_MEMORY);
      if (ctx.memoryAccess !== "full") return MEMORY_REFUSAL;
      return describeMemory(await memory.list(ctx.tenantId, ctx.contactId));
    },
    { name: MY_MEMORY, description: myMemoryDescription, schema: myMemorySchema },
  );
}

export function forgetMyMemoryTool(memory: ContactMemory) {
  return tool(
    async (args, config) => {
      const ctx = contactContextFrom(config, FORGET_MY_MEMORY);
      if (ctx.memoryAccess !== "full") return MEMORY_REFUSAL;
      const kind = args.kind ?? "all";
      const deleted = await memory.forget(ctx.tenantId, ctx.contactId, kind === "all" ? undefined : (kind as FactKey));
      const what = KIND_WORDS[kind] ?? kind;
      return deleted > 0 ? `Done — I've forgotten ${what}.` : `There was nothing to forget: I had no record of ${what}.`;
    },
    { name: FORGET_MY_MEMORY, description: forgetMyMemoryDescription, schema: forgetMyMemorySchema },
  );
}
