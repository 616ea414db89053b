// The consent ledger, shared by every channel. A message that is only a consent keyword
// (the carriers' standard set) changes the contact's consent instead of reaching the agent:
//   STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT → opted out (confirmed once)
//   START, UNSTOP → opted in;  YES → opted in only when opted out (else it is an answer)
//   HELP → the business's help text
// Opted-out contacts get no marketing on any channel (the outbox checks at send time), and
// nothing at all by SMS, where carriers refuse it (Twilio 21610).
import type { PipelineDeps } from "./deps.js";
import { startMessage } from "./outbound.js";
import type { Channel } from "../../core/repos/tenants.js";

export type ConsentKeyword = "opt_out" | "opt_in" | "opt_in_if_out" | "help";

const KEYWORDS: Record<string, ConsentKeyword> = {
  stop: "opt_out", stopall: "opt_out", unsubscribe: "opt_out", cancel: "opt_out", end: "opt_out", quit: "opt_out",
  start: "opt_in", unstop: "opt_in", yes: "opt_in_if_out",
  help: "help",
};

/** The keyword a whole message is, if it is one (case, spaces and trailing punctuation ignored). */
export function consentKeyword(text: string): ConsentKeyword | null {
  const word = text.trim().toLowerCase().replace(/[.!?\s]+$/u, "");
  return KEYWORDS[word] ?? null;
}

export interface ConsentContext {
  tenantId: string;
  tenantName: string;
  helpText: string | null;
  contactId: string;
  channel: Channel;
  address: string;
  messageId: string;
}

/** Apply a consent keyword. Returns false when the message should go to the agent after all. */
export async function handleConsent(d: PipelineDeps, keyword: ConsentKeyword, c: ConsentContext): Promise<boolean> {
  let text: string | null = null;
  if (keyword === "help") {
    text = c.helpText ?? `This is ${c.tenantName}'s assistant. Ask us anything. Reply STOP to unsubscribe, START to resubscribe.`;
  } else if (keyword === "opt_out") {
    const { changed } = await d.contacts.setConsent(c.tenantId, c.contactId, "opted_out");
    if (changed) text = `You're unsubscribed from ${c.tenantName} messages. Reply START to resubscribe.`;
  } else {
    const current = await d.contacts.consentOf(c.tenantId, c.contactId);
    if (keyword === "opt_in_if_out" && current !== "opted_out") return false;
    const { changed } = await d.contacts.setConsent(c.tenantId, c.contactId, "opted_in");
    if (changed) text = `You're subscribed to ${c.tenantName} messages again. Reply STOP to unsubscribe.`;
  }
  await d.messages.markHandled(c.tenantId, [c.messageId]);
  if (text) {
    await startMessage(d, {
      tenantId: c.tenantId, channel: c.channel, address: c.address, text, purpose: "consent", idempotencyKey: `consent:${c.messageId}`,
    });
  }
  d.logger.info({ tenantId: c.tenantId, contactId: c.contactId, keyword, confirmed: Boolean(text) }, "consent keyword");
  return true;
}
