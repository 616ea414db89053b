// Tells the owner who sent a document how it went, on the channel it came from (and in
// its Slack thread), through the outbox like every message GrowAI starts. Once per upload:
// the idempotency key carries the upload's id, so a retried job never says it twice.
import type { Logger } from "../../core/logger.js";
import { startMessage } from "../pipeline/outbound.js";
import type { PipelineDeps } from "../pipeline/deps.js";
import type { NotifyTarget } from "./types.js";

export type Notifier = (tenantId: string, documentId: string, target: NotifyTarget | null, text: string) => Promise<void>;

export function outboxNotifier(d: Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues">, logger: Logger): Notifier {
  return async (tenantId, documentId, target, text) => {
    if (!target) return;
    try {
      await startMessage(d, {
        tenantId, channel: target.channel, address: target.address, text, purpose: "notification",
        idempotencyKey: `ingest:${documentId}:${target.uploadId}`, ...(target.threadId ? { threadId: target.threadId } : {}),
      });
    } catch (err) {
      // the document's status says the same; a channel removed since the upload must not fail the job
      logger.warn({ err, tenantId, documentId }, "could not tell the owner how their document went");
    }
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface IngestReport {
  entries: number;
  created: number;
  unchanged: number;
  removed: number;
  skipped: string[];
}

export function doneText(name: string, r: IngestReport): string {
  const parts = [`${r.created} new`];
  if (r.unchanged) parts.push(`${r.unchanged} unchanged`);
  if (r.removed) parts.push(`${r.removed} removed`);
  const lines = [`✅ ${name} is added to what I know: ${count(r.entries, "entry", "entries")} (${parts.join(", ")}). I'll answer customers from it now.`];
  if (r.skipped.length) {
    lines.push(`I skipped ${count(r.skipped.length, "row", "rows")}: ${r.skipped.slice(0, 5).join("; ")}${r.skipped.length > 5 ? "; …" : ""}.`);
  }
  return lines.join("\n");
}

export function failedText(name: string, reason: string): string {
  return `❌ I couldn't add ${name}: ${reason}`;
}
