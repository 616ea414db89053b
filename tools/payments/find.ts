// Owners name a customer in words: find exactly one contact, or say why not.
import { isUuid } from "../../core/sql.js";
import type { PaymentTools } from "./types.js";

export async function findCustomer(
  payments: Pick<PaymentTools, "findContacts">, tenantId: string, customer: string,
): Promise<{ id: string; name: string } | { error: string }> {
  if (isUuid(customer)) return { id: customer, name: "the customer" };
  const found = await payments.findContacts(tenantId, customer);
  if (found.length === 0) return { error: `I couldn't find a customer called “${customer}”.` };
  const exact = found.filter((c) => c.displayName?.toLowerCase() === customer.toLowerCase());
  const pick = exact.length === 1 ? exact : found;
  if (pick.length > 1) return { error: `Several customers match “${customer}”: ${pick.map((c) => c.displayName).join(", ")}. Which one?` };
  return { id: pick[0]!.id, name: pick[0]!.displayName ?? customer };
}
