// ingestion_status: the owner's documents, newest first (or those matching a name), with
// progress, results and failures, read through DocumentStatusSource for the run's tenant only.
import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import { nameMatches, statusLine } from "./format.js";
import { INGESTION_STATUS, ingestionStatusDescription, ingestionStatusSchema } from "./schema.js";
import type { DocumentStatusSource } from "./types.js";

const SHOWN = 8;

export function ingestionStatusTool(documents: DocumentStatusSource, now: () => Date = () => new Date()) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, INGESTION_STATUS);
      const all = await documents.list(ctx.tenantId, { limit: 50 });
      if (!all.length) {
        return "You haven't added any documents yet. Send me a PDF, a FAQ spreadsheet saved as CSV (question, answer columns) or a text file and I'll learn from it.";
      }
      const at = now();
      const matching = args.name ? all.filter((d) => nameMatches(d.name, args.name!)) : all;
      if (args.name && !matching.length) {
        const recent = all.slice(0, SHOWN).map((d) => statusLine(d, at));
        return [`I don't have a document matching “${args.name}”. Your recent documents:`, ...recent].join("\n");
      }
      const shown = matching.slice(0, SHOWN).map((d) => statusLine(d, at));
      const more = matching.length > SHOWN ? [`…and ${matching.length - SHOWN} more.`] : [];
      const head = args.name ? (matching.length === 1 ? "" : `Documents matching “${args.name}”:`) : "Your documents:";
      return [head, ...shown, ...more].filter(Boolean).join("\n").replace(/^• /, "");
    },
    { name: INGESTION_STATUS, description: ingestionStatusDescription, schema: ingestionStatusSchema },
  );
}
