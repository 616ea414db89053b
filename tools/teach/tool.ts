// teach_fact (owners only): store a fact the owner states in chat as knowledge, at once.
// Newer wins: the reply names the older entry on the same subject, which answers now give
// way to (agent/models/compose.ts, the LLM prompt); an explicit `replaces_entry_id` (an
// earlier owner note the model saw contradicting this one) is superseded and leaves search.
// Similar wording is never taken as a contradiction by itself — "closed on Christmas Day"
// and "closed on Boxing Day too" are as alike as "closed Mondays" and "open Mondays".
import { tool } from "@langchain/core/tools";
import type { KnowledgeHit, KnowledgeStore } from "../../knowledge/types.js";
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

const quote = (h: Pick<KnowledgeHit, "title" | "text">) => {
  const text = h.text.length > 120 ? `${h.text.slice(0, 119).trimEnd()}…` : h.text;
  return h.title && !text.startsWith(h.title.replace(/…$/, "")) ? `${h.title}: ${text}` : text;
};

export function teachFactTool(search: Pick<KnowledgeStore, "search">, admin: KnowledgeAdmin, minScore: number) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, TEACH_FACT);
      const content = asSentence(args.fact);
      const title = args.title ?? titleFor(content);
      // what the assistant would have answered from before this fact (read before the write)
      const before = (await search.search(ctx.tenantId, content, { k: 3 })).filter((h) => h.score >= minScore);
      const note = { title, content, source: "chat", tags: [TAUGHT_TAG] };
      let { entry, created } = await admin.addEntry(ctx.tenantId, note);
      // Re-teaching an earlier note that something newer had replaced or outdated makes it
      // the newest word again: it is written afresh, and a note that had explicitly replaced
      // it is replaced in turn. Seeded or document knowledge with the same words is left as is.
      let replaces = args.replaces_entry_id;
      const since = entry.updatedAt.getTime();
      const outdated = entry.supersededById !== null || before.some((h) => h.entryId !== entry.id && h.source === "chat" && h.updatedAt.getTime() > since);
      if (!created && entry.source === "chat" && (outdated || replaces)) {
        replaces ??= entry.supersededById ?? undefined;
        await admin.deleteEntry(ctx.tenantId, entry.id);
        ({ entry, created } = await admin.addEntry(ctx.tenantId, note));
      }
      if (!created) return `I already knew that: “${content}”`;
      const lines = [`Saved — I'll remember: “${content}”`];
      if (replaces) {
        // only an earlier owner note is replaced wholesale; seeded or document knowledge just gives way
        const target = await admin.getEntry(ctx.tenantId, replaces);
        const replaced = target?.source === "chat" && (await admin.supersede(ctx.tenantId, target.id, entry.id));
        if (replaced) lines.push(`It replaces “${quote({ title: target.title, text: target.content })}”, which I won't use any more.`);
        else lines.push("(I couldn't find the earlier note it replaces, so nothing else changed.)");
      } else {
        const older = before.find((h) => h.entryId !== entry.id);
        if (older) lines.push(`Where it differs from what I had — “${quote(older)}” — I'll go with this newer note.`);
      }
      return lines.join(" ");
    },
    { name: TEACH_FACT, description: teachFactDescription, schema: teachFactSchema },
  );
}
