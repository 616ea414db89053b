import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import type { KnowledgeAdmin } from "../owner/types.js";
import { TEACH_FACT, teachFactDescription, teachFactSchema } from "./schema.js";

export const TAUGHT_TAG = "taught-in-chat";
const TITLE_WORDS = 6;

/** "we're closed on mondays" → "We're closed on mondays." */
export function asSentence(fact: string): string {
  const t = fact.replace(/\s+/g, " ").trim();
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function titleFor(sentence: string): string {
  const words = sentence.replace(/[.!?]+$/, "").split(" ");
  return words.length <= TITLE_WORDS ? words.join(" ") : `${words.slice(0, TITLE_WORDS).join(" ")}…`;
}

export function teachFactTool(admin: KnowledgeAdmin) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, TEACH_FACT);
      const content = asSentence(args.fact);
      const title = args.title ?? titleFor(content);
      const { created } = await admin.addEntry(ctx.tenantId, { title, content, source: "chat", tags: [TAUGHT_TAG] });
      return created ? `Saved — I'll remember: “${content}”` : `I already knew that: “${content}”`;
    },
    { name: TEACH_FACT, description: teachFactDescription, schema: teachFactSchema },
  );
}
