// forget_knowledge (owners only, needs approval): delete one knowledge entry.
import { z } from "zod";

export const FORGET_KNOWLEDGE = "forget_knowledge";

export const forgetKnowledgeSchema = z.object({
  query: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe("The title of the entry to delete, or words that identify it (e.g. \"parking\")."),
});

export type ForgetKnowledgeArgs = z.infer<typeof forgetKnowledgeSchema>;

/** The action an owner approves; it travels through the interrupt and back. */
export const forgetActionSchema = z.object({
  tool: z.literal(FORGET_KNOWLEDGE),
  entryId: z.string().min(1),
  title: z.string(),
});
export type ForgetAction = z.infer<typeof forgetActionSchema>;

export const forgetKnowledgeDescription =
  "Delete one entry from the business's knowledge, found by its title or by words in it. " +
  "The owner is asked to approve with buttons before anything is deleted; do not ask for confirmation yourself. " +
  "If several entries match, the tool lists them so the owner can name one.";
