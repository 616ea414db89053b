// list_contacts (owners only): the business's recent customers.
import { z } from "zod";

export const LIST_CONTACTS = "list_contacts";

export const listContactsSchema = z.object({
  query: z.string().trim().min(1).max(100).describe("Part of a customer's name to filter by.").optional(),
  limit: z.number().int().min(1).max(50).describe("How many customers at most (default 10).").optional(),
});

export type ListContactsArgs = z.infer<typeof listContactsSchema>;

export const listContactsDescription =
  "List the business's customers, most recent conversation first: name, channel, last message date " +
  "and marketing consent. Optionally filter by part of a name.";
