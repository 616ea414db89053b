// add_text_document (owners only): a longer text the owner pastes (a price list, a menu,
// policies) is added to knowledge as a document, split into sections like an uploaded file.
import { z } from "zod";

export const ADD_TEXT_DOCUMENT = "add_text_document";

export const addTextDocumentSchema = z.object({
  text: z.string().trim().min(40, "the text is too short for a document; use teach_fact for one fact").max(100_000)
    .describe("The full text to add, exactly as the owner pasted it (headings and line breaks kept)."),
  name: z.string().trim().min(1).max(120)
    .describe("A short name for it, e.g. \"Price list\"; sending the same name again replaces it.").optional(),
});

export type AddTextDocumentArgs = z.infer<typeof addTextDocumentSchema>;

export const addTextDocumentDescription =
  "Add a longer text the owner pastes (a price list, a menu, policies, FAQs) to the assistant's knowledge as a " +
  "document, so customers are answered from it. Sending the same name again replaces the earlier version. " +
  "For a single short fact use teach_fact instead.";
