// Human handoff. A lead asks for a person (or the agent decides): the conversation becomes
// a person's, the owner is told on their channel with the latest messages and a code;
// the owner answers by quoting the notification (WhatsApp), replying in its thread
// (Slack) or starting with "#CODE"; "done #CODE" gives it back to the assistant. While a
// person owns it the assistant is silent and forwards what the lead writes.
import type { Channel } from "../../core/repos/tenants.js";
import type { PipelineDeps } from "./deps.js";
import { startMessage } from "./outbound.js";

/** Where owners are told, best first, among channels the tenant has an account on. */
const OWNER_CHANNELS: Channel[] = ["slack", "whatsapp", "sms"];
const CODE_RE = /#([A-HJ-NP-Z2-9]{4})\b/i;
const DONE_RE = /^\s*(done|hand ?back|back to (the )?(bot|assistant))\b/i;

/** The owner to tell (first on Slack, then WhatsApp, then SMS, where the tenant has an account); shared with budget notices. */
export async function ownerTarget(d: Pick<PipelineDeps, "tenants">, tenantId: string): Promise<{ channel: Channel; address: string } | null> {
  const owners = await d.tenants.listOwners(tenantId);
  for (const channel of OWNER_CHANNELS) {
    const owner = owners.find((o) => o.channel === channel);
    if (owner && (await d.tenants.accountFor(tenantId, channel))) return { channel, address: owner.address };
  }
  return null;
}

export async function startHandoff(
  d: PipelineDeps,
  h: { tenantId: string; conversationId: string; contactLabel: string; channel: string; recent: string[]; reason: string | null },
): Promise<"notified" | "no-owner" | "already-open"> {
  const target = await ownerTarget(d, h.tenantId);
  if (!target) {
    d.logger.warn({ tenantId: h.tenantId, conversationId: h.conversationId }, "a person was asked for, but no owner can be told");
    return "no-owner";
  }
  const handoff = await d.handoffs.open({
    tenantId: h.tenantId, conversationId: h.conversationId, ownerChannel: target.channel, ownerAddress: target.address, reason: h.reason,
  });
  if (!handoff) return "already-open";
  const text = [
    `🙋 ${h.contactLabel} (${h.channel}) would like to talk to a person — #${handoff.code}`,
    "",
    "Latest messages:",
    ...h.recent.slice(-5).map((t) => `• ${t.slice(0, 300)}`),
    "",
    `Reply to this message to answer them (or start with #${handoff.code}). Send "done #${handoff.code}" to hand the chat back to the assistant.`,
  ].join("\n");
  const { messageId } = await startMessage(d, {
    tenantId: h.tenantId, channel: target.channel, address: target.address, text, purpose: "notification",
    idempotencyKey: `handoff:${handoff.id}`, handoffId: handoff.id,
  });
  await d.handoffs.setNotification(h.tenantId, handoff.id, messageId);
  return "notified";
}

/** A lead wrote while a person owns the conversation: pass it on, in the handoff's thread. */
export async function forwardToOwner(d: PipelineDeps, tenantId: string, conversationId: string, messageId: string, text: string, label: string): Promise<boolean> {
  const handoff = await d.handoffs.openFor(tenantId, conversationId);
  if (!handoff) return false;
  const anchor = handoff.notificationMessageId ? await d.messages.providerIdOf(tenantId, handoff.notificationMessageId) : null;
  await startMessage(d, {
    tenantId, channel: handoff.ownerChannel, address: handoff.ownerAddress, text: `${label} (#${handoff.code}): ${text}`,
    purpose: "relay", idempotencyKey: `fwd:${messageId}`, handoffId: handoff.id,
    ...(anchor ? { replyTo: anchor, threadId: slackTs(anchor) } : {}),
  });
  await d.messages.markHandled(tenantId, [messageId]);
  return true;
}

/**
 * An owner's message that belongs to a handoff (quoted notification, its thread, or a
 * #CODE): relay it to the lead or hand the chat back. Returns false for anything else,
 * which then goes to the assistant as an owner's turn.
 */
export async function routeOwnerMessage(
  d: PipelineDeps,
  m: { tenantId: string; messageId: string; text: string; contextMessageId?: string; threadId?: string },
): Promise<boolean> {
  const handoff = await findHandoff(d, m);
  if (!handoff) return false;
  const ownerReply = (text: string) =>
    startMessage(d, {
      tenantId: m.tenantId, channel: handoff.ownerChannel, address: handoff.ownerAddress, text, purpose: "notification",
      idempotencyKey: `handoff-ack:${m.messageId}`, ...(m.threadId ? { threadId: m.threadId } : {}),
    });
  const body = m.text.replace(CODE_RE, "").trim();
  await d.messages.markHandled(m.tenantId, [m.messageId]);
  if (handoff.status === "closed") {
    await ownerReply(`#${handoff.code} is already back with the assistant.`);
  } else if (DONE_RE.test(body)) {
    await d.handoffs.close(m.tenantId, handoff.id);
    await ownerReply(`Done — the assistant is answering #${handoff.code} again.`);
  } else if (body) {
    const conv = await d.conversations.get(m.tenantId, handoff.conversationId);
    await startMessage(d, {
      tenantId: m.tenantId, channel: conv.channel, address: conv.address, text: body, purpose: "relay", idempotencyKey: `relay:${m.messageId}`,
    });
  }
  return true;
}

async function findHandoff(d: PipelineDeps, m: { tenantId: string; text: string; contextMessageId?: string; threadId?: string }) {
  for (const ref of [m.contextMessageId, m.threadId]) {
    if (!ref) continue;
    const ours = await d.messages.findByProviderId(m.tenantId, ref);
    const handoffId = (ours?.payload as { handoffId?: string } | null)?.handoffId;
    if (handoffId) return d.handoffs.byId(m.tenantId, handoffId);
  }
  const code = CODE_RE.exec(m.text)?.[1];
  return code ? d.handoffs.byCode(m.tenantId, code) : null;
}

/** Slack provider ids are "<channel>:<ts>"; the thread is the ts. */
function slackTs(providerId: string): string {
  return providerId.includes(":") ? providerId.slice(providerId.lastIndexOf(":") + 1) : providerId;
}
