// Helpers of the ingestion e2e tests: fixture bytes, a WhatsApp document message in the
// Cloud API's wire format, and the owner/lead conversation plumbing on one tenant.
import { readFileSync } from "node:fs";
import { eventually, type Harness } from "./harness.js";
import { envelope, newWamid, textWebhook } from "./webhooks.js";

export const ingestFixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url)));

export function documentWebhook(o: { phoneNumberId: string; from: string; mediaId: string; filename?: string; mimeType: string; caption?: string }) {
  return envelope(o.phoneNumberId, {
    contacts: [{ profile: { name: "Priya (owner)" }, wa_id: o.from }],
    messages: [
      {
        from: o.from, id: newWamid(), timestamp: String(Math.floor(Date.now() / 1000)), type: "document",
        document: {
          id: o.mediaId, mime_type: o.mimeType, sha256: "ignored-by-us", ...(o.filename ? { filename: o.filename } : {}), ...(o.caption ? { caption: o.caption } : {}),
        },
      },
    ],
  });
}

type Send = { body: unknown };
export const textOf = (s: Send) => (s.body as { text?: { body: string } }).text?.body ?? "";

/** A tenant with a WhatsApp number and a registered owner; `say` waits for the next reply to that person. */
export async function whatsappOwnerTenant(h: Harness) {
  const t = await h.createTenant();
  const owner = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
  const r = await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: owner });
  if (r.status !== 201) throw new Error(`owner: ${r.status}`);
  const to = (who: string) => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId && (s.body as { to: string }).to === who);
  const waitFor = async (who: string, n: number, timeoutMs = 15_000) => {
    await eventually(async () => to(who).length >= n, timeoutMs);
    return textOf(to(who)[n - 1]!);
  };
  const say = async (from: string, text: string) => {
    const before = to(from).length;
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }));
    return waitFor(from, before + 1);
  };
  /** A document message; without `filename`, sent unnamed (as WhatsApp does for some forwarded files). */
  const sendFile = async (from: string, file: { bytes: Uint8Array; filename?: string; mimeType: string }) => {
    const mediaId = h.graph.addMedia({ bytes: file.bytes, mimeType: file.mimeType });
    const before = to(from).length;
    const res = await h.postWebhook(documentWebhook({ phoneNumberId: t.phoneNumberId, from, mediaId, filename: file.filename, mimeType: file.mimeType }));
    if (res.status !== 200) throw new Error(`webhook: ${res.status}`);
    return { mediaId, ack: await waitFor(from, before + 1), next: () => waitFor(from, before + 2, 30_000) };
  };
  return { ...t, owner, to, say, sendFile, waitFor };
}
