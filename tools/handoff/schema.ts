// request_human: the conversation should be taken over by a person from the business.
import { z } from "zod";

export const REQUEST_HUMAN = "request_human";

export const requestHumanSchema = z.object({
  reason: z.string().trim().max(300).describe("One short sentence: why a person is needed.").optional(),
});

export type RequestHumanArgs = z.infer<typeof requestHumanSchema>;

export const requestHumanDescription =
  "Hand this conversation to a person from the business. Use it when the customer asks for a " +
  "human, owner or manager, or when you cannot help from the knowledge search results.";
