// Outside WhatsApp's 24-hour customer-service window free-form text is not attempted.
// In order: the tenant's approved template (the reply as its body variable); else an SMS
// to the contact's number when the business has SMS and the contact has not opted out;
// else the reply is held and reported (admin API), and goes out if the contact writes again.
import type { OutboundMessage } from "../../channels/types.js";
import type { PipelineDeps } from "./deps.js";
import { startMessage } from "./outbound.js";

export type OutsideWindow =
  | { kind: "template"; template: NonNullable<OutboundMessage["template"]> }
  | { kind: "sms"; reason: string }
  | { kind: "held"; reason: string };

export async function sendOutsideWindow(
  d: PipelineDeps,
  m: { tenantId: string; messageId: string; contactId: string; text: string; windowHours: number; consent: string },
): Promise<OutsideWindow> {
  const settings = await d.tenants.settings(m.tenantId);
  if (settings.whatsappTemplate) {
    const { name, language } = settings.whatsappTemplate;
    return { kind: "template", template: { name, language, bodyParameters: [m.text] } };
  }
  const phone = m.consent === "opted_out" ? null : await d.contacts.phoneOf(m.tenantId, m.contactId);
  if (phone && (await d.tenants.accountFor(m.tenantId, "sms"))) {
    const sms = await startMessage(d, {
      tenantId: m.tenantId, channel: "sms", address: phone, text: m.text, purpose: "fallback", idempotencyKey: `fallback:${m.messageId}`,
    });
    return { kind: "sms", reason: `outside the ${m.windowHours}-hour window: sent by SMS instead (message ${sms.messageId})` };
  }
  return { kind: "held", reason: `outside the ${m.windowHours}-hour window and no approved template or SMS route: held until the contact writes again` };
}
