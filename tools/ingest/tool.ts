// ingestion_status: the owner's documents, newest first (or those matching a name, looked
// up by the source's query so an old document is found too), with progress, results and
// failures, read through DocumentStatusSource for the run's tenant only.
import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import { nameMatches, queryWords, statusLine } from "./format.js";
import { INGESTION_STATUS, ingestionStatusDescription, ingestionStatusSchema } from "./schema.js";
import type { DocumentStatusItem, DocumentStatusSource } from "./types.js";

const SHOWN = 8;
const RECENT = 50;
const NONE =
  "You haven't added any documents yet. Send me a PDF, a FAQ spreadsheet saved as CSV (question, answer columns) or a text file and I'll learn from it.";

export function ingestionStatusTool(documents: DocumentStatusSource, now: () => Date = () => new Date()) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, INGESTION_STATUS);
      const recent = () => documents.list(ctx.tenantId, { limit: RECENT });
      const at = now();
      let matching: DocumentStatusItem[];
      if (args.name) {
        const want = queryWords(args.name);
        // the words go to the query (every document, however old); the loose match ("pricelist"
        // ~ "Price-List.pdf") then checks them, and covers recent names the query cannot
        matching = want.length ? (await documents.list(ctx.tenantId, { limit: RECENT, nameWords: want })).filter((d) => nameMatches(d.name, args.name!)) : [];
        if (!matching.length) {
          const all = await recent();
          matching = all.filter((d) => nameMatches(d.name, args.name!));
          if (!all.length) return NONE;
          if (!matching.length) {
            return [`I don't have a document matching “${args.name}”. Your recent documents:`, ...all.slice(0, SHOWN).map((d) => statusLine(d, at))].join("\n");
          }
        }
      } else {
        matching = await recent();
        if (!matching.length) return NONE;
      }
      const shown = matching.slice(0, SHOWN).map((d) => statusLine(d, at));
      const more = matching.length > SHOWN ? [`…and ${matching.length - SHOWN} more.`] : [];
      const head = args.name ? (matching.length === 1 ? "" : `Documents matching “${args.name}”:`) : "Your documents:";
      return [head, ...shown, ...more].filter(Boolean).join("\n").replace(/^• /, "");
    },
    { name: INGESTION_STATUS, description: ingestionStatusDescription, schema: ingestionStatusSchema },
  );
}
