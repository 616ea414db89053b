// my_memory / forget_my_memory (leads): what the business remembers about the person
// talking, and deleting it. Neither schema names a contact: the contact is the one of the
// conversation, taken from the run context, so a model cannot point them at someone else.
import { z } from "zod";

export const MY_MEMORY = "my_memory";
export const FORGET_MY_MEMORY = "forget_my_memory";

export const myMemorySchema = z.object({});

export const MEMORY_KINDS = ["all", "name", "preference", "last_service", "language"] as const;
export const forgetMyMemorySchema = z.object({
  kind: z.enum(MEMORY_KINDS).describe('What to forget: "all" (default) or one kind of fact.').optional(),
});

export type ForgetMyMemoryArgs = z.infer<typeof forgetMyMemorySchema>;

export const myMemoryDescription =
  "Tell the customer what you remember about them (name, preferences, last service, language) and where you learnt it. " +
  'Use it when they ask "what do you remember/know about me?".';
export const forgetMyMemoryDescription =
  "Delete what you remember about the customer you are talking to: everything, or one kind (e.g. only their name). " +
  'Use it when they ask you to forget them, delete their data, or forget one thing ("forget my name").';
