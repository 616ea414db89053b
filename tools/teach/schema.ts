// teach_fact (owners only): store a fact the owner states in chat as knowledge.
import { z } from "zod";

export const TEACH_FACT = "teach_fact";

export const teachFactSchema = z.object({
  fact: z.string().trim().min(3).max(1000).describe("The fact to remember, as a full sentence about the business."),
  title: z.string().trim().min(1).max(80).describe("A short title for the fact (a few words).").optional(),
  replaces_entry_id: z
    .string()
    .uuid()
    .describe("Only when this fact contradicts an earlier owner note seen in knowledge_search results: that note's entryId. It stops being used.")
    .optional(),
});

export type TeachFactArgs = z.infer<typeof teachFactSchema>;

export const teachFactDescription =
  "Remember a fact the owner tells you about the business (hours, prices, policies, closures), so " +
  "customers' questions are answered from it. Use it only when the owner asks you to remember or note something. " +
  "Where it disagrees with older knowledge, the newer fact wins when answering.";
