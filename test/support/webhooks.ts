// Builders of WhatsApp webhook bodies in the Cloud API's wire format, with fresh ids and
// current timestamps, and the X-Hub-Signature-256 that Meta would send.
import { createHmac, randomBytes } from "node:crypto";

export const newWamid = () => `wamid.${randomBytes(18).toString("base64url")}`;
const now = () => String(Math.floor(Date.now() / 1000));

export function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "300000000000099",
        changes: [
          { field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550009999", phone_number_id: phoneNumberId }, ...value } },
        ],
      },
    ],
  };
}

export function textWebhook(o: { phoneNumberId: string; from: string; text: string; id?: string; name?: string; timestamp?: string; quote?: string }) {
  return envelope(o.phoneNumberId, {
    contacts: [{ profile: { name: o.name ?? "Test Lead" }, wa_id: o.from }],
    messages: [
      {
        from: o.from, id: o.id ?? newWamid(), timestamp: o.timestamp ?? now(), type: "text", text: { body: o.text },
        ...(o.quote ? { context: { from: "15550009999", id: o.quote } } : {}),
      },
    ],
  });
}

/** A tap on a reply button we sent (interactive button_reply), quoting that message. */
export function buttonReplyWebhook(o: { phoneNumberId: string; from: string; buttonId: string; title: string; quote?: string }) {
  return envelope(o.phoneNumberId, {
    contacts: [{ profile: { name: "Owner" }, wa_id: o.from }],
    messages: [
      {
        from: o.from, id: newWamid(), timestamp: now(), type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: o.buttonId, title: o.title } },
        ...(o.quote ? { context: { from: "15550009999", id: o.quote } } : {}),
      },
    ],
  });
}

export function statusWebhook(o: {
  phoneNumberId: string; recipient: string; id: string; status: "sent" | "delivered" | "read" | "failed";
  timestamp?: string; callbackData?: string; errorCode?: number;
}) {
  return envelope(o.phoneNumberId, {
    statuses: [
      {
        id: o.id, status: o.status, timestamp: o.timestamp ?? now(), recipient_id: o.recipient,
        ...(o.callbackData ? { biz_opaque_callback_data: o.callbackData } : {}),
        ...(o.errorCode ? { errors: [{ code: o.errorCode, title: "Message failed", message: "Message failed", error_data: { details: "failed for the test" } }] } : {}),
      },
    ],
  });
}

export function sign(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
