// knowledge_search: what the model sees. The tenant is NOT part of the schema — it comes
// from the run context — and unknown keys the model sends are stripped by zod.
import { z } from "zod";

export const KNOWLEDGE_SEARCH = "knowledge_search";

export const knowledgeSearchSchema = z.object({
  query: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe("What to look up, in the customer's own words (a question or keywords)."),
});

export type KnowledgeSearchArgs = z.infer<typeof knowledgeSearchSchema>;

export const knowledgeSearchDescription =
  "Search this business's own knowledge (services, prices, opening hours, policies, FAQs). " +
  "Returns the best matching entries with a relevance score (higher is better). " +
  "Answer only from what it returns; if nothing relevant comes back, say you don't know.";
