import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import type { ContactDirectory, ContactSummary } from "../owner/types.js";
import { LIST_CONTACTS, listContactsDescription, listContactsSchema } from "./schema.js";

export const DEFAULT_CONTACTS = 10;
const CONSENT: Record<ContactSummary["consent"], string> = {
  opted_in: "opted in",
  opted_out: "opted out",
  unknown: "not asked",
};

function line(c: ContactSummary, i: number): string {
  const when = c.lastMessageAt ? c.lastMessageAt.toISOString().slice(0, 10) : "never";
  return `${i + 1}. ${c.name?.trim() || "(no name)"} — ${c.channel}, last message ${when}, marketing: ${CONSENT[c.consent] ?? c.consent}`;
}

/** Plain text the owner can read as is (the local tier passes it through). */
export function formatContacts(contacts: ContactSummary[], query?: string): string {
  if (contacts.length === 0) return query ? `No customers match “${query}”.` : "No customers yet.";
  const head = query ? `Customers matching “${query}”:` : `Your ${contacts.length} most recent customers:`;
  return [head, ...contacts.map(line)].join("\n");
}

export function listContactsTool(directory: ContactDirectory) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, LIST_CONTACTS);
      const limit = args.limit ?? DEFAULT_CONTACTS;
      const contacts = await directory.listContacts(ctx.tenantId, { limit, ...(args.query ? { query: args.query } : {}) });
      return formatContacts(contacts.slice(0, limit), args.query);
    },
    { name: LIST_CONTACTS, description: listContactsDescription, schema: listContactsSchema },
  );
}
