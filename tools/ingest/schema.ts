// ingestion_status (owners only): how the documents the owner sent are doing.
import { z } from "zod";

export const INGESTION_STATUS = "ingestion_status";

export const ingestionStatusSchema = z.object({
  name: z
    .string().trim().min(1).max(120)
    .describe("Part of a document's name to look for (e.g. \"price list\"); leave out to list recent documents.")
    .optional(),
});

export type IngestionStatusArgs = z.infer<typeof ingestionStatusSchema>;

export const ingestionStatusDescription =
  "Show the documents (PDFs, FAQ CSVs, text) the owner added to the assistant's knowledge and how far each one is: " +
  "queued, being added (with progress), done (with how many entries), or failed (with why). Use it when the owner " +
  "asks whether an upload is finished or which documents they have added.";
