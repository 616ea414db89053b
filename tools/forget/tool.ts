// forget_knowledge: find the entry (read-only), pause for the owner's approval, then delete
// exactly the entry that was shown. Deleting is idempotent: a second approval of the same
// entry finds it gone and says so.
import { tool } from "@langchain/core/tools";
import { AppError } from "../../core/errors.js";
import type { KnowledgeStore } from "../../knowledge/types.js";
import { approvalId, awaitApproval, settled } from "../approval.js";
import { ownerContextFrom } from "../context.js";
import type { KnowledgeAdmin } from "../owner/types.js";
import { findEntries } from "./find.js";
import { FORGET_KNOWLEDGE, forgetActionSchema, forgetKnowledgeDescription, forgetKnowledgeSchema, type ForgetAction } from "./schema.js";

const SNIPPET = 80;
const snippet = (t: string) => (t.length <= SNIPPET ? t : `${t.slice(0, SNIPPET - 1).trimEnd()}…`);

export function forgetKnowledgeTool(store: Pick<KnowledgeStore, "search">, admin: KnowledgeAdmin, minScore: number) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, FORGET_KNOWLEDGE);
      const callId = config.toolCall?.id;
      if (!callId) throw new AppError("internal", "forget_knowledge needs a tool call id");
      const found = await findEntries(store, admin, ctx.tenantId, args.query, minScore);
      if (found.length === 0) return [`I couldn't find a knowledge entry about “${args.query}”. Nothing was deleted.`, null];
      if (found.length > 1) {
        const titles = found.map((e) => `“${e.title}”`).join(", ");
        return [`Several entries match “${args.query}”: ${titles}. Which one should I forget? Tell me its title.`, null];
      }
      const entry = found[0]!;
      const id = approvalId(ctx.conversationId, callId);
      const summary = `Delete the knowledge entry “${entry.title}” (“${snippet(entry.content)}”)`;
      const proposed: ForgetAction = { tool: FORGET_KNOWLEDGE, entryId: entry.id, title: entry.title };
      const answer = awaitApproval({ kind: "approval", id, tenantId: ctx.tenantId, summary, action: proposed });
      if (answer.decision === "reject") {
        return [`Cancelled — “${entry.title}” stays in the knowledge base.`, settled(id, "rejected", summary)];
      }
      const action = forgetActionSchema.parse(answer.action);
      const deleted = await admin.deleteEntry(ctx.tenantId, action.entryId);
      const text = deleted
        ? `Done — I deleted “${action.title}” from the knowledge base.`
        : `“${action.title}” was already gone — nothing to delete.`;
      return [text, settled(id, "approved", summary)];
    },
    {
      name: FORGET_KNOWLEDGE,
      description: forgetKnowledgeDescription,
      schema: forgetKnowledgeSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
